// Running a Citus cluster under the server, on a cluster of this test's own (a worker is
// stopped here, and one added, which the shared test cluster must not see): a worker that
// is down makes its operations answer 503 while operations on the other worker keep
// working (signing in, which writes to every node, answers 503 too; the metrics leave the
// ledger's figures out); a worker added while the server runs takes shards from the others through
// Citus's rebalancer, and an operation that moved keeps its ledger intact.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/api/app.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import type { Db } from "../src/store/db.ts";
import { findOperation, findOperationWithHead } from "../src/store/catalogue.sql.ts";
import { verifyLedger } from "../src/app/verify.ts";
import { startCitusCluster, sql, workerPortOf, type CitusCluster } from "./helpers/citus-cluster.ts";
import { describeEachEngine } from "./helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, donorOf, event, line, seedOperation } from "./helpers/fixtures.ts";
import { cliEnv, runCli } from "../bench/cli-process.ts";

const DATABASE = "reliefline";
const SHARDS = 4;

describeEachEngine("a Citus cluster under a running server", ["citus"], () => {
  let cluster: CitusCluster;
  let db: Db;
  let app: FastifyInstance;
  /** Operation codes, one or more per shard, and the admin cookie of each. */
  const operations = new Map<string, { cookie: string; shard: number }>();

  const post = (code: string, body: object) =>
    app.inject({
      method: "POST",
      url: `/api/operations/${code}/events`,
      payload: body,
      headers: { cookie: operations.get(code)!.cookie },
    });
  const pledge = (code: string, quantity = "1") =>
    event("GoodsPledged", { from: donorOf(code), location: "DEPOT", lines: [line("FLOUR", quantity)] });
  const workerOf = async (code: string) => workerPortOf(db, (await findOperation(db, code))!.id);

  beforeAll(async () => {
    // Logical replication lets the rebalancer move shards while they are written to.
    const started = await startCitusCluster({ workers: 2, shardCount: SHARDS, settings: ["wal_level=logical"] });
    if ("skipped" in started) throw new Error(started.skipped);
    cluster = started;
    await cluster.createDatabase(DATABASE);
    db = await openPostgres(cluster.coordinator.url(DATABASE), 8);
    await migrate(db);
    app = await buildApp({ db, now: () => NOW });
    // Operations until every shard holds one (their ids are random), each with a pledge.
    for (let n = 1; new Set([...operations.values()].map((o) => o.shard)).size < SHARDS; n++) {
      if (n > 60) throw new Error("60 operations and still a shard without one");
      const code = `OP-${n}`;
      await seedOperation(db, code);
      // Each from an address of its own: sign-in is rate-limited per address (10 a minute).
      const cookie = await signInFrom(app, `admin-${code.toLowerCase()}@example.org`, `10.1.0.${n}`);
      const shard = await shardOf(db, (await findOperation(db, code))!.id);
      operations.set(code, { cookie, shard });
      expect((await post(code, pledge(code))).statusCode).toBe(201);
    }
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    cluster?.stop();
  });

  it("answers 503 for the operations of a stopped worker, and serves the others", async () => {
    const [first, second] = cluster.workers;
    const codes = [...operations.keys()];
    const down = await Promise.all(codes.map(async (code) => ({ code, port: await workerOf(code) })));
    const onFirst = down.find((o) => o.port === first!.port)!.code;
    const onSecond = down.find((o) => o.port === second!.port)!.code;
    const before = (await findOperationWithHead(db, onFirst))!.lastSeq;

    first!.stop("immediate");
    try {
      for (const res of [
        await app.inject({
          method: "GET",
          url: `/api/operations/${onFirst}/stock`,
          headers: { cookie: operations.get(onFirst)!.cookie },
        }),
        await post(onFirst, pledge(onFirst)),
      ]) {
        expect(res.statusCode, res.body).toBe(503);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.headers["retry-after"]).toBeDefined();
        expect(res.json()).toMatchObject({
          status: 503,
          type: expect.stringMatching(/unavailable$/),
          detail: expect.stringMatching(/worker .* is down/),
        });
      }
      const stock = await app.inject({
        method: "GET",
        url: `/api/operations/${onSecond}/stock`,
        headers: { cookie: operations.get(onSecond)!.cookie },
      });
      expect(stock.statusCode, stock.body).toBe(200);
      const appended = await post(onSecond, pledge(onSecond, "2"));
      expect(appended.statusCode, appended.body).toBe(201);
      // Signing in writes shared (reference) tables on every node: refused as unavailable, never a 500.
      const signingIn = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `admin-${onSecond.toLowerCase()}@example.org`, password: ADMIN_PASSWORD },
      });
      expect(signingIn.statusCode, signingIn.body).toBe(503);
      expect(signingIn.json()).toMatchObject({
        type: expect.stringMatching(/unavailable$/),
        detail: expect.stringMatching(/worker .* is down/),
      });
      // The metrics still answer, saying the ledger figures are left out.
      const metrics = await app.inject({
        method: "GET",
        url: "/api/metrics",
        headers: { cookie: operations.get(onSecond)!.cookie },
      });
      expect(metrics.statusCode, metrics.body).toBe(200);
      expect(metrics.body).toMatch(/^reliefline_ledger_figures_available 0$/m);
    } finally {
      await first!.start();
    }
    // Back up: the operation answers again, and the refused append left no trace.
    const stock = await app.inject({
      method: "GET",
      url: `/api/operations/${onFirst}/stock`,
      headers: { cookie: operations.get(onFirst)!.cookie },
    });
    expect(stock.statusCode, stock.body).toBe(200);
    expect((await findOperationWithHead(db, onFirst))!.lastSeq).toBe(before);
    expect((await post(onFirst, pledge(onFirst, "3"))).statusCode).toBe(201);
  }, 120_000);

  it("moves shards to a worker added while the server appends, each moved operation's ledger intact", async () => {
    const worker = await cluster.startWorker();
    await sql(worker.url(), `create database ${DATABASE}`);
    await sql(worker.url(DATABASE), "create extension citus");
    const heads = new Map<string, number>();
    for (const code of operations.keys()) heads.set(code, (await findOperationWithHead(db, code))!.lastSeq);

    await db.query("select citus_add_node('127.0.0.1', $1)", [worker.port]);
    await db.query("select citus_rebalance_start()");
    // Appends go on while the rebalancer moves shards (logical replication holds writes only for the final switch).
    const appended = new Map<string, number>();
    let moving = true;
    const waiting = db.query("select citus_rebalance_wait()").finally(() => (moving = false));
    while (moving) {
      for (const code of operations.keys()) {
        const res = await post(code, pledge(code));
        expect(res.statusCode, res.body).toBe(201);
        appended.set(code, (appended.get(code) ?? 0) + 1);
      }
    }
    await waiting;

    const [{ shards }] = (await db.query<{ shards: number }>(
      "select count(*)::int8 as shards from citus_shards where nodeport = $1 and table_name = 'events'::regclass",
      [worker.port],
    )) as [{ shards: number }];
    expect(shards).toBeGreaterThan(0);
    const moved = [];
    for (const code of operations.keys()) {
      const operation = (await findOperationWithHead(db, code))!;
      expect(operation.lastSeq).toBe(heads.get(code)! + (appended.get(code) ?? 0));
      const verified = await verifyLedger(db, operation);
      expect(verified.drift).toEqual([]);
      expect(verified).toMatchObject({ ok: true, chain: { ok: true }, head: { seq: operation.lastSeq } });
      if ((await workerPortOf(db, operation.id)) === worker.port) moved.push(code);
    }
    expect(moved.length).toBeGreaterThan(0);
    // And a moved operation takes new events on its new worker.
    expect((await post(moved[0]!, pledge(moved[0]!, "4"))).statusCode).toBe(201);
    // `reliefline verify`, as an operator runs it after rebalancing: every operation intact.
    const verify = await runCli(["verify", "--database-url", cluster.coordinator.url(DATABASE)], cliEnv());
    expect(verify.code, verify.output).toBe(0);
    for (const code of operations.keys()) expect(verify.stdout).toMatch(new RegExp(`^${code}: intact`, "m"));
  }, 180_000); // a worker to start, shards to move and every ledger to verify: minutes on a loaded 2-core machine
});

async function signInFrom(app: FastifyInstance, email: string, remoteAddress: string): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: ADMIN_PASSWORD },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return `rl_session=${res.cookies.find((c) => c.name === "rl_session")!.value}`;
}

/** The shard (its index among the events table's shards) holding the operation. */
async function shardOf(db: Db, operationId: string): Promise<number> {
  const [row] = await db.query<{ shard: number }>(
    `select (select count(*) from pg_dist_shard s where s.logicalrelid = 'events'::regclass and s.shardid < get_shard_id_for_distribution_column('events', $1::uuid))::int8 as shard`,
    [operationId],
  );
  return Number(row!.shard);
}
