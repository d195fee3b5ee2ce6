// End to end: `reliefline demo`, `verify` and `rebuild` as child processes, on an embedded
// data folder and on the test run's PostgreSQL server. Rows are altered and removed with
// SQL behind the application's back; verify must notice and name the event.
// Every check works on its own copy of the demo store (a copied folder, or a database
// cloned with CREATE DATABASE … TEMPLATE). The two engines' suites run side by side;
// within each, the checks run one after another (a busy two-core CI machine runs
// many child processes at once badly).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliEnv, runCli, type CliResult } from "../bench/cli-process.ts";
import type { Db } from "../src/store/db.ts";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";

const DEMO = "STP-RAIL-2020";
const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "e2e-admin-password-0" });
const skipped = inject("postgresSkipped");

/** What a store looks like to SQL: one engine's folder or database. */
interface Target {
  /** CLI arguments naming the store. */
  args: string[];
  open(): Promise<Db>;
}

const TAMPER = `update events set body = jsonb_set(body, '{note}', '"tampered"') where seq = 7`;
const DELETE_LAST = [
  "delete from stock_moves where seq = (select max(seq) from events)",
  "delete from events where seq = (select max(seq) from events)",
];

async function sql(target: Target, ...statements: string[]) {
  const db = await target.open();
  try {
    for (const s of statements) await db.query(s);
  } finally {
    await db.close();
  }
}

/** How many events the demo operation's ledger holds (the demo grows; the tests follow it). */
async function headSeq(target: Target): Promise<number> {
  const db = await target.open();
  try {
    const [row] = await db.query<{ last_seq: number }>(
      "select h.last_seq from ledger_heads h join operations o on o.id = h.operation_id where o.code = $1",
      [DEMO],
    );
    if (!row) throw new Error(`no operation ${DEMO} in the demo store`);
    return row.last_seq;
  } finally {
    await db.close();
  }
}

async function projections(target: Target) {
  const db = await target.open();
  try {
    return {
      balances: await db.query(
        "select location_code, item_code, quantity::text as quantity from stock_balances order by 1, 2",
      ),
      moves: await db.query(
        "select seq, line, item_code, quantity::text as quantity, from_code, to_code, event_time from stock_moves order by seq, line",
      ),
    };
  } finally {
    await db.close();
  }
}

const cli = (command: string, target: Target): Promise<CliResult> => runCli([command, ...target.args], env);

/**
 * The same checks on either engine. `copy(name)` gives an independent copy of the demo
 * store, so no check depends on another (and the original is never opened by a check:
 * PostgreSQL cannot clone a database someone is connected to).
 */
function ledgerSuite(copy: (name: string) => Promise<Target>, events: () => number) {
  it.sequential(
    "verify finds the demo ledger intact",
    async () => {
      const result = await cli("verify", await copy("intact"));
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`${DEMO}: intact — ${events()} events, head hash [0-9a-f]{64}`));
    },
    240_000,
  );

  it.sequential(
    "verify exits 1 and names event 7 after its row was altered with SQL",
    async () => {
      const target = await copy("tampered");
      await sql(target, TAMPER);
      const result = await cli("verify", target);
      expect(result.code, result.output).toBe(1);
      expect(result.stdout).toContain(`${DEMO}: BROKEN at event 7: event 7 was altered`);
      expect(result.stdout).not.toContain("intact");
    },
    240_000,
  );

  it.sequential(
    "verify exits 1 and names the missing event after the last row was deleted",
    async () => {
      const target = await copy("truncated");
      await sql(target, ...DELETE_LAST);
      const result = await cli("verify", target);
      expect(result.code, result.output).toBe(1);
      const last = events();
      expect(result.stdout).toContain(`${DEMO}: BROKEN at event ${last}:`);
      expect(result.stdout).toMatch(
        new RegExp(`holds ${last} events, but the chain ends at ${last - 1}: event ${last} onwards is missing`),
      );
    },
    240_000,
  );

  it.sequential(
    "verify exits 1 and names a balance and a unit state changed with SQL, with expected and found",
    async () => {
      const target = await copy("drifted");
      await sql(
        target,
        "update stock_balances set quantity = quantity + 7 where location_code = 'STP-HUB' and item_code = 'LUMBER'",
        "update unit_states set status = 'planned' where unit_number = (select min(unit_number) from unit_states)",
      );
      const result = await cli("verify", target);
      expect(result.code, result.output).toBe(1);
      expect(result.stdout).toContain(`${DEMO}: chain intact (${events()} events`);
      expect(result.stdout).toContain("DRIFT in stock_balances: 1 row differs");
      expect(result.stdout).toContain("stock_balances STP-HUB / LUMBER: expected 300, found 307");
      expect(result.stdout).toMatch(/unit_states unit \S+ status: expected \w+, found planned/);
    },
    240_000,
  );

  it.sequential(
    "rebuild exits 0 and leaves the balances and moves identical, even after the projections were damaged",
    async () => {
      const target = await copy("rebuilt");
      const before = await projections(target);
      expect(before.balances).toContainEqual({ location_code: "STP-HUB", item_code: "LUMBER", quantity: "300" });
      await sql(
        target,
        "update stock_balances set quantity = quantity + 1 where location_code = 'STP-HUB'",
        "delete from stock_moves where seq = 7",
      );
      const result = await cli("rebuild", target);
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain(`${DEMO}: stock rebuilt from ${events()} events.`);
      expect(await projections(target)).toEqual(before);
      const verified = await cli("verify", target);
      expect(verified.code, verified.output).toBe(0);
    },
    240_000,
  );
}

