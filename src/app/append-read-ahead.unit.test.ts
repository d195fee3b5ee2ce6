import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { EventInput, RecordedEvent } from "../core/events.ts";
import { EVENT_TYPES, LOSS, recipientsLocation, unitLocation } from "../core/events.ts";
import type { LocationKind } from "../core/catalogue.ts";
import { decideEvent } from "../core/decide.ts";
import { movesOf } from "../core/moves.ts";
import { touchedPairs } from "./ledger-sense.ts";
import { unitsOf } from "./unit-projection.ts";
import { covers, expectedLookups, narrowed, negativeStockKey } from "./append-read-ahead.ts";
import type { ProjectionInputs } from "../store/append-rows.sql.ts";
import { balanceKey } from "../store/append-rows.sql.ts";

const places: [string, LocationKind][] = [
  ["W1", "warehouse"],
  ["W2", "hub-warehouse"],
  ["N1", "neighbourhood"],
  [unitLocation("U1"), "transport-unit"],
  [recipientsLocation("N1"), "recipients"],
  [LOSS, "loss"],
];
const ctx = {
  operationCode: "OP",
  locations: new Map(places.map(([code, kind]) => [code, { code, kind }])),
  items: new Map(["I1", "I2"].map((code) => [code, { code, uom: "KGM", kind: "goods" as const }])),
  knownUoms: new Set(["KGM"]),
  now: new Date("2026-12-07T10:00:00Z"),
  clockSkewMs: 0,
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const code = fc.constantFrom("W1", "W2", "N1");
const input: fc.Arbitrary<EventInput> = fc
  .record({
    type: fc.constantFrom(...EVENT_TYPES),
    location: maybe(code),
    from: maybe(code),
    to: maybe(code),
    unit: maybe(fc.constant("U1")),
    neighbourhood: maybe(fc.constant("N1")),
    lines: fc.array(
      fc.record({
        item: fc.constantFrom("I1", "I2"),
        quantity: fc.constantFrom("0", "3"),
        expected: maybe(fc.constantFrom("2", "4")),
      }),
      { maxLength: 2 },
    ),
  })
  .map((r) => {
    const defined = Object.entries(r).filter(([, v]) => v !== undefined);
    return {
      id: "0b6c8f0e-6f0c-4a57-9a55-3f1f5b0f6a1e",
      eventTime: "2026-12-07T09:00:00Z",
      ...Object.fromEntries(defined),
    } as EventInput;
  });

const record = (event: RecordedEvent["event"]): RecordedEvent =>
  ({ operationId: "op", seq: 1, recordedAt: "", recordedBy: "", event, prevHash: "", hash: "" }) as RecordedEvent;

/** What the projection read asks for once the events are decided (app/record-events.ts writeAppend). */
function wanted(events: RecordedEvent[]) {
  const moves = events.flatMap((r) => movesOf(r.event).map((m) => ({ ...m, eventTime: r.event.eventTime })));
  const pairs = touchedPairs(moves);
  const { byUnit, receiving } = unitsOf(events);
  return { units: [...byUnit.keys()], manifestUnits: receiving, stock: { pairs, keys: pairs.map(negativeStockKey) } };
}

describe("the projection read made before deciding", () => {
  it("asks for everything an accepted event touches, whatever its type and fields", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), (inputs) => {
        const decided = inputs.map((i) => decideEvent(i, ctx)).flatMap((d) => (d.ok ? [record(d.event)] : []));
        accepted += decided.length;
        const asked = expectedLookups(inputs);
        const want = wanted(decided);
        expect(covers(asked, want)).toBe(true);
        // The stored moves read ahead start no later than any pair the stock check starts from.
        for (const pair of want.stock.pairs) expect(asked.movesSince! <= pair.since).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Not vacuous: about one input in ten is accepted (most combinations are refused).
    expect(accepted).toBeGreaterThan(20);
  });

  it("is narrowed to what the accepted events touch", () => {
    const stored = (key: string) => ({ key }) as ProjectionInputs["negativeStock"][number];
    const found: ProjectionInputs = {
      states: new Map([
        ["U1", {} as never],
        ["U2", {} as never],
      ]),
      registered: new Map(),
      manifests: new Map([["U2", []]]),
      named: { places: [], items: [], consignments: [] } as unknown as ProjectionInputs["named"],
      negativeStock: [
        stored(negativeStockKey({ location: "W1", item: "I1" })),
        stored(negativeStockKey({ location: "W2", item: "I1" })),
      ],
      balances: new Map([
        [balanceKey("W1", "I1"), "5"],
        [balanceKey("W2", "I1"), "7"],
      ]),
      moves: [],
    };
    const pairs = [{ location: "W1", item: "I1", since: "" }];
    const only = narrowed(found, {
      units: ["U1"],
      manifestUnits: [],
      stock: { pairs, keys: pairs.map(negativeStockKey) },
    });
    expect([...only.states.keys()]).toEqual(["U1"]);
    expect(only.manifests.size).toBe(0);
    expect(only.negativeStock.map((d) => d.key)).toEqual([negativeStockKey({ location: "W1", item: "I1" })]);
    expect([...only.balances]).toEqual([[balanceKey("W1", "I1"), "5"]]);
  });
});
