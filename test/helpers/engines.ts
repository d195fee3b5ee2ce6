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
 * The engines the HTTP suites run on: the embedded store the default server uses, and the
 * Citus cluster, where routing by operation is what could break. (Plain PostgreSQL runs the
 * store suites; running every HTTP suite there too would add minutes for little.)
 */
export const API_ENGINES: readonly TestEngine[] = ["pglite", "citus"];
