// Task flows as events, and the working set a phone keeps.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  arrivalKnown,
  distributionEvent,
  expectedCargo,
  loadingEvents,
  missingBeforeUnloading,
  unloadedAlready,
  unloadingEvents,
} from "./flows.ts";
import type { LedgerEvent } from "../events.ts";
import { describer } from "../reconcile/finding.ts";
import { unitFindings } from "../reconcile/unit-rules.ts";
import { isEmptyDelta, mergeWorkingSet, type WorkingSetDelta, type WsItem, type WsUnit } from "../working-set.ts";

const car: WsUnit = {
  number: "24073082",
  scheme: "rail1520",
  kind: "covered-wagon",
  consignment: "C",
  part: 2,
  manifest: [{ item: "LUMBER", quantity: "19" }],
  status: "departed",
  trip: 1,
  lastLocation: "DEPOT",
  loadedAt: "2020-12-15T10:00:00Z",
  departedAt: "2020-12-15T12:00:00Z",
  arrivedAt: null,
  arrivedLocation: null,
  unloadedAt: null,
  receivedAt: null,
  loaded: { LUMBER: "19" },
  unloaded: {},
  received: {},
};
const stamp = { eventTime: "2020-12-19T10:30:00.000+04:00", origin: { offline: true } };

describe("unloading a car", () => {
  it("records the missing arrival, the unloading of the manifest and the count, in that order, at one time", () => {
    const events = unloadingEvents({
      operation: "OP",
      unit: car,
      location: "RAILHEAD",
      team: "JG",
      stamp,
      withArrival: true,
      lines: [{ item: "LUMBER", expected: "19", counted: "18", condition: "short" }],
    });
    expect(events.map((e) => e.type)).toEqual(["UnitArrived", "GoodsUnloaded", "GoodsReceived"]);
    expect(events[1]).toMatchObject({
      unit: "24073082",
      location: "RAILHEAD",
      lines: [{ item: "LUMBER", quantity: "19" }],
      team: "JG",
    });
    expect(events[2]).toMatchObject({
      from: "RAILHEAD",
      lines: [{ item: "LUMBER", quantity: "18", expected: "19", condition: "good" }],
    });
    expect(new Set(events.map((e) => e.eventTime)).size).toBe(1);
  });

  it("confirms a line as counted at the manifest's quantity, notes damage, and leaves out an arrival already recorded", () => {
    const events = unloadingEvents({
      operation: "OP",
      unit: car,
      location: "RAILHEAD",
      stamp,
      withArrival: false,
      lines: [
        { item: "LUMBER", expected: "19", counted: "3", condition: "good" },
        { item: "FLOUR", expected: "2", counted: "2", condition: "damaged" },
      ],
    });
    expect(events.map((e) => e.type)).toEqual(["GoodsUnloaded", "GoodsReceived"]);
    expect(events[1]!.lines).toEqual([
      { item: "LUMBER", quantity: "19", expected: "19", condition: "good" },
      { item: "FLOUR", quantity: "2", expected: "2", condition: "damaged" },
    ]);
  });

  it("gives two phones unloading the same car the same event ids", () => {
    const a = unloadingEvents({
      operation: "OP",
      unit: car,
      location: "RAILHEAD",
      stamp,
      withArrival: true,
      lines: [],
    });
    const b = unloadingEvents({
      operation: "OP",
      unit: car,
      location: "RAILHEAD",
      stamp: { ...stamp, eventTime: "2020-12-19T10:35:00+04:00" },
      withArrival: true,
      lines: [],
    });
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
  });

  it("holds a trip's unloading as done once the ledger or the phone has it, so it is not recorded a second time", () => {
    expect(unloadedAlready(car, false), "departed, nothing on the phone").toBe(false);
    expect(unloadedAlready({ ...car, status: "arrived", arrivedAt: "2020-12-19T06:00:00Z" }, false)).toBe(false);
    expect(unloadedAlready(car, true), "the unloading waits on this phone").toBe(true);
    // The demo's cars unloaded by the joint grouping: in the ledger under ids no phone derives.
    expect(unloadedAlready({ ...car, status: "unloaded", unloadedAt: "2020-12-19T07:00:00Z" }, false)).toBe(true);
    expect(unloadedAlready({ ...car, status: "received", unloadedAt: "2020-12-19T07:00:00Z" }, false)).toBe(true);
    // A truck on its next trip: the last trip's unloading is behind it.
    expect(unloadedAlready({ ...car, trip: 2, status: "departed", unloadedAt: null }, false)).toBe(false);
  });

  it("expects a car's manifest on its first trip and a truck's loaded cargo after", () => {
    expect(expectedCargo(car)).toEqual([{ item: "LUMBER", quantity: "19" }]);
    expect(expectedCargo({ ...car, manifest: [], trip: 3, loaded: { FLOUR: "5" } })).toEqual([
      { item: "FLOUR", quantity: "5" },
    ]);
    expect(
      arrivalKnown(
        { ...car, status: "arrived", arrivedAt: "2020-12-19T06:00:00Z", arrivedLocation: "RAILHEAD" },
        "RAILHEAD",
      ),
    ).toBe(true);
    expect(arrivalKnown(car, "RAILHEAD")).toBe(false);
    // Unloaded with no arrival recorded: the arrival is still missing.
    expect(arrivalKnown({ ...car, status: "unloaded", unloadedAt: "2020-12-19T06:00:00Z" }, "RAILHEAD")).toBe(false);
  });
});

