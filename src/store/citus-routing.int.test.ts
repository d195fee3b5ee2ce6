// On a Citus cluster, an operation is one worker's business. Every statement the
// application sends while loading the demo operation and answering every GET under it is
// planned with EXPLAIN: each must run as one task (on the operation's worker, or on the
// coordinator for the shared reference tables), except the few lists across operations.
// An append, and a publication with the publish guard's reads, is a transaction on one
// worker (no two-phase commit), and the rows of one operation, in every distributed table,
// sit on one worker.
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../api/app.ts";
import { openPostgres } from "./postgres.ts";
import type { Db, Queryable, Tx } from "./db.ts";
import { describeEachEngine, freshCitusUrl } from "../../test/helpers/engines.ts";
import { recordingDb, type Recorded } from "../../test/helpers/recording-db.ts";
import { workerPortOf } from "../../test/helpers/citus-cluster.ts";
import { DEMO, DEMO_ADMIN_PASSWORD, seedDemo } from "../../test/helpers/demo.ts";
import { NOW, OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { signIn } from "../../test/helpers/http.ts";
import { recordEvents } from "../app/record-events.ts";
import { checkPublication, publish } from "../app/publications.ts";
import type { Principal } from "../app/principal.ts";
import { findOperation } from "./catalogue.sql.ts";
import { COORDINATOR_ONLY, tableLayout } from "./citus.sql.ts";
import { CHANGE_TRIGGER, ChangeFeed } from "./changes.ts";

/** Statements that read every operation on purpose: lists across operations. */
const CROSS_OPERATION: readonly { what: string; matches: RegExp }[] = [
  {
    what: "the list of operations with their ledger heads (GET /api/operations)",
    matches: /from operations o join ledger_heads h|from memberships m\s+join ledger_heads h/,
  },
  {
    what: "the public index of operations with publications (GET /public)",
    matches: /from publications where withdrawn_at is null group by operation_id\) p\s+join operations o/,
  },
];

const explainable = (text: string) => /^\s*(select|insert|update|delete|with)\b/i.test(text);

