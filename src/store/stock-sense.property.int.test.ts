// Stock in event-time order, as the store computes it (the append's check from a moment on,
// and reconcile's over the whole ledger), against a plain replay of the same moves: for any
// transfers between real places, recorded in any order and batching, the first instant
// each place went below zero, its balance then and the events of that instant agree.
import { expect, it } from "vitest";
import fc from "fast-check";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { donorOf, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import { v7 as uuidv7 } from "uuid";
import type { EventInput } from "../core/events.ts";
import { VIRTUAL_KINDS } from "../core/catalogue.ts";
import { recordEvents } from "../app/record-events.ts";
import { findOperation } from "./catalogue.sql.ts";
import { allNegativePoints, negativePointsSince } from "./stock-sense.sql.ts";
import { listDiscrepancies } from "./discrepancies.sql.ts";

const PLACES = ["DEPOT", "HUB", "N1"] as const;
const T0 = Date.parse("2020-12-01T00:00:00Z");
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

interface Move {
  id: string;
  from: string;
  to: string;
  quantity: number;
  minute: number;
}

/** The first instant at or after `since` each real place held less than nothing of flour, by replaying every move. */
function replay(
  moves: readonly Move[],
  since: number,
): { location: string; time: string; balance: string; evidence: string[] }[] {
  const out = [];
  for (const place of PLACES) {
    const touching = moves.filter((m) => m.from === place || m.to === place);
    const delta = (m: Move) => (m.to === place ? m.quantity : -m.quantity);
    const minutes = [...new Set(touching.map((m) => m.minute))].sort((a, b) => a - b);
    let balance = 0;
    for (const minute of minutes) {
      const now = touching.filter((m) => m.minute === minute);
      balance += now.reduce((n, m) => n + delta(m), 0);
      if (minute >= since && balance < 0) {
        out.push({
          location: place,
          time: at(minute),
          balance: String(balance),
          evidence: now.map((m) => m.id).sort(),
        });
        break;
      }
    }
  }
  return out;
}

const move = fc.record({
  from: fc.constantFrom(...PLACES),
  to: fc.constantFrom(...PLACES),
  quantity: fc.integer({ min: 1, max: 40 }),
  minute: fc.integer({ min: 1, max: 30 }), // few minutes, so several moves often share an instant
});

describeOnEngines("stock in event-time order", (db) => {
  let run = 0;

  /** Records the moves newest first in batches of the given sizes, then checks every reading of them against a replay. */
  async function recordAndCheck(drafts: Omit<Move, "id">[], since: number, cuts: number[]) {
    const code = `SENSE-PROP-${++run}`;
    const admin = await seedOperation(db(), code);
    const moves: Move[] = drafts.map((d) => ({ ...d, id: uuidv7() }));
    const pledge: EventInput = {
      id: uuidv7(),
      type: "GoodsPledged",
      eventTime: at(0),
      from: donorOf(code),
      location: "DEPOT",
      lines: [{ item: "FLOUR", quantity: "30" }],
    };
    const inputs: EventInput[] = moves.map((m) => ({
      id: m.id,
      type: "StockTransferred",
      eventTime: at(m.minute),
      from: m.from,
      to: m.to,
      lines: [{ item: "FLOUR", quantity: String(m.quantity) }],
    }));
    // Recorded newest first, in batches of the given sizes: the order of recording changes nothing.
    const queue = [pledge, ...inputs.reverse()];
    for (let i = 0; queue.length > 0; i++)
      await recordEvents(db(), admin, code, queue.splice(0, cuts[i % cuts.length]!), NOW);

    const all = [{ id: pledge.id, from: donorOf(code), to: "DEPOT", quantity: 30, minute: 0 }, ...moves];
    const operation = (await findOperation(db(), code))!;
    const shape = (rows: { location: string; time: string; balance: string; evidence: string[] }[]) =>
      rows.map((r) => ({
        location: r.location,
        time: r.time,
        balance: r.balance,
        evidence: [...r.evidence].sort(),
      }));
    expect(shape(await allNegativePoints(db(), operation.id, VIRTUAL_KINDS))).toEqual(replay(all, 0));
    // What the appends themselves left open (each checked its own moves with what was stored before).
    const open = (await listDiscrepancies(db(), operation.id, { kind: "negative-stock", status: "open" }))
      .map((d) => d.facts as { place: string; time: string; balance: string })
      .map((f) => ({ location: f.place, time: f.time, balance: f.balance }))
      .sort((a, b) => (a.location < b.location ? -1 : 1));
    expect(open).toEqual(replay(all, 0).map(({ evidence: _, ...point }) => point));
    const pairs = PLACES.map((location) => ({ location, item: "FLOUR", since: at(since) }));
    expect(shape(await negativePointsSince(db(), operation.id, pairs, VIRTUAL_KINDS))).toEqual(replay(all, since));
  }

  it("agrees with a replay of the moves, from any moment, however they were recorded, and so do the appends' own findings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          move.filter((m) => m.from !== m.to),
          { minLength: 1, maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 31 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 20 }),
        recordAndCheck,
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  // Appends of 100 events or more read no projection ahead: their check reads the stored moves itself.
  it("agrees in batches of a hundred events and more too", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          move.filter((m) => m.from !== m.to),
          { minLength: 150, maxLength: 250 },
        ),
        fc.integer({ min: 0, max: 31 }),
        // A few of the newest first, then the older ones in batches of 100 or more.
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 100, max: 130 }),
        (drafts, since, first, then) => recordAndCheck(drafts, since, [first, then, then]),
      ),
      { numRuns: 4 },
    );
  }, 300_000);
});
