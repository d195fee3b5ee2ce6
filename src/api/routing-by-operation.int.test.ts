// The HTTP suite that also runs on the Citus cluster, where every table is distributed by its
// operation (the other HTTP suites run on PGlite only: see API_ENGINES in
// test/helpers/engines.ts). Two operations side by side, seeded with the same codes (places,
// items, the same wagon in a consignment of the same name): batches sent to both at once, single
// events to one, then each one's ledger, stock, units, progress and ledger export read over HTTP.
// Each answer holds that operation's rows only, with its own sequence and hash chain; one API
// token (reference tables, on every node) reads both, and the metrics count each from every shard.
import { afterAll, beforeAll, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { ROUTING_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { send } from "../../test/helpers/http-bad-input.ts";
import { exportVerifier } from "../core/ledger-export.ts";
import type { EventInput } from "../core/events.ts";

const A = OP;
const B = "TEST-OP-B";
const WAGON = "24073082";
/** How much lumber the wagon carries in each operation: different, so a row read from the other shows. */
const CARGO = { [A]: "19", [B]: "7" } as const;
type Op = keyof typeof CARGO;

describeEachEngine("two operations side by side over HTTP", ROUTING_ENGINES, (engine) => {
  let t: TestApp;
  const call = (method: "GET" | "POST" | "PUT", op: Op, path: string, body?: unknown) =>
    send(t.app, method, `/api/operations/${op}${path}`, { as: { cookie: t.admin }, body });
  const ok = async (method: "GET" | "POST" | "PUT", op: Op, path: string, body?: unknown) => {
    const res = await call(method, op, path, body);
    expect(res.statusCode, `${method} ${op}${path}: ${res.body}`).toBeLessThan(300);
    return res.json() as unknown;
  };
  const ledger = async (op: Op) =>
    (await ok("GET", op, "/events")) as { seq: number; prevHash: string; hash: string; event: { id: string } }[];
  const head = async (op: Op) => (await ok("GET", op, "")) as { lastSeq: number; lastHash: string };
  /** The ids each operation's ledger should hold, in order. */
  const recorded: Record<Op, string[]> = { [A]: [], [B]: [] };

  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    await seedOperation(t.db, B);
  });
  afterAll(async () => t.close());

  it("registers the same wagon into a consignment of the same name in each operation", async () => {
    for (const op of [A, B] as const) {
      await ok("POST", op, "/consignments", {
        code: "C1",
        name: "One wagon",
        origin: "DEPOT",
        destination: "RAILHEAD",
        plannedUnits: 1,
        mode: "rail",
        parts: [{ number: 1 }],
        legs: [{ seq: 1, mode: "rail", from: "DEPOT", to: "RAILHEAD" }],
      });
      await ok("POST", op, "/units", { number: WAGON, kind: "covered-wagon", consignment: "C1", part: 1 });
      await ok("PUT", op, `/units/${WAGON}/manifest`, { lines: [{ item: "LUMBER", quantity: CARGO[op] }] });
    }
  });

  it("records a batch in each at the same time, each with its own sequence and hash chain", async () => {
    const trip = (op: Op): EventInput[] => [
      event("GoodsPledged", { from: donorOf(op), location: "DEPOT", lines: [line("LUMBER", CARGO[op])] }),
      event("GoodsLoaded", { unit: WAGON, location: "DEPOT", lines: [line("LUMBER", CARGO[op])] }),
      event("UnitDeparted", { unit: WAGON, location: "DEPOT" }),
    ];
    const batches = { [A]: trip(A), [B]: trip(B) };
    const answers = await Promise.all(
      ([A, B] as const).map((op) => ok("POST", op, "/events/batch", { events: batches[op] })),
    );
    for (const [i, op] of ([A, B] as const).entries()) {
      expect(answers[i], op).toMatchObject({
        created: 3,
        duplicates: 0,
        results: batches[op].map((e, n) => ({ id: e.id, seq: n + 1, status: "created" })),
      });
      recorded[op].push(...batches[op].map((e) => e.id));
    }
    for (const op of [A, B] as const) {
      const records = await ledger(op);
      expect(
        records.map((r) => r.event.id),
        op,
      ).toEqual(recorded[op]);
      let prev = "0".repeat(64);
      for (const r of records) {
        expect(r.prevHash, `${op} #${r.seq}`).toBe(prev);
        prev = r.hash;
      }
      expect((await head(op)).lastHash).toBe(prev);
    }
    expect((await ledger(A))[0]!.hash, "the same seq, another chain").not.toBe((await ledger(B))[0]!.hash);

    expect(await ok("POST", A, "/events/batch", { events: batches[A] })).toMatchObject({ created: 0, duplicates: 3 });
    expect((await head(B)).lastSeq, "B untouched by A's retry").toBe(3);
  });

  it("records single events in one operation only, a retry once", async () => {
    const arrived = event("UnitArrived", { unit: WAGON, location: "RAILHEAD" });
    const unloaded = event("GoodsUnloaded", { unit: WAGON, location: "RAILHEAD", lines: [line("LUMBER", CARGO[A])] });
    expect(await ok("POST", A, "/events", arrived)).toEqual({ id: arrived.id, seq: 4, status: "created" });
    expect(await ok("POST", A, "/events", unloaded)).toEqual({ id: unloaded.id, seq: 5, status: "created" });
    const again = await call("POST", A, "/events", unloaded);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: unloaded.id, seq: 5, status: "duplicate" });
    recorded[A].push(arrived.id, unloaded.id);
    expect((await ledger(A)).map((r) => r.event.id)).toEqual(recorded[A]);
    expect((await ledger(B)).map((r) => r.event.id)).toEqual(recorded[B]);
  });

  it("reads each operation's stock, units and progress from its own events", async () => {
    const stock = async (op: Op) =>
      ((await ok("GET", op, "/stock?item=LUMBER")) as { location: string; quantity: string }[])
        .map((r) => `${r.location} ${r.quantity}`)
        .sort();
    expect(await stock(A)).toEqual(["RAILHEAD 19", `${donorOf(A)} -19`].sort());
    expect(await stock(B)).toEqual([`unit:${WAGON} 7`, `${donorOf(B)} -7`].sort());

    type Board = { units: { unit: string; status: string; cargo: { quantity: string }[] }[]; total: number };
    const board = async (op: Op) => (await ok("GET", op, "/units")) as Board;
    const [a, b] = [await board(A), await board(B)];
    expect(a.units.map((u) => [u.unit, u.status])).toEqual([[WAGON, "unloaded"]]);
    expect(b.units.map((u) => u.unit)).toEqual([WAGON]);
    expect(b.units[0]!.status).not.toBe("unloaded");
    expect(b.units[0]!.cargo).toMatchObject([{ quantity: "7" }]);
    const timeline = async (op: Op) =>
      ((await ok("GET", op, `/units/${WAGON}`)) as { timeline: { event: { id: string } }[] }).timeline.map(
        (x) => x.event.id,
      );
    expect(await timeline(A)).toEqual(recorded[A].slice(1));
    expect(await timeline(B)).toEqual(recorded[B].slice(1));

    const progress = async (op: Op) =>
      ((await ok("GET", op, "/progress?consignment=C1")) as { recorded: { unloaded: number } }[])[0]!.recorded.unloaded;
    expect(await progress(A)).toBe(1);
    expect(await progress(B)).toBe(0);
  });

  it("exports each operation's ledger as hashed, with its own events only", async () => {
    for (const op of [A, B] as const) {
      const res = await call("GET", op, "/export/ledger");
      expect(res.statusCode, res.body).toBe(200);
      const lines = res.body.split("\n").filter(Boolean);
      const check = exportVerifier();
      for (const l of lines) check.line(l);
      const now = await head(op);
      expect(check.finish(), op).toMatchObject({ ok: true, head: { seq: now.lastSeq, hash: now.lastHash } });
      const ids = lines.slice(1).map((l) => JSON.parse(l) as { event?: { id: string }; id?: string });
      expect(ids.map((e) => e.event?.id ?? e.id)).toEqual(recorded[op]);
    }
  });

  it("reads both with one API token, and counts each one's events in the metrics, from every shard", async () => {
    // Users, sessions and tokens are reference tables (on every node); the metrics read across operations.
    const created = await send(t.app, "POST", "/api/auth/tokens", {
      as: { cookie: t.admin },
      body: { name: "script" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    const bearer = { bearer: token };
    const operations = (await send(t.app, "GET", "/api/operations", { as: bearer })).json() as {
      code: string;
      lastSeq: number;
    }[];
    expect(operations.map((o) => [o.code, o.lastSeq]).sort()).toEqual([
      [A, recorded[A].length],
      [B, recorded[B].length],
    ]);
    const metrics = await send(t.app, "GET", "/api/metrics", { as: bearer });
    expect(metrics.statusCode, metrics.body).toBe(200);
    for (const op of [A, B] as const)
      expect(metrics.body).toMatch(
        new RegExp(`^reliefline_events_appended_total\\{operation="${op}"\\} ${recorded[op].length}$`, "m"),
      );
    expect((await send(t.app, "DELETE", `/api/auth/tokens/${id}`, { as: { cookie: t.admin } })).statusCode).toBe(204);
    expect((await send(t.app, "GET", "/api/operations", { as: bearer })).statusCode).toBe(401);
  });
});