describe("unloading a car whose trip never began or never left", () => {
  const loadedHere: WsUnit = { ...car, status: "loaded", departedAt: null };
  const neverLoaded: WsUnit = {
    ...car,
    status: "planned",
    trip: 0,
    lastLocation: null,
    loadedAt: null,
    departedAt: null,
    loaded: {},
  };
  /** What reconciliation finds once the ledger holds `before` and what the phone records now. */
  const findingsAfter = (before: LedgerEvent[], unit: WsUnit) => {
    const recorded = unloadingEvents({
      operation: "OP",
      unit,
      location: "RAILHEAD",
      lines: [{ item: "LUMBER", expected: "19", counted: "19", condition: "good" }],
      stamp,
      withArrival: true,
    }).map(
      (e): LedgerEvent =>
        ({ ...e, lines: e.lines?.map((l) => ({ ...l, quantity: String(l.quantity), uom: "MTQ" })) }) as LedgerEvent,
    );
    const d = describer({ places: new Map(), items: new Map() }, "UTC");
    return unitFindings({ number: car.number, kind: car.kind, manifest: [], events: [...before, ...recorded] }, d);
  };
  const loading: LedgerEvent = {
    id: "0193c0de-0000-7000-8000-0000000000aa",
    type: "GoodsLoaded",
    eventTime: "2020-12-15T10:00:00Z",
    unit: car.number,
    location: "DEPOT",
    lines: [{ item: "LUMBER", quantity: "19", uom: "MTQ" }],
  };

  it("names the missing departure of a loaded car, and it is the discrepancy reconciliation then shows", () => {
    const missing = missingBeforeUnloading(loadedHere, false);
    expect(missing).toEqual({ missing: "departure", discrepancy: "arrived-never-departed" });
    expect(findingsAfter([loading], loadedHere).map((f) => f.kind)).toEqual([missing!.discrepancy]);
  });

  it("names the missing loading and departure of a car whose trip never began, as reconciliation shows it", () => {
    const missing = missingBeforeUnloading(neverLoaded, false);
    expect(missing).toEqual({ missing: "loading-and-departure", discrepancy: "unloaded-never-loaded" });
    expect(findingsAfter([], neverLoaded).map((f) => f.kind)).toEqual([missing!.discrepancy]);
  });

  it("says nothing of a car that departed, arrived, or whose departure waits on this phone", () => {
    expect(missingBeforeUnloading(car, false)).toBeUndefined();
    expect(
      missingBeforeUnloading({ ...car, status: "arrived", arrivedAt: "2020-12-19T06:00:00Z" }, false),
    ).toBeUndefined();
    expect(missingBeforeUnloading(loadedHere, true), "its departure is recorded on this phone").toBeUndefined();
    expect(
      findingsAfter(
        [
          loading,
          {
            ...loading,
            id: "0193c0de-0000-7000-8000-0000000000ab",
            type: "UnitDeparted",
            eventTime: "2020-12-15T12:00:00Z",
            lines: undefined,
          },
        ],
        car,
      ),
    ).toEqual([]);
  });
});

describe("loading a truck and handing out goods", () => {
  it("ships into the truck and records its departure on its next trip", () => {
    const truck = { ...car, number: "35-TR-101", kind: "truck", manifest: [], status: "received", trip: 2 };
    const events = loadingEvents({
      operation: "OP",
      unit: truck,
      location: "RAILHEAD",
      lines: [{ item: "LUMBER", quantity: "30" }],
      departs: true,
      stamp,
    });
    expect(events.map((e) => e.type)).toEqual(["GoodsShipped", "UnitDeparted"]);
    expect(
      loadingEvents({
        operation: "OP",
        unit: { ...truck, trip: 1 },
        location: "RAILHEAD",
        lines: [],
        departs: false,
        stamp,
      })[0]!.id,
    ).not.toBe(events[0]!.id);
  });

  it("hands out with counts of households and people, and a trimmed note only when there is one", () => {
    const e = distributionEvent({
      id: "x",
      neighbourhood: "N1",
      lines: [{ item: "FLOUR", quantity: "1" }],
      households: 12,
      people: 40,
      note: "  ",
      stamp,
    });
    expect(e).toMatchObject({
      type: "GoodsDistributed",
      location: "N1",
      neighbourhood: "N1",
      households: 12,
      people: 40,
    });
    expect(e.note).toBeUndefined();
  });
});