describeEachEngine("one operation, one worker", ["citus"], () => {
  let url: string;
  let db: ReturnType<typeof recordingDb>;
  let app: FastifyInstance;
  let other: Principal;

  beforeAll(async () => {
    url = await freshCitusUrl();
    db = recordingDb(await openPostgres(url, 5));
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

  it("appends in a transaction on the operation's worker alone: no other node, no two-phase commit", async () => {
    const operation = (await findOperation(db, OP))!;
    const pledge = event("GoodsPledged", {
      from: donorOf(),
      location: "DEPOT",
      lines: [line("FLOUR", "5", { uom: "TNE" })],
    });
    const remote = await withRemoteCommands(url, (one) => recordEvents(one, other, OP, [pledge], NOW));
    const ports = new Set(remote.map((r) => r.port));
    expect(ports, remote.map((r) => `${r.port}: ${r.command}`).join("\n")).toEqual(
      new Set([await workerPortOf(db, operation.id)]),
    );
    expect(remote.some((r) => /PREPARE TRANSACTION/i.test(r.command))).toBe(false);
    expect(remote.some((r) => /^COMMIT/i.test(r.command))).toBe(true);
  });

  it("appends a batch written by COPY in a transaction on the operation's worker alone, over one connection", async () => {
    const operation = (await findOperation(db, OP))!;
    const batch = Array.from({ length: 150 }, () =>
      event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] }),
    );
    const remote = await withRemoteCommands(url, (one) => recordEvents(one, other, OP, batch, NOW));
    const listed = remote.map((r) => `${r.port}: ${r.command.slice(0, 120)}`).join("\n");
    expect(
      remote.some((r) => /^COPY /i.test(r.command)),
      "the events went by COPY",
    ).toBe(true);
    expect(new Set(remote.map((r) => r.port)), listed).toEqual(new Set([await workerPortOf(db, operation.id)]));
    expect(
      remote.filter((r) => /^BEGIN/i.test(r.command)),
      listed,
    ).toHaveLength(1);
    // Citus commits a transaction that used COPY in two phases, even on one worker (docs/scale.md).
    expect(remote.at(-1)?.command, listed).toMatch(/^COMMIT PREPARED/);
  });

  it("publishes through the guard in a transaction on the operation's worker alone: no other node, no two-phase commit", async () => {
    const operation = (await findOperation(db, OP))!;
    // Unloading from a unit never loaded opens a discrepancy in the append, at a place the snapshot counts.
    await recordEvents(
      db,
      other,
      OP,
      [event("GoodsUnloaded", { unit: "54512348", location: "HUB", lines: [line("FLOUR", "1")] })],
      NOW,
    );
    const { discrepancies } = await checkPublication(db, other, OP, { kind: "snapshot" }, NOW);
    expect(discrepancies.length).toBeGreaterThan(0);
    const acknowledge = { discrepancies: discrepancies.map((d) => d.id), note: "counted again" };
    const remote = await withRemoteCommands(url, async (one) => {
      await expect(publish(one, other, OP, { kind: "snapshot" }, NOW)).rejects.toThrow(/Nothing was published/);
      await publish(one, other, OP, { kind: "snapshot", acknowledge }, NOW);
    });
    const ports = new Set(remote.map((r) => r.port));
    expect(ports, remote.map((r) => `${r.port}: ${r.command}`).join("\n")).toEqual(
      new Set([await workerPortOf(db, operation.id)]),
    );
    expect(remote.some((r) => /PREPARE TRANSACTION/i.test(r.command))).toBe(false);
    expect(remote.some((r) => /from (public\.)?discrepancies_\d+ d\b/i.test(r.command))).toBe(true);
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
  });
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

/**
 * Writes the demo's loading does not make: a plan approved, a statement and a snapshot published through the guard (open
 * discrepancies acknowledged), one withdrawn, a discrepancy explained, checks, an EPCIS round trip, the field app's device,
 * working set and sync.
 */
async function writeMore(app: FastifyInstance, cookie: string): Promise<void> {
  const call = async (method: "POST" | "PATCH", url: string, payload: unknown, type = "application/json") => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie, "content-type": type },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  };
  const op = `/api/operations/${DEMO}`;
  const plan = await call("POST", `${op}/plans`, {});
  await call("POST", `${op}/plans/${String(plan.id)}/approve`, {});
  // The publish guard reads the open discrepancies in the publishing transaction: asked first, then acknowledged.
  const check = await call("POST", `${op}/publications/check`, { kind: "statement", date: "2020-12-19", lang: "en" });
  const touching = (check.discrepancies as { id: string }[]).map((d) => d.id);
  expect(touching.length).toBeGreaterThan(0);
  const acknowledge = { discrepancies: touching, note: "counted again at the hub" };
  await call("POST", `${op}/publications`, { kind: "statement", date: "2020-12-19", lang: "ru", acknowledge });
  const snapshot = await call("POST", `${op}/publications/check`, { kind: "snapshot" });
  const published = await call("POST", `${op}/publications`, {
    kind: "snapshot",
    acknowledge: { ...acknowledge, discrepancies: (snapshot.discrepancies as { id: string }[]).map((d) => d.id) },
  });
  await call("POST", `${op}/publications/${String(published.id)}/withdraw`, { reason: "a newer count" });
  const discrepancies = (
    await app.inject({ method: "GET", url: `${op}/discrepancies`, headers: { cookie } })
  ).json() as { id: string; status: string }[];
  const open = discrepancies.find((d) => d.status === "open");
  if (open)
    await call("PATCH", `${op}/discrepancies/${open.id}`, { status: "explained", note: "counted again at the hub" });
  await call("POST", `${op}/reconcile`, {});
  await call("POST", `${op}/verify`, {});
  await call("POST", `${op}/claims/check`, { text: "By 19 December, 9 of the 54 rail cars had arrived." });
  await call("POST", "/api/operations", { code: "STP-COPY", name: "Copy", timeZone: "Asia/Yerevan" });
  // The field app: a device credential, its working set (whole, then what changed), a sync in mode=each, revoking it.
  const device = await call("POST", `${op}/devices`, {
    label: "Railhead phone",
    installationId: "01890a5d-ac96-774b-bcce-b302099a8057",
  });
  const phone = {
    authorization: `Bearer ${String(device.token)}`,
    "x-reliefline-outbox": "1",
    "x-reliefline-device-time": NOW.toISOString(),
  };
  const whole = await app.inject({ method: "GET", url: `${op}/field/working-set`, headers: phone });
  expect(whole.statusCode, whole.body.slice(0, 300)).toBe(200);
  const { cursor, units } = whole.json() as { cursor: string; units: { upsert: { number: string; status: string }[] } };
  const unit = units.upsert.find((u) => u.status === "departed") ?? units.upsert[0]!;
  const synced = await app.inject({
    method: "POST",
    url: `${op}/events/batch?mode=each`,
    headers: { ...phone, "content-type": "application/json" },
    payload: JSON.stringify({ events: [event("UnitArrived", { unit: unit.number, location: "STP-HUB" })] }),
  });
  expect(synced.statusCode, synced.body.slice(0, 300)).toBe(200);
  const delta = await app.inject({
    method: "GET",
    url: `${op}/field/working-set?since=${encodeURIComponent(cursor)}`,
    headers: phone,
  });
  expect(delta.statusCode, delta.body.slice(0, 300)).toBe(200);
  const revoked = await app.inject({
    method: "POST",
    url: `${op}/devices/${String(device.id)}/revoke`,
    headers: { cookie },
  });
  expect(revoked.statusCode, revoked.body.slice(0, 300)).toBe(204);
  const epcis = (await app.inject({ method: "GET", url: `${op}/export/epcis`, headers: { cookie } })).body;
  void epcis; // importing needs the copy's catalogue; the export's reads are what is checked here
}

