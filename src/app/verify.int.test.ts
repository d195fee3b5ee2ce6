// `verify` covers every figure served, on both engines: after tampering with an event,
// a stock move, a balance, a unit state or a publication through SQL, the drift is named
// (table, item, place or unit, expected and found); put back, the ledger is intact again.
import { beforeAll, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import type { Db } from "../store/db.ts";
import { findOperation, type Operation } from "../store/catalogue.sql.ts";
import type { Principal } from "./principal.ts";
import { verifyLedger, verifyOperationLedger } from "./verify.ts";
import { AppError } from "./errors.ts";
import { createUser } from "./identity.ts";
import { recordEvents } from "./record-events.ts";

/** Runs `tamper`, verifies, runs `undo`. */
async function tampered(db: Db, operation: Operation, tamper: string[], undo: string[]) {
  for (const sql of tamper) await asTamperer(db, sql);
  try {
    return await verifyLedger(db, operation);
  } finally {
    for (const sql of undo) await asTamperer(db, sql);
  }
}

/** Citus switches a distributed table's trigger only with its unsafe-triggers setting on; elsewhere the setting is inert. */
const asTamperer = (db: Db, sql: string) =>
  db.transaction(async (tx) => {
    await tx.exec("set local citus.enable_unsafe_triggers = on");
    await tx.exec(sql);
  });

describeOnEngines("verify: the chain and every projection", (db) => {
  let admin: Principal;
  let op: Operation;
  let where: string;
  beforeAll(async () => {
    admin = await seedDemo(db());
    op = (await findOperation(db(), DEMO))!;
    where = `operation_id = '${op.id}'`;
    const [head] = await db().query<{ last_seq: number; last_hash: string }>(
      "select last_seq, last_hash from ledger_heads where operation_id = $1",
      [op.id],
    );
    await db().query(
      `insert into publications (operation_id, id, kind, title, language, content, ledger_seq, ledger_hash, published_at, published_by)
       values ($1, $2, 'snapshot', 'Figures', 'en', '{}', $3, $4, $5, $6)`,
      [op.id, uuidv7(), head!.last_seq, head!.last_hash, NOW, admin.userId],
    );
  });

  it("finds the demo intact: chain, moves, balances, unit states and publications", async () => {
    const result = await verifyLedger(db(), op);
    expect(result.drift).toEqual([]);
    expect(result).toMatchObject({ ok: true, chain: { ok: true } });
    expect(result.checked.events).toBe(result.head.seq);
    expect(result.checked.moves).toBeGreaterThan(50);
    expect(result.checked.units).toBeGreaterThan(26);
    expect(result.checked.publications).toBe(1);
  });

  it("names a changed stock move: its seq and line, what the event implies and what is stored", async () => {
    const [m] = await db().query<{ seq: number; line: number }>(
      `select seq, line from stock_moves where ${where} and item_code = 'LUMBER' and from_code like 'unit:%' and to_code = 'AM-EVN' order by seq limit 1`,
    );
    const result = await tampered(
      db(),
      op,
      [`update stock_moves set quantity = quantity + 1 where ${where} and seq = ${m!.seq} and line = ${m!.line}`],
      [`update stock_moves set quantity = quantity - 1 where ${where} and seq = ${m!.seq} and line = ${m!.line}`],
    );
    expect(result.ok).toBe(false);
    expect(result.driftCounts).toMatchObject({ stock_moves: 1, stock_balances: 0, events: 0 });
    expect(result.drift[0]).toMatchObject({
      table: "stock_moves",
      key: `seq ${m!.seq} line ${m!.line}`,
      seq: m!.seq,
      item: "LUMBER",
    });
    expect(result.drift[0]!.expected).toMatch(/^LUMBER 19 from /);
    expect(result.drift[0]!.found).toMatch(/^LUMBER 20 from /);
  });

  it("names a deleted stock move as missing", async () => {
    const [m] = await db().query<Record<string, unknown>>(
      `select * from stock_moves where ${where} and item_code = 'CRANE' order by seq limit 1`,
    );
    const result = await tampered(
      db(),
      op,
      [`delete from stock_moves where ${where} and seq = ${m!.seq} and line = ${m!.line}`],
      [],
    );
    await db().query(
      "insert into stock_moves (operation_id, seq, line, item_code, quantity, from_code, to_code, event_time) values ($1, $2, $3, $4, $5, $6, $7, $8)",
      [m!.operation_id, m!.seq, m!.line, m!.item_code, m!.quantity, m!.from_code, m!.to_code, m!.event_time],
    );
    expect(result.drift).toContainEqual(
      expect.objectContaining({ table: "stock_moves", seq: m!.seq, item: "CRANE", found: null }),
    );
  });

  it("names a changed balance: the place, the item, the sum of the moves and the stored figure", async () => {
    const result = await tampered(
      db(),
      op,
      [
        `update stock_balances set quantity = quantity + 10 where ${where} and location_code = 'STP-HUB' and item_code = 'LUMBER'`,
      ],
      [
        `update stock_balances set quantity = quantity - 10 where ${where} and location_code = 'STP-HUB' and item_code = 'LUMBER'`,
      ],
    );
    expect(result.driftCounts).toMatchObject({ stock_balances: 1, stock_moves: 0 });
    const d = result.drift.find((x) => x.table === "stock_balances")!;
    expect(d).toMatchObject({ key: "STP-HUB / LUMBER", location: "STP-HUB", item: "LUMBER" });
    expect(Number(d.found) - Number(d.expected)).toBe(10);
  });

  it("names a balance added for an item that never moved there", async () => {
    const result = await tampered(
      db(),
      op,
      [
        `insert into stock_balances (operation_id, location_code, item_code, quantity) values ('${op.id}', 'STP-CENTRE', 'CRANE', 3)`,
      ],
      [`delete from stock_balances where ${where} and location_code = 'STP-CENTRE' and item_code = 'CRANE'`],
    );
    expect(result.drift).toContainEqual(
      expect.objectContaining({
        table: "stock_balances",
        location: "STP-CENTRE",
        item: "CRANE",
        expected: "0",
        found: "3",
      }),
    );
  });

  it("names a unit whose stored state was changed, field by field", async () => {
    const [u] = await db().query<{ unit_number: string }>(
      `select unit_number from unit_states where ${where} and status = 'unloaded' and arrived_at is null order by unit_number limit 1`,
    );
    const result = await tampered(
      db(),
      op,
      [
        `update unit_states set status = 'arrived', arrived_at = unloaded_at where ${where} and unit_number = '${u!.unit_number}'`,
      ],
      [
        `update unit_states set status = 'unloaded', arrived_at = null where ${where} and unit_number = '${u!.unit_number}'`,
      ],
    );
    expect(
      result.drift
        .filter((d) => d.table === "unit_states")
        .map((d) => d.key)
        .sort(),
    ).toEqual([`unit ${u!.unit_number} arrivedAt`, `unit ${u!.unit_number} status`]);
    expect(result.drift).toContainEqual(
      expect.objectContaining({ table: "unit_states", unit: u!.unit_number, expected: "unloaded", found: "arrived" }),
    );
  });

  it("names a unit state deleted, and one invented for a unit with no events", async () => {
    const [row] = await db().query<{ unit_number: string }>(
      `select unit_number from unit_states where ${where} order by unit_number limit 1`,
    );
    const saved = `create temporary table saved_state as select * from unit_states where ${where} and unit_number = '${row!.unit_number}'`;
    const result = await tampered(
      db(),
      op,
      [
        saved,
        `delete from unit_states where ${where} and unit_number = '${row!.unit_number}'`,
        `insert into unit_states (operation_id, unit_number, status, trip, loaded, unloaded, received, event_count) values ('${op.id}', 'GHOST-1', 'arrived', 1, '{}', '{}', '{}', 1)`,
      ],
      [
        "insert into unit_states select * from saved_state",
        "drop table saved_state",
        `delete from unit_states where ${where} and unit_number = 'GHOST-1'`,
      ],
    );
    expect(result.drift).toContainEqual(
      expect.objectContaining({ table: "unit_states", unit: row!.unit_number, found: null }),
    );
    expect(result.drift).toContainEqual(
      expect.objectContaining({ table: "unit_states", unit: "GHOST-1", expected: null }),
    );
  });

  it("names a publication whose recorded seq or hash is not the chain's", async () => {
    const result = await tampered(
      db(),
      op,
      [
        "alter table publications disable trigger publications_append_only",
        `update publications set ledger_seq = ledger_seq - 1 where ${where}`,
      ],
      [
        `update publications set ledger_seq = ledger_seq + 1 where ${where}`,
        "alter table publications enable trigger publications_append_only",
      ],
    );
    const d = result.drift.find((x) => x.table === "publications")!;
    expect(d.key).toMatch(/^publication [0-9a-f-]{36}$/);
    expect(d.expected).not.toBe(d.found);
    expect(result.driftCounts.publications).toBe(1);
  });

  it("names an altered event: the chain breaks there, and the moves and balances it implied no longer match", async () => {
    const [e] = await db().query<{ seq: number }>(
      `select seq from events where ${where} and type = 'GoodsUnloaded' and body -> 'lines' -> 0 ->> 'item' = 'LUMBER' order by seq limit 1`,
    );
    const set = (q: string) =>
      `update events set body = jsonb_set(body, '{lines,0,quantity}', '"${q}"') where ${where} and seq = ${e!.seq}`;
    const [{ q }] = (await db().query<{ q: string }>(
      `select body -> 'lines' -> 0 ->> 'quantity' as q from events where ${where} and seq = ${e!.seq}`,
    )) as [{ q: string }];
    const result = await tampered(db(), op, [set("999")], [set(q)]);
    expect(result.chain).toMatchObject({ ok: false, seq: e!.seq });
    expect(result.drift[0]).toMatchObject({ table: "events", seq: e!.seq });
    expect(result.drift).toContainEqual(
      expect.objectContaining({ table: "stock_moves", seq: e!.seq, found: expect.stringMatching(/^LUMBER 1[89] /) }),
    );
    expect(result.driftCounts.stock_balances).toBeGreaterThan(0);
  });

  it("is intact again once everything is put back", async () => {
    expect((await verifyLedger(db(), op)).drift).toEqual([]);
  });

  it("checks the events on worker threads as it does in this thread: same verdicts, intact and tampered", async () => {
    expect(await verifyLedger(db(), op, undefined, { workers: 2 })).toEqual(
      await verifyLedger(db(), op, undefined, { workers: 0 }),
    );
    const set = (note: string) =>
      `update events set body = jsonb_set(body, '{note}', '"${note}"') where ${where} and seq = 7`;
    const [{ note }] = (await db().query<{ note: string | null }>(
      `select body ->> 'note' as note from events where ${where} and seq = 7`,
    )) as [{ note: string | null }];
    await db().exec(set("tampered"));
    try {
      const threaded = await verifyLedger(db(), op, undefined, { workers: 2 });
      expect(threaded.chain).toMatchObject({
        ok: false,
        seq: 7,
        reason: "event 7 was altered: its content no longer matches its hash",
      });
      expect(threaded).toEqual(await verifyLedger(db(), op, undefined, { workers: 0 }));
    } finally {
      await db().exec(note === null ? `update events set body = body - 'note' where ${where} and seq = 7` : set(note));
    }
    expect((await verifyLedger(db(), op, undefined, { workers: 1 })).ok).toBe(true);
  });

  it("checks small batches across 2 and 3 workers as one batch in this thread: intact, and every drift named alike", async () => {
    const inThread = { workers: 0, batch: 100_000 };
    const across = [
      { workers: 2, batch: 7 },
      { workers: 3, batch: 10 },
    ];
    const intact = await verifyLedger(db(), op, undefined, inThread);
    expect(intact.ok).toBe(true);
    for (const options of across) expect(await verifyLedger(db(), op, undefined, options)).toEqual(intact);
    const [m] = await db().query<{ seq: number; line: number }>(
      `select seq, line from stock_moves where ${where} order by seq desc limit 1 offset 5`,
    );
    const [u] = await db().query<{ unit_number: string }>(
      `select unit_number from unit_states where ${where} order by unit_number desc limit 1`,
    );
    const move = `where ${where} and seq = ${m!.seq} and line = ${m!.line}`;
    const balance = `where ${where} and location_code = 'STP-HUB' and item_code = 'LUMBER'`;
    const unit = `where ${where} and unit_number = '${u!.unit_number}'`;
    const tamper = [
      `update stock_moves set quantity = quantity + 2 ${move}`,
      `update stock_balances set quantity = quantity + 5 ${balance}`,
      `update unit_states set event_count = event_count + 1 ${unit}`,
    ];
    const undo = [
      `update stock_moves set quantity = quantity - 2 ${move}`,
      `update stock_balances set quantity = quantity - 5 ${balance}`,
      `update unit_states set event_count = event_count - 1 ${unit}`,
    ];
    for (const sql of tamper) await asTamperer(db(), sql);
    try {
      const expected = await verifyLedger(db(), op, undefined, inThread);
      expect(expected.driftCounts).toMatchObject({ stock_moves: 1, stock_balances: 1, unit_states: 1, events: 0 });
      const named = (table: string) => expected.drift.find((d) => d.table === table)!;
      expect(named("stock_moves")).toMatchObject({ seq: m!.seq, key: `seq ${m!.seq} line ${m!.line}` });
      expect(named("stock_moves").expected).not.toBe(named("stock_moves").found);
      expect(named("stock_balances")).toMatchObject({ location: "STP-HUB", item: "LUMBER" });
      expect(Number(named("stock_balances").found) - Number(named("stock_balances").expected)).toBe(5);
      expect(named("unit_states")).toMatchObject({ unit: u!.unit_number, key: `unit ${u!.unit_number} events` });
      for (const options of across) expect(await verifyLedger(db(), op, undefined, options)).toEqual(expected);
    } finally {
      for (const sql of undo) await asTamperer(db(), sql);
    }
    expect((await verifyLedger(db(), op, undefined, across[0])).ok).toBe(true);
  });

  it("replays a unit whose events were recorded out of event-time order, and finds it as the projection has it", async () => {
    const [car] = await db().query<{ unit_number: string }>(
      `select unit_number from unit_states where ${where} and status = 'unloaded' and arrived_at is null order by unit_number limit 1`,
    );
    const late = {
      id: uuidv7(),
      type: "UnitArrived" as const,
      eventTime: "2020-12-18T20:00:00+04:00",
      unit: car!.unit_number,
      location: "AM-EVN",
    };
    await recordEvents(db(), admin, DEMO, [late], NOW);
    const result = await verifyLedger(db(), op);
    expect(result.drift).toEqual([]);
    const [state] = await db().query<{ arrived_at: Date }>(
      `select arrived_at from unit_states where ${where} and unit_number = $1`,
      [car!.unit_number],
    );
    expect(state!.arrived_at.toISOString()).toBe("2020-12-18T16:00:00.000Z");
  });

  it("is for operation admins only", async () => {
    const { user } = await createUser(db(), admin, {
      email: "not-admin@example.org",
      name: "Viewer",
      password: "a long enough password",
    });
    await db().query("insert into memberships (operation_id, user_id, role) values ($1, $2, 'viewer')", [
      op.id,
      user.id,
    ]);
    const error = await verifyOperationLedger(db(), { userId: user.id, email: user.email, isAdmin: false }, DEMO).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden" });
    expect((await verifyOperationLedger(db(), admin, DEMO)).ok).toBe(true);
  });
});
