// Property tests of the stored ledger, on both engines. Every property run appends to the
// same seeded operation, so each run posts fresh UUIDv7 ids and compares before/after
// within the run. Write-offs are sent with `to: "loss"`: without it `recordEvents`
// refuses them (a known bug, asserted by the example tests at the end of this file).
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { batch, withIds } from "../../test/helpers/arbitraries.ts";
import type { EventDraft } from "../../test/helpers/arbitraries.ts";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { event, line, NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import { rebuildOperation, verifyOperation } from "../app/ledger.ts";
import type { Principal } from "../app/principal.ts";
import { recordEvents } from "../app/record-events.ts";
import { chainVerifier } from "../core/chain.ts";
import type { EventInput } from "../core/events.ts";
import { movesOf } from "../core/moves.ts";
import { canonicalQuantity } from "../core/quantity.ts";
import type { Balances } from "../core/stock.ts";
import { applyMoves, balanceKey } from "../core/stock.ts";
import type { Operation } from "./catalogue.sql.ts";
import { findOperationWithHead } from "./catalogue.sql.ts";
import { readEvents } from "./ledger.sql.ts";

/** Runs per property (RL_RUNS=60 for a soak run; raise --testTimeout then). */
const RUNS = Number(process.env.RL_RUNS ?? 10);
const batches = fc.array(batch({ explicitLoss: true }, 5), { minLength: 1, maxLength: 3 });

/** The same events as a sloppier client would resend them: upper-case ids, quantities padded. */
const respelled = (inputs: EventInput[]): EventInput[] =>
  inputs.map((e) => ({
    ...e,
    id: e.id.toUpperCase(),
    ...(e.lines && { lines: e.lines.map((l) => ({ ...l, quantity: pad(String(l.quantity)) })) }),
  }));
const pad = (q: string) => (q.includes(".") ? (q.split(".")[1]!.length < 6 ? `${q}0` : q) : `${q}.0`);

describeOnEngines("ledger properties", (db) => {
  let admin: Principal;
  let op: Operation;
  beforeAll(async () => {
    admin = await seedOperation(db());
    op = (await findOperationWithHead(db(), OP))!;
  });

  const post = (inputs: EventInput[]) => recordEvents(db(), admin, OP, inputs, NOW);
  const postAll = async (drafts: EventDraft[][]) => {
    for (const b of drafts) for (const o of await post(withIds(b))) expect(o.status).toBe("created");
  };
  const balances = () =>
    db().query<{ location_code: string; item_code: string; quantity: string }>(
      "select location_code, item_code, quantity::text as quantity from stock_balances where operation_id = $1 order by location_code, item_code",
      [op.id],
    );
  const moves = () =>
    db().query(
      `select seq, line, item_code, quantity::text as quantity, from_code, to_code, event_time::text as event_time
       from stock_moves where operation_id = $1 order by seq, line`,
      [op.id],
    );
  const lastSeq = async () => (await findOperationWithHead(db(), OP))!.lastSeq;

  it("posting any batch twice changes nothing the second time (even respelled)", async () => {
    await fc.assert(
      fc.asyncProperty(batch({ explicitLoss: true }, 6), async (drafts) => {
        const inputs = withIds(drafts);
        const first = await post(inputs);
        expect(first.map((o) => o.status)).toEqual(inputs.map(() => "created"));
        const before = { balances: await balances(), moves: await moves(), lastSeq: await lastSeq() };
        expect(before.lastSeq).toBe(first.at(-1)!.seq);

        const duplicate = first.map((o) => ({ ...o, status: "duplicate" }));
        expect(await post(inputs)).toEqual(duplicate);
        expect(await post(respelled(inputs))).toEqual(duplicate);
        expect({ balances: await balances(), moves: await moves(), lastSeq: await lastSeq() }).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("answers an event repeated inside one batch as a duplicate of the first, with its seq", async () => {
    await fc.assert(
      fc.asyncProperty(batch({ explicitLoss: true }, 4), fc.nat(), async (drafts, k) => {
        const inputs = withIds(drafts);
        const again = inputs[k % inputs.length]!;
        const outcomes = await post([...inputs, again]);
        const original = outcomes[k % inputs.length]!;
        expect(outcomes.at(-1)).toEqual({ id: again.id, seq: original.seq, status: "duplicate" });
        expect(await lastSeq()).toBe(outcomes.at(-2)!.seq);
      }),
      { numRuns: 5 },
    );
  });

  it("conserves stock in SQL: every item's balances sum to zero after any sequence of batches", async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (drafts) => {
        await postAll(drafts);
        const totals = await db().query<{ item_code: string; total: string }>(
          "select item_code, sum(quantity)::text as total from stock_balances where operation_id = $1 group by item_code",
          [op.id],
        );
        for (const t of totals)
          expect({ item: t.item_code, total: canonicalQuantity(t.total) }).toEqual({ item: t.item_code, total: "0" });
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps SQL balances equal to the pure fold of the stored events' moves", async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (drafts) => {
        await postAll(drafts);
        let folded: Balances = new Map();
        for await (const { record } of readEvents(db(), op.id)) folded = applyMoves(folded, movesOf(record.event));
        const stored = new Map(
          (await balances()).map((r) => [balanceKey(r.location_code, r.item_code), canonicalQuantity(r.quantity)]),
        );
        expect(stored).toEqual(folded);
      }),
      { numRuns: 5 },
    );
  });

  it("rebuilds byte-identical stock_balances and stock_moves by replaying the events", async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (drafts) => {
        await postAll(drafts);
        const before = { balances: await balances(), moves: await moves() };
        const { events } = await rebuildOperation(db(), op);
        expect(events).toBe(await lastSeq());
        expect({ balances: await balances(), moves: await moves() }).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("verifies the whole chain after all that, and it matches the operation's head", async () => {
    const head = await findOperationWithHead(db(), OP);
    expect(head!.lastSeq).toBeGreaterThan(RUNS);
    expect(await verifyOperation(db(), op)).toEqual({
      ok: true,
      head: { seq: head!.lastSeq, hash: head!.lastHash },
      checked: head!.lastSeq,
    });
    const v = chainVerifier();
    let n = 0;
    for await (const { record, mismatch } of readEvents(db(), op.id)) {
      expect(mismatch).toBeUndefined();
      expect(v.step(record)).toBe(true);
      n += 1;
    }
    expect(n).toBe(head!.lastSeq);
  });

  it("records a write-off without `to`: the goods go to loss", async () => {
    const writeOff = event("StockWrittenOff", { location: "HUB", lines: [line("FLOUR", "1.5")] });
    const [outcome] = await post([writeOff]);
    expect(outcome).toMatchObject({ id: writeOff.id, status: "created" });
    const [move] = await db().query(
      "select from_code, to_code, quantity::text as quantity from stock_moves where operation_id = $1 and seq = $2",
      [op.id, outcome!.seq],
    );
    expect(move).toEqual({ from_code: "HUB", to_code: "loss", quantity: "1.5" });
  });

  it.each<[string, Partial<EventInput>]>([
    ["an impossible calendar date", { eventTime: "2021-02-29T10:00:00+00:00" }],
    ["a note with a NUL character (jsonb cannot store U+0000)", { note: "pallet\u0000 7" }],
  ])("refuses %s as invalid input, not with a database error", async (_, change) => {
    const arrival = { ...event("UnitArrived", { unit: "24073082", location: "HUB" }), ...change };
    const before = await lastSeq();
    await expect(post([arrival])).rejects.toMatchObject({ code: "invalid" });
    expect(await lastSeq()).toBe(before);
  });
});