describe("the working set on the phone", () => {
  const item = (code: string, name = code): WsItem => ({ code, name, uom: "H87", kind: "goods", names: {} });
  const delta = (over: Partial<WorkingSetDelta>): WorkingSetDelta => ({
    cursor: "1.1",
    full: false,
    serverTime: "2020-12-19T10:00:00Z",
    operation: { code: "OP", name: "Op", names: {}, timeZone: "UTC", role: "field-officer" },
    items: { upsert: [], remove: [] },
    locations: { upsert: [], remove: [] },
    teams: { upsert: [], remove: [] },
    consignments: { upsert: [], remove: [] },
    units: { upsert: [], remove: [] },
    ...over,
  });

  it("is replaced by a full answer and updated by a delta", () => {
    const held = mergeWorkingSet(
      undefined,
      delta({
        full: true,
        items: { upsert: [item("A"), item("B")], remove: [] },
        units: { upsert: [car], remove: [] },
      }),
    );
    const next = mergeWorkingSet(
      held,
      delta({ cursor: "2.5", items: { upsert: [item("A", "renamed"), item("C")], remove: ["B"] } }),
    );
    expect(Object.keys(next.items).sort()).toEqual(["A", "C"]);
    expect(next.items.A!.name).toBe("renamed");
    expect(next.units["24073082"]).toEqual(car);
    expect(next.cursor).toBe("2.5");
    expect(isEmptyDelta(delta({}))).toBe(true);
  });

  it("after any sequence of deltas holds what the server has (property)", () => {
    const op = fc.record({
      upsert: fc.array(fc.tuple(fc.constantFrom("A", "B", "C", "D"), fc.string({ maxLength: 3 })), { maxLength: 4 }),
      remove: fc.array(fc.constantFrom("A", "B", "C", "D"), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 10 }), (ops) => {
        const server = new Map<string, string>();
        let held = mergeWorkingSet(undefined, delta({ full: true }));
        for (const o of ops) {
          const removed = o.remove.filter((k) => !o.upsert.some(([u]) => u === k));
          for (const k of removed) server.delete(k);
          for (const [k, v] of o.upsert) server.set(k, v);
          const upsert = [...new Map(o.upsert).entries()].map(([k, v]) => item(k, v));
          held = mergeWorkingSet(held, delta({ items: { upsert, remove: removed } }));
        }
        expect(Object.fromEntries(Object.entries(held.items).map(([k, v]) => [k, v.name]))).toEqual(
          Object.fromEntries(server),
        );
      }),
    );
  });
});

describe("the Today screen's figures", () => {
  it("counts this team's day in the operation's time zone: units unloaded, cargo, people reached, waiting vs stored", async () => {
    const { daySummary } = await import("./today.ts");
    const base = { route: { kind: "batch" as const }, flow: "unload", attempts: 0, recordedAt: "" };
    const entries = [
      {
        ...base,
        id: "1",
        n: 1,
        state: "stored" as const,
        team: "JG",
        event: {
          id: "1",
          type: "GoodsUnloaded" as const,
          eventTime: "2020-12-19T23:30:00+04:00",
          unit: "A",
          lines: [{ item: "LUMBER", quantity: "19" }],
        },
      },
      {
        ...base,
        id: "2",
        n: 2,
        state: "waiting" as const,
        team: "JG",
        event: {
          id: "2",
          type: "GoodsUnloaded" as const,
          eventTime: "2020-12-19T20:10:00Z",
          unit: "B",
          lines: [{ item: "LUMBER", quantity: "18.5" }],
        },
      },
      {
        ...base,
        id: "3",
        n: 3,
        state: "sent" as const,
        team: "JG",
        event: {
          id: "3",
          type: "GoodsDistributed" as const,
          eventTime: "2020-12-19T12:00:00+04:00",
          households: 3,
          people: 11,
        },
      },
      {
        ...base,
        id: "4",
        n: 4,
        state: "discarded" as const,
        team: "JG",
        event: { id: "4", type: "GoodsUnloaded" as const, eventTime: "2020-12-19T12:00:00+04:00", unit: "C" },
      },
      {
        ...base,
        id: "5",
        n: 5,
        state: "stored" as const,
        team: "OTHER",
        event: { id: "5", type: "GoodsUnloaded" as const, eventTime: "2020-12-19T12:00:00+04:00", unit: "D" },
      },
    ];
    const day = daySummary(entries, "2020-12-19", "Asia/Yerevan", "JG");
    // 20:10Z is 00:10 on the 20th in Yerevan: not this day.
    expect(day).toMatchObject({
      stored: 1,
      waiting: 1,
      unitsUnloaded: ["A"],
      unloadedByItem: { LUMBER: "19" },
      households: 3,
      people: 11,
    });
  });
});

describe("adding quantities on the phone", () => {
  it("is exact, as decimal.js would be (property)", async () => {
    const { addQuantities } = await import("./today.ts");
    const { add } = await import("../quantity.ts");
    const quantity = fc
      .tuple(fc.nat(10 ** 9), fc.nat(999_999))
      .map(([w, f]) => (f === 0 ? String(w) : `${w}.${String(f).padStart(6, "0").replace(/0+$/, "")}`));
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        expect(addQuantities(a, b)).toBe(add(a, b));
      }),
    );
  });
});