/** GET every route under the demo operation, with ids taken from its lists. */
async function readEverything(app: FastifyInstance, cookie: string): Promise<void> {
  const get = async (url: string) => {
    const res = await app.inject({ method: "GET", url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res;
  };
  const op = `/api/operations/${DEMO}`;
  for (const path of [
    "",
    "/assets",
    "/claims",
    "/consignments",
    "/coverage",
    "/discrepancies",
    "/events",
    "/export/epcis",
    "/export/ledger",
    "/items",
    "/locations",
    "/members",
    "/needs",
    "/plans",
    "/progress",
    "/publications",
    "/reports/press?date=2020-12-19",
    "/reports/sitrep?from=2020-12-01&to=2020-12-19",
    "/stock",
    "/teams",
    "/units",
    "/devices",
    "/field/recording-delays",
  ]) {
    await get(op + path);
  }
  const first = async <T>(path: string, pick: (body: never) => T | undefined) =>
    pick((await get(op + path)).json() as never);
  const consignment = await first("/consignments", (b: { code: string }[]) => b[0]?.code);
  if (consignment) {
    await get(`${op}/consignments/${consignment}`);
    await get(`${op}/consignments/${consignment}/legs/1/units`);
  }
  const unit = await first(
    "/units",
    (b: { number: string }[] | { units: { number: string }[] }) => (Array.isArray(b) ? b : b.units)[0]?.number,
  );
  if (unit) {
    await get(`${op}/units/${unit}`);
    await get(`${op}/labels.pdf?units=${unit}`);
  }
  const team = await first("/teams", (b: { code: string }[]) => b[0]?.code);
  if (team) await get(`${op}/teams/${team}/activity`);
  for (const path of [
    "/api/operations",
    "/api/organisations",
    "/api/units-of-measure?q=tonne",
    "/api/auth/me",
    "/public",
    `/public/${DEMO}`,
    `/public/${DEMO}/publications.json`,
  ]) {
    const res = await app.inject({ method: "GET", url: path, headers: { cookie } });
    expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  }
}

interface RemoteCommand {
  port: number;
  command: string;
}

/**
 * Runs `act` on a Db of one connection that has Citus report every command it sends to
 * another node (citus.log_remote_commands), and returns those commands with their node's port.
 */
async function withRemoteCommands(url: string, act: (db: Db) => Promise<unknown>): Promise<RemoteCommand[]> {
  // Row types as the application's Db reads them (bigint as a number, numeric as text).
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === 20 ? Number : oid === 1700 ? String : pg.types.getTypeParser(oid, format),
  };
  const client = new pg.Client({ connectionString: url, types: types as pg.CustomTypesConfig });
  await client.connect();
  const remote: RemoteCommand[] = [];
  client.on("notice", (n) => {
    const port = /on server \S+@[^:]+:(\d+)/.exec(n.detail ?? "")?.[1];
    if (port && n.message?.startsWith("issuing "))
      remote.push({ port: Number(port), command: n.message.slice("issuing ".length) });
  });
  try {
    await client.query("set citus.log_remote_commands = on");
    const q: Queryable = {
      query: async (text, params = []) => (await client.query(text, params as unknown[])).rows,
      exec: async (text) => void (await client.query(text)),
      copyText: async (table, columns, rows) => {
        await pipeline(
          Readable.from([rows]),
          client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)),
        );
      },
    };
    const one: Db = {
      engine: "postgres",
      location: "one connection",
      ...q,
      async transaction(fn) {
        await client.query("begin");
        try {
          const result = await fn({ ...q, copyCsv: () => Promise.reject(new Error("not here")) } as Tx);
          await client.query("commit");
          return result;
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      },
      copyCsv: () => Promise.reject(new Error("not here")),
      listen: () => Promise.reject(new Error("not here")),
      changes: new ChangeFeed(false),
      listenForChanges: async () => undefined,
      close: async () => undefined,
    };
    remote.length = 0;
    await act(one);
    return remote;
  } finally {
    await client.end();
  }
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
