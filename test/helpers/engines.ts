// Runs a store test suite on every engine: embedded PGlite (from a migrated snapshot), a
// real PostgreSQL server (a fresh database cloned from the migrated template) and a
// one-machine Citus cluster (the distributed template cloned on every node). An engine
// whose server is missing is reported as skipped, with why.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { cloneOnNode } from "./citus-cluster.ts";
import type { Db } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { openPostgres } from "../../src/store/postgres.ts";

export type TestEngine = "pglite" | "postgres" | "citus";
export const ENGINES: readonly TestEngine[] = ["pglite", "postgres", "citus"];

const TEMPLATE = "reliefline_template";

export async function freshPglite(): Promise<Db> {
  return openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]) });
}

export async function freshPostgres(): Promise<Db> {
  return openPostgres(await freshPostgresUrl(), 5);
}

/** The URL of a new database on the PostgreSQL server, cloned from the migrated template. */
export async function freshPostgresUrl(): Promise<string> {
  const url = inject("postgresUrl");
  if (!url) throw new Error("no PostgreSQL server in this test run");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.query(`create database ${name} template ${TEMPLATE}`);
  await admin.close();
  return url.replace(/\/postgres$/, `/${name}`);
}

/** A new database on the Citus cluster: the distributed template, copied on every node. */
export async function freshCitus(): Promise<Db> {
  return openPostgres(await freshCitusUrl(), 5);
}

/** The coordinator URL of a new database on the Citus cluster. */
export async function freshCitusUrl(): Promise<string> {
  const nodes = inject("citusNodes");
  if (!nodes) throw new Error("no Citus cluster in this test run");
  const name = `t_${randomBytes(6).toString("hex")}`;
  await Promise.all(nodes.map((url) => cloneOnNode(url, TEMPLATE, name)));
  return nodes[0]!.replace(/\/postgres$/, `/${name}`);
}

export function freshDb(engine: TestEngine): Promise<Db> {
  return engine === "pglite" ? freshPglite() : engine === "postgres" ? freshPostgres() : freshCitus();
}

/** Why an engine is skipped in this run, or null when it runs. */
export function skippedEngine(engine: TestEngine): string | null {
  return engine === "postgres" ? inject("postgresSkipped") : engine === "citus" ? inject("citusSkipped") : null;
}

/** RELIEFLINE_TEST_ENGINES=citus (a comma-separated list) runs the suites on those engines only, while working on one. */
const only = process.env.RELIEFLINE_TEST_ENGINES?.split(",").map((e) => e.trim());

/** Declares `suite` once per engine, each in a describe block named after it (skipped, with why, when its server is missing). */
export function describeEachEngine(
  title: string,
  engines: readonly TestEngine[],
  suite: (engine: TestEngine) => void,
): void {
  for (const engine of engines.filter((e) => !only || only.includes(e))) {
    const skipped = skippedEngine(engine);
    const name = skipped ? `${title} [${engine}: skipped — ${skipped}]` : `${title} [${engine}]`;
    describe.skipIf(skipped !== null)(name, () => suite(engine));
  }
}

/** Declares `suite` once per engine; `db()` gives that engine's database inside the tests. */
export function describeOnEngines(
  title: string,
  suite: (db: () => Db, engine: TestEngine) => void,
  engines: readonly TestEngine[] = ENGINES,
): void {
  describeEachEngine(title, engines, (engine) => {
    let current: Db | undefined;
    beforeAll(async () => {
      current = await freshDb(engine);
    });
    afterAll(async () => current?.close());
    suite(() => {
      if (!current) throw new Error("database not ready");
      return current;
    }, engine);
  });
}

/**
 * The engine the HTTP suites run on: the embedded store the default server uses. What they
 * prove is the HTTP layer's (each answer's shape and status, bad input refused with a clear 4xx
 * and nothing stored, sign-in, sessions, tokens, roles, headers) and reads the same rows on any
 * engine: the SQL under them is the same, and the store suites (describeOnEngines) run it on
 * PostgreSQL and Citus too. What Citus adds, routing each statement to its operation's worker,
 * is proved end to end over HTTP by one suite, src/api/routing-by-operation.int.test.ts
 * (ROUTING_ENGINES). Running every HTTP suite on Citus as well cost about 150 s of a CI run.
 * Why PGlite alone is enough, suite by suite:
 * - success: the happy path; its Citus part (a batch, single events, a retry as duplicate, the
 *   ledger's hash chain, stock) is the routing suite's, for two operations at once.
 * - tracking, routes/latest-day: reads by operation (units, timelines, progress, a day's events);
 *   the routing suite reads units, a timeline and progress on Citus, the store suites the rest.
 * - metrics: its one Citus-specific read (the ledger's figures across operations, from every
 *   shard) is in the routing suite, with two operations' counts.
 * - auth, sign-in-guard, credentials-after-password: users, sessions, tokens and the sign-in audit
 *   are reference tables, not routed by operation; the routing suite signs in, and makes, uses
 *   and revokes an API token on Citus.
 * - authorisation: who may do what is decided in src/app from the members table before the
 *   store is asked; the routing suite reads each operation as its member.
 * - bad-input.* (accounts, catalogue, event batch, fields and rules, reads): refused by the
 *   schema, the domain rules or a look-up in the operation's own catalogue, with nothing stored:
 *   the same statements, and the same answers, on any engine.
 * - routes/public-feed-host: links built from the Host header; the publications under it run on
 *   all three engines (routes/publications*.int.test.ts).
 * A statement only these suites send could still fail on Citus alone (one it cannot plan): the
 * price of the time saved, narrowed by src/store/citus-routing.int.test.ts, which plans on Citus
 * every statement of the demo's loading, its main writes and every GET under an operation.
 */
export const API_ENGINES: readonly TestEngine[] = ["pglite"];

/** The engines of the one HTTP suite of routing by operation (src/api/routing-by-operation.int.test.ts). */
export const ROUTING_ENGINES: readonly TestEngine[] = ["pglite", "citus"];
