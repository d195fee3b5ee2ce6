// On a Citus cluster, an operation is one worker's business. Every statement the
// application sends while loading the demo operation, writing a day's work and answering every
// GET under it is planned with EXPLAIN: each must run as one task (on the operation's worker,
// or on the coordinator for the shared reference tables), except the few lists across
// operations. Every table with an operation_id is distributed by it, and the rows of one
// operation, in every distributed table, sit on one worker. (That a write is a transaction on
// one worker: citus-transactions.int.test.ts.)
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../api/app.ts";
import { openPostgres } from "./postgres.ts";
import type { Queryable } from "./db.ts";
import { describeEachEngine, freshCitusUrl } from "../../test/helpers/engines.ts";
import { recordingDb, type Recorded } from "../../test/helpers/recording-db.ts";
import { workerPortOf } from "../../test/helpers/citus-cluster.ts";
import { DEMO, DEMO_ADMIN_PASSWORD, seedDemo } from "../../test/helpers/demo.ts";
import { readEverything, writeMore } from "../../test/helpers/demo-traffic.ts";
import { NOW, OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { signIn } from "../../test/helpers/http.ts";
import { recordEvents } from "../app/record-events.ts";
import type { Principal } from "../app/principal.ts";
import { findOperation } from "./catalogue.sql.ts";
import { COORDINATOR_ONLY, tableLayout } from "./citus.sql.ts";
import { CHANGE_TRIGGER } from "./changes.ts";

/** Statements that read every operation on purpose: lists across operations. */
const CROSS_OPERATION: readonly { what: string; matches: RegExp }[] = [
  {
    what: "the list of operations with their ledger heads (GET /api/operations)",
    matches: /from operations o join ledger_heads h|from memberships m\s+join ledger_heads h/,
  },
  {
    what: "a user's working phone credentials in all their operations, counted when one more is made (the cap of 20)",
    matches: /from device_credentials where user_id = \$1 and revoked_at is null and expires_at > \$2/,
  },
  {
    what: "the public index of operations with publications (GET /public)",
    matches: /from publications where withdrawn_at is null group by operation_id\) p\s+join operations o/,
  },
];

const explainable = (text: string) => /^\s*(select|insert|update|delete|with)\b/i.test(text);