describe.concurrent("reliefline demo, verify and rebuild on an embedded data folder", () => {
  let tmp: string;
  let folder: string;
  let events = 0;
  const at = (dir: string): Target => ({
    args: ["--data", dir],
    open: () => openPglite({ dataDir: join(dir, "pgdata") }),
  });

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "reliefline-ledger-e2e-"));
    folder = join(tmp, "demo");
    const result = await runCli(["demo", "--data", folder], env);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Creating the embedded database");
    expect(result.stdout).toContain(`Loading the demo operation ${DEMO}`);
    expect(result.stdout).toMatch(/\d+ events to 19 December 2020/);
    events = await headSeq(at(folder));
    expect(events).toBeGreaterThan(7);
  }, 240_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const copy = async (name: string) => {
    const dir = join(tmp, name);
    cpSync(folder, dir, { recursive: true });
    return at(dir);
  };
  ledgerSuite(copy, () => events);

  it.sequential(
    "check-claims reads the origin report: exit 1, nine of 54 contradicted by the ledger's 26, the rest supported",
    async () => {
      const target = await copy("claims");
      const report = fileURLToPath(new URL("../../shared/origin/report.txt", import.meta.url));
      const result = await runCli(["check-claims", report, ...target.args], env);
      expect(result.code, result.output).toBe(1);
      expect(result.stdout).toContain("✗ CONTRADICTED  «nine out of 54 train cars»");
      expect(result.stdout).toContain("The ledger implies 26");
      expect(result.stdout).toContain("4 supported, 1 contradicted, 0 not checkable.");
      const json = await runCli(
        ["check-claims", report, "--json", "--lang", "ru", "--date", "2020-12-20", ...target.args],
        env,
      );
      const body = JSON.parse(json.stdout) as { claims: { verdict: string; explanation: string }[] };
      expect(body.claims.find((c) => c.verdict === "contradicted")!.explanation).toContain("По реестру 26");
      const missing = await runCli(["check-claims", join(tmp, "no-such-file.txt"), ...target.args], env);
      expect(missing.code).toBe(2);
      expect(missing.output).toContain("cannot read");
    },
    240_000,
  );

  it.sequential(
    "demo again on the same folder is a no-op",
    async () => {
      const result = await cli("demo", await copy("again"));
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain(`The demo operation ${DEMO} is already loaded.`);
    },
    240_000,
  );
});

(skipped === null ? describe.concurrent : describe.skip)(
  `reliefline demo, verify and rebuild on PostgreSQL${skipped ? ` [postgres: skipped — ${skipped}]` : ""}`,
  () => {
    const server = inject("postgresUrl") ?? "";
    const urlOf = (name: string) => server.replace(/\/postgres$/, `/${name}`);
    const at = (name: string): Target => ({
      args: ["--database-url", urlOf(name)],
      open: () => openPostgres(urlOf(name), 1),
    });
    const prefix = `e2e_${randomBytes(4).toString("hex")}`;
    const created: string[] = [];
    let events = 0;

    async function createDatabase(name: string, template: string) {
      const admin = await openPostgres(server, 1);
      try {
        await admin.query(`create database ${name} template ${template}`);
        created.push(name);
      } finally {
        await admin.close();
      }
    }

    beforeAll(async () => {
      await createDatabase(prefix, "reliefline_template");
      const result = await runCli(["demo", ...at(prefix).args], env);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain("Using PostgreSQL at postgres://postgres@127.0.0.1:");
      expect(result.stdout).toMatch(/\d+ events to 19 December 2020/);
      events = await headSeq(at(prefix));
      expect(events).toBeGreaterThan(7);
    }, 240_000);

    afterAll(async () => {
      const admin = await openPostgres(server, 1);
      try {
        for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.close();
      }
    });

    ledgerSuite(
      async (name) => {
        await createDatabase(`${prefix}_${name}`, prefix);
        return at(`${prefix}_${name}`);
      },
      () => events,
    );
  },
);
