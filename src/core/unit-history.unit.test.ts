import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { LedgerEvent } from "./events.ts";
import { unitHistory } from "./unit-history.ts";

const ev = (
  id: string,
  type: LedgerEvent["type"],
  eventTime: string,
  rest: Partial<LedgerEvent> = {},
): LedgerEvent => ({ id, type, eventTime, unit: "60521183", ...rest });
const lumber = (q: string) => [{ item: "LUMBER", quantity: q, uom: "MTQ" }];

const railCar: LedgerEvent[] = [
  ev("01", "GoodsLoaded", "2020-12-08T08:00:00+03:00", { location: "NOGINSK", lines: lumber("19") }),
  ev("02", "UnitDeparted", "2020-12-09T05:30:00+03:00", { location: "NOGINSK" }),
  ev("03", "UnitArrived", "2020-12-18T22:00:00+04:00", { location: "AM-EVN" }),
  ev("04", "GoodsUnloaded", "2020-12-19T10:00:00+04:00", { location: "AM-EVN", lines: lumber("12") }),
  ev("05", "GoodsUnloaded", "2020-12-19T10:00:00+04:00", { location: "AM-EVN", lines: lumber("7") }),
];

describe("a rail car's state", () => {
  it("follows the lifecycle planned → loaded → departed → arrived → unloaded", () => {
    expect(unitHistory([]).status).toBe("planned");
    expect(unitHistory(railCar.slice(0, 1)).status).toBe("loaded");
    expect(unitHistory(railCar.slice(0, 2)).status).toBe("departed");
    expect(unitHistory(railCar.slice(0, 3)).status).toBe("arrived");
    const s = unitHistory(railCar);
    expect(s).toMatchObject({
      status: "unloaded",
      trip: 1,
      departedFrom: "NOGINSK",
      arrivedLocation: "AM-EVN",
      unloaded: { LUMBER: "19" },
      loaded: { LUMBER: "19" },
      events: 5,
    });
  });

  it("is the same whatever order the events were synced in (any permutation)", () => {
    const expected = unitHistory(railCar);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(railCar, { minLength: railCar.length, maxLength: railCar.length }),
        (shuffled) => {
          expect(unitHistory(shuffled)).toEqual(expected);
        },
      ),
    );
  });

  it("is the same for any permutation of a truck's two trips, with random times", () => {
    const trips = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 8, maxLength: 8 }).map((offsets) => {
      const t = (i: number) => new Date(Date.UTC(2020, 11, 1) + offsets[i]! * 1000).toISOString();
      return [
        ev("a1", "GoodsShipped", t(0), { unit: "35-TR-101", location: "AM-EVN", lines: lumber("30") }),
        ev("a2", "UnitDeparted", t(1), { unit: "35-TR-101", location: "AM-EVN" }),
        ev("a3", "UnitArrived", t(2), { unit: "35-TR-101", location: "STP-HUB" }),
        ev("a4", "GoodsUnloaded", t(3), { unit: "35-TR-101", location: "STP-HUB", lines: lumber("30") }),
        ev("b1", "GoodsShipped", t(4), { unit: "35-TR-101", location: "AM-EVN", lines: lumber("30") }),
        ev("b2", "UnitDeparted", t(5), { unit: "35-TR-101", location: "AM-EVN" }),
        ev("b3", "UnitArrived", t(6), { unit: "35-TR-101", location: "STP-HUB" }),
        ev("b4", "GoodsUnloaded", t(7), { unit: "35-TR-101", location: "STP-HUB", lines: lumber("30") }),
      ];
    });
    fc.assert(
      fc.property(
        trips.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: 8, maxLength: 8 })),
        ),
        ([events, shuffled]) => {
          expect(unitHistory(shuffled)).toEqual(unitHistory(events));
        },
      ),
    );
  });

  it("starts a new trip when an emptied truck is loaded again", () => {
    const t = (h: number) => `2020-12-08T${String(h).padStart(2, "0")}:00:00+04:00`;
    const s = unitHistory([
      ev("1", "GoodsShipped", t(8), { location: "AM-EVN", lines: lumber("30") }),
      ev("2", "UnitDeparted", t(9), { location: "AM-EVN" }),
      ev("3", "UnitArrived", t(12), { location: "STP-HUB" }),
      ev("4", "GoodsUnloaded", t(13), { location: "STP-HUB", lines: lumber("30") }),
      ev("5", "GoodsShipped", t(18), { location: "AM-EVN", lines: lumber("20") }),
    ]);
    expect(s).toMatchObject({ status: "loaded", trip: 2, loaded: { LUMBER: "20" }, unloaded: {} });
    expect(s.arrivedAt).toBeUndefined();
  });

  it("counts a late-recorded arrival by its event time, not by when it was recorded", () => {
    const unloadedFirst = [railCar[0]!, railCar[1]!, railCar[3]!, railCar[4]!];
    expect(unitHistory(unloadedFirst)).toMatchObject({ status: "unloaded" });
    expect(unitHistory(unloadedFirst).arrivedAt).toBeUndefined();
    expect(unitHistory([...unloadedFirst, railCar[2]!]).arrivedAt).toBe("2020-12-18T22:00:00+04:00");
  });
});