describeEachEngine("one operation, one worker", ["citus"], () => {
  let db: ReturnType<typeof recordingDb>;
  let app: FastifyInstance;
  let other: Principal;

  beforeAll(async () => {
    db = recordingDb(await openPostgres(await freshCitusUrl(), 5));
    await seedDemo(db);
    other = await seedOperation(db, OP);
    app = await buildApp({ db, now: () => NOW });
    const cookie = await signIn(app, "demo-admin@example.org", DEMO_ADMIN_PASSWORD);
    await writeMore(app, cookie);
    await readEverything(app, cookie);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("plans every statement of the demo's loading and of every GET under it as one task, but the lists across operations", async () => {
    const statements = db.statements();
    const temporary = new Set(
      statements.flatMap((s) => [...s.text.matchAll(/create temporary table (\w+)/gi)].map((m) => m[1]!)),
    );
    const leansOnTemporary = (s: Recorded) => [...temporary].some((t) => new RegExp(`\\b${t}\\b`).test(s.text));
    const offenders: string[] = [];
    const counts = { oneTask: 0, coordinatorOnly: 0, crossOperation: 0, notExplained: 0 };
    for (const s of statements) {
      if (!explainable(s.text) || leansOnTemporary(s)) {
        counts.notExplained += 1;
        continue;
      }
      // Citus plans EXPLAIN of a statement with bound parameters generically; with the values written in, it plans what runs.
      const plan = (await db.query<{ "QUERY PLAN": string }>(`explain (costs off) ${inline(s.text, s.params)}`))
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      const tasks = [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1]));
      if (tasks.length === 0 && !/Citus/.test(plan)) counts.coordinatorOnly += 1;
      else if (tasks.length > 0 && tasks.every((n) => n === 1)) counts.oneTask += 1;
      else if (CROSS_OPERATION.some((c) => c.matches.test(s.text))) counts.crossOperation += 1;
      else offenders.push(`${s.text.replace(/\s+/g, " ").trim()}\n${plan}`);
    }
    console.log(
      `  ${statements.length} distinct statements: ${counts.oneTask} one task, ${counts.coordinatorOnly} on the coordinator only, ` +
        `${counts.crossOperation} across operations (allowed), ${counts.notExplained} not plannable alone (transaction control, DDL, temporary tables)`,
    );
    expect(offenders, `statements that read more than one shard:\n\n${offenders.join("\n\n")}`).toEqual([]);
    expect(counts.oneTask).toBeGreaterThan(50);
    expect(counts.crossOperation).toBeGreaterThan(0);
  });

  it("distributes every table with an operation_id by it, co-located with events; the shared ones are reference tables", async () => {
    const layout = await tableLayout(db);
    const scoped = await db.query<{ table: string }>(
      `select c.relname as table from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where a.attname = 'operation_id' and not a.attisdropped and c.relkind = 'r' and n.nspname = current_schema() order by 1`,
    );
    const distributed = await db.query<{ table: string; column: string; colocated: boolean }>(
      `select logicalrelid::text as table, column_to_column_name(logicalrelid, partkey) as column,
         colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'events'::regclass) as colocated
       from pg_dist_partition where partmethod = 'h' order by 1`,
    );
    expect(distributed.map((d) => d.table)).toEqual(scoped.map((t) => t.table));
    for (const d of distributed) expect(d, d.table).toMatchObject({ column: "operation_id", colocated: true });
    // Each table without an operation is named here: sharing it with every node is a decision, not a default.
    expect(
      layout
        .filter((t) => t.kind === "reference")
        .map((t) => t.table)
        .sort(),
    ).toEqual([
      "api_tokens",
      "auth_audit",
      "auth_throttle",
      "operations",
      "organisations",
      "sessions",
      "units_of_measure",
      "users",
    ]);
    expect(
      layout
        .filter((t) => t.kind === "coordinator")
        .map((t) => t.table)
        .sort(),
    ).toEqual([...COORDINATOR_ONLY].sort());
    // The change trigger (migration 013) stays on the coordinator's own tables; the query layer notifies for the cluster's.
    const triggered = await db.query<{ table: string }>(
      "select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname = $1 order by 1",
      [CHANGE_TRIGGER],
    );
    expect(triggered.map((t) => t.table)).toEqual(COORDINATOR_ONLY.filter((t) => t !== "schema_migrations"));
  });

  it("keeps the rows of one operation, in every distributed table, on one worker", async () => {
    await recordEvents(
      db,
      other,
      OP,
      [event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] })],
      NOW,
    );
    for (const code of [DEMO, OP]) {
      const { id } = (await findOperation(db, code))!;
      const placed = await rowsByNode(db, id);
      const nodes = new Set(placed.filter((p) => p.rows > 0).map((p) => p.port));
      expect(nodes, JSON.stringify(placed)).toEqual(new Set([await workerPortOf(db, id)]));
      expect(placed.filter((p) => p.rows > 0).map((p) => p.table)).toEqual(
        expect.arrayContaining([
          "events",
          "ledger_heads",
          "stock_moves",
          "stock_balances",
          "locations",
          "items",
          "memberships",
        ]),
      );
    }
    // Every shard of every distributed table is counted, twice: some 1,300 commands on the workers.
  }, 120_000);
});

/** The statement with its parameters written in as literals (of unknown type, inferred as a parameter's would be). */
function inline(text: string, params: readonly unknown[]): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (v instanceof Date) return pg.escapeLiteral(v.toISOString());
    if (Array.isArray(v))
      return pg.escapeLiteral(
        `{${v.map((e) => (e === null ? "NULL" : `"${String(e).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`,
      );
    if (typeof v === "object") return pg.escapeLiteral(JSON.stringify(v));
    return pg.escapeLiteral(String(v));
  };
  return text.replace(/\$(\d+)(?!\d)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

/** For every distributed table, how many of the operation's rows each node's shards hold. */
async function rowsByNode(
  db: Queryable,
  operationId: string,
): Promise<{ table: string; port: number; rows: number }[]> {
  const tables = await db.query<{ table: string }>(
    "select logicalrelid::text as table from pg_dist_partition where partmethod = 'h' order by 1",
  );
  const out: { table: string; port: number; rows: number }[] = [];
  for (const { table } of tables) {
    const rows = await db.query<{ port: number; rows: string }>(
      `select s.nodeport as port, r.result as rows
       from run_command_on_shards($1::regclass, format('select count(*) from %s where operation_id = %L', '%s', $2::text)) r
       join citus_shards s on s.shardid = r.shardid`,
      [table, operationId],
    );
    for (const r of rows) out.push({ table, port: Number(r.port), rows: Number(r.rows) });
  }
  return out.filter((r) => r.rows > 0);
}
