import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../events.ts";
import { describer } from "./finding.ts";
import { arrivedTwice, receiptDifferences, unitFindings, unloadedBeforeArrived, unloadedTwice } from "./unit-rules.ts";
import { claimDiffers, moreUnitsThanPlanned, negativeStock, staleInTransit } from "./operation-rules.ts";
import { explain } from "./explain.ts";
import type { FindingFacts } from "./facts.ts";

const places = new Map([
  ["AM-EVN", { name: "Yerevan railhead" }],
  ["NOGINSK", { name: "Noginsk base" }],
  ["STP-HUB", { name: "Stepanakert hub" }],
]);
const items = new Map([
  ["LUMBER", { name: "Lumber" }],
  ["BLANKET", { name: "Blankets" }],
]);
const d = describer({ places, items }, "Asia/Yerevan");
const gondola = { number: "60521183", kind: "gondola" };
const ev = (
  id: string,
  type: LedgerEvent["type"],
  eventTime: string,
  rest: Partial<LedgerEvent> = {},
): LedgerEvent => ({ id, type, eventTime, unit: "60521183", ...rest });
const lumber = (q: string) => [{ item: "LUMBER", quantity: q, uom: "MTQ" }];
const load = ev("e1", "GoodsLoaded", "2020-12-08T08:00:00+03:00", { location: "NOGINSK", lines: lumber("19") });
const depart = ev("e2", "UnitDeparted", "2020-12-09T05:30:00+03:00", { location: "NOGINSK" });
const arrive = ev("e3", "UnitArrived", "2020-12-18T22:00:00+04:00", { location: "AM-EVN" });
const unload = ev("e4", "GoodsUnloaded", "2020-12-19T10:00:00+04:00", { location: "AM-EVN", lines: lumber("19") });
const car = (events: LedgerEvent[]) => ({
  number: "60521183",
  kind: "gondola",
  events,
  manifest: [{ item: "LUMBER", quantity: "19", uom: "MTQ" }],
});

describe("unloaded before arrived", () => {
  it("flags a rail car unloaded after departing with no arrival, naming place, time and what to do", () => {
    const [f] = unloadedBeforeArrived(car([load, depart, unload]), d);
    expect(f).toMatchObject({ kind: "unloaded-before-arrived", subject: "unit:60521183", evidence: ["e4"] });
    expect(f!.explanation).toBe(
      "Rail car 60521183 was unloaded at Yerevan railhead on 19 Dec 2020 10:00 UTC+4 but its arrival was never recorded (it departed Noginsk base on 9 Dec 2020 06:30 UTC+4); record the arrival (late events are welcome) or explain.",
    );
  });
  it("is satisfied by an arrival recorded late but timed before the unloading", () => {
    expect(unloadedBeforeArrived(car([unload, load, depart, arrive]), d)).toEqual([]);
  });
});

describe("arrived twice", () => {
  it("flags two arrivals with no departure between", () => {
    const again = ev("e5", "UnitArrived", "2020-12-19T08:00:00+04:00", { location: "AM-EVN" });
    expect(arrivedTwice(car([load, depart, arrive, again]), d)).toMatchObject([
      { kind: "arrived-twice", evidence: ["e3", "e5"] },
    ]);
  });
  it("accepts arrivals separated by a departure", () => {
    const leave = ev("e6", "UnitDeparted", "2020-12-19T12:00:00+04:00", { location: "AM-EVN" });
    const back = ev("e7", "UnitArrived", "2020-12-20T12:00:00+04:00", { location: "STP-HUB" });
    expect(arrivedTwice(car([load, depart, arrive, leave, back]), d)).toEqual([]);
  });
});

describe("unloaded twice", () => {
  it("flags an unloading after the car was emptied", () => {
    const again = ev("e8", "GoodsUnloaded", "2020-12-19T11:00:00+04:00", { location: "AM-EVN", lines: lumber("19") });
    expect(unloadedTwice(car([load, depart, arrive, unload, again]), d)).toMatchObject([
      { kind: "unloaded-twice", evidence: ["e8"] },
    ]);
  });
  it("accepts unloading in two halves", () => {
    const half1 = { ...unload, lines: lumber("10") };
    const half2 = ev("e9", "GoodsUnloaded", "2020-12-19T11:00:00+04:00", { location: "AM-EVN", lines: lumber("9") });
    expect(unloadedTwice(car([load, depart, arrive, half1, half2]), d)).toEqual([]);
  });
});

describe("receipt differs from manifest", () => {
  const receipt = (quantity: string, condition?: "good" | "damaged") =>
    ev("r1", "GoodsReceived", "2020-12-19T12:00:00+04:00", {
      location: "AM-EVN",
      lines: [{ item: "LUMBER", quantity, uom: "MTQ", ...(condition && { condition }) }],
    });
  const manifest = [{ item: "LUMBER", quantity: "19", uom: "MTQ" }];
  it("flags a short count against the manifest", () => {
    const [f] = receiptDifferences(receipt("17"), manifest, gondola, d);
    expect(f).toMatchObject({ kind: "receipt-short", subject: "unit:60521183" });
    expect(f!.explanation).toContain(
      "Receipt of Lumber from Rail car 60521183 at Yerevan railhead on 19 Dec 2020 12:00 UTC+4 counted 17\u00a0m³, 2\u00a0m³ short of the manifest (19\u00a0m³)",
    );
  });
  it("flags an over count and damaged goods", () => {
    expect(receiptDifferences(receipt("20", "damaged"), manifest, gondola, d).map((f) => f.kind)).toEqual([
      "receipt-over",
      "receipt-damaged",
    ]);
  });
  it("finds nothing when the count matches the manifest in good condition", () => {
    expect(receiptDifferences(receipt("19", "good"), manifest, gondola, d)).toEqual([]);
  });
  it("compares a count without a unit against its expected quantity", () => {
    const count = {
      ...receipt("5960"),
      unit: undefined,
      lines: [{ item: "BLANKET", quantity: "5960", expected: "6000", uom: "H87" }],
    };
    const [f] = receiptDifferences(count, [], undefined, d);
    expect(f).toMatchObject({ kind: "receipt-short", subject: "event:r1" });
    expect(f!.explanation).not.toMatch(/H87/);
    expect(f!.explanation).toContain(
      "counted 5,960\u00a0pcs, 40\u00a0pcs short of the expected quantity (6,000\u00a0pcs)",
    );
  });
});

describe("more units than planned", () => {
  it("flags a consignment with more registered units than planned", () => {
    expect(moreUnitsThanPlanned({ code: "C1", plannedUnits: 2, units: ["a", "b", "c"] }, d)).toMatchObject([
      { kind: "more-units-than-planned", subject: "consignment:C1" },
    ]);
  });
  it("accepts exactly the planned number", () => {
    expect(moreUnitsThanPlanned({ code: "C1", plannedUnits: 3, units: ["a", "b", "c"] }, d)).toEqual([]);
  });
});

describe("stale in transit", () => {
  const unit = {
    number: "60521183",
    kind: "gondola",
    state: { status: "departed" as const, departedAt: "2020-12-09T05:30:00+03:00", departedFrom: "NOGINSK" },
    departureId: "e2",
  };
  it("flags a car in transit longer than the threshold, measured against now", () => {
    const [f] = staleInTransit(unit, new Date("2020-12-25T00:00:00Z"), d);
    expect(f).toMatchObject({ kind: "stale-in-transit", evidence: ["e2"] });
    expect(f!.explanation).toContain("in transit for 15 days (more than 10)");
  });
  it("does not flag within the threshold, or a car that arrived", () => {
    expect(staleInTransit(unit, new Date("2020-12-15T00:00:00Z"), d)).toEqual([]);
    expect(staleInTransit(unit, new Date("2020-12-25T00:00:00Z"), d, 20)).toEqual([]);
    expect(
      staleInTransit({ ...unit, state: { ...unit.state, status: "arrived" } }, new Date("2021-01-25T00:00:00Z"), d),
    ).toEqual([]);
  });
});

describe("negative stock", () => {
  const point = {
    location: "STP-HUB",
    kind: "hub-warehouse" as const,
    item: "LUMBER",
    balance: "-30",
    uom: "MTQ",
    time: "2020-12-19T07:00:00.000Z",
    evidence: ["e1"],
  };
  it("flags less than nothing at a real location, saying when", () => {
    const [f] = negativeStock(point, d);
    expect(f).toMatchObject({ kind: "negative-stock", subject: "stock:STP-HUB|LUMBER", evidence: ["e1"] });
    expect(f!.explanation).toContain("Stepanakert hub shows -30\u00a0m³ of Lumber on 19 Dec 2020 11:00 UTC+4");
  });
  it("ignores donor and other virtual locations, and positive stock", () => {
    expect(negativeStock({ ...point, kind: "donor" }, d)).toEqual([]);
    expect(negativeStock({ ...point, balance: "30" }, d)).toEqual([]);
  });
});

describe("a claimed figure", () => {
  const claim = {
    id: "c1",
    consignment: "STP-54",
    metric: "arrived" as const,
    claimed: 9,
    ofTotal: 54,
    asOf: "2020-12-20",
    source: "Press statement of 20 Dec 2020",
  };
  it("differs from the ledger when later steps imply more units reached the stage", () => {
    const [f] = claimDiffers(claim, { recorded: 9, reached: 26, implied: 17, planned: 54, evidence: ["u1"] }, d);
    expect(f).toMatchObject({ kind: "claim-differs", subject: "claim:c1", evidence: ["u1"] });
    expect(f!.explanation).toContain(
      "says 9 of 54 units of consignment STP-54 arrived; the ledger has 9 recorded as arrived, and 17 more",
    );
    expect(f!.explanation).toContain("26 of 54");
  });
  it("agrees with a ledger that says the same", () => {
    expect(claimDiffers(claim, { recorded: 9, reached: 9, implied: 0, planned: 54, evidence: [] }, d)).toEqual([]);
  });
});

describe("unloaded from a unit that was never loaded", () => {
  it("flags goods taken off a car with no loading recorded for the trip", () => {
    const found = unitFindings(car([depart, arrive, unload]), d);
    expect(found.map((f) => f.kind)).toEqual(["unloaded-never-loaded"]);
    expect(found[0]!.explanation).toContain(
      "Rail car 60521183 was unloaded at Yerevan railhead on 19 Dec 2020 10:00 UTC+4 but nothing was recorded as loaded on it",
    );
  });
  it("is satisfied by a loading recorded late but timed before the unloading", () => {
    expect(unitFindings(car([unload, arrive, depart, load]), d)).toEqual([]);
  });
  it("flags a truck's second trip unloaded with nothing loaded since it was emptied", () => {
    const again = ev("e10", "GoodsUnloaded", "2020-12-21T10:00:00+04:00", { location: "AM-EVN", lines: lumber("5") });
    const leave = ev("e11", "UnitDeparted", "2020-12-20T10:00:00+04:00", { location: "AM-EVN" });
    const back = ev("e12", "UnitArrived", "2020-12-21T09:00:00+04:00", { location: "STP-HUB" });
    expect(unitFindings(car([load, depart, arrive, unload, leave, back, again]), d).map((f) => f.kind)).toEqual([
      "unloaded-never-loaded",
    ]);
  });
});

describe("arrived on a trip that never departed", () => {
  it("flags a loaded car recorded as arriving with no departure, saying where it was loaded", () => {
    const found = unitFindings(car([load, arrive, unload]), d);
    expect(found.map((f) => f.kind)).toEqual(["arrived-never-departed"]);
    expect(found[0]!.explanation).toContain(
      "Rail car 60521183 arrived at Yerevan railhead on 18 Dec 2020 22:00 UTC+4 but its departure was never recorded (it was loaded at Noginsk base on 8 Dec 2020 09:00 UTC+4)",
    );
    expect(explain(found[0]!.facts, describer({ places, items }, "Asia/Yerevan", "ru"))).toMatch(
      /^Вагон 60521183: прибытие .* но отправление не зарегистрировано/,
    );
  });
  it("is satisfied by a departure recorded late but timed before the arrival", () => {
    expect(unitFindings(car([load, arrive, unload, depart]), d)).toEqual([]);
  });
});

describe("explanations in Russian", () => {
  const ru = describer(
    {
      places: new Map([
        [
          "AM-EVN",
          {
            name: "Yerevan railhead",
            names: { ru: { name: "Грузовая станция Ереван", at: "на грузовой станции в Ереване" } },
          },
        ],
        ["NOGINSK", { name: "Noginsk base", names: { ru: { name: "База в Ногинске" } } }],
      ]),
      items: new Map([
        ["LUMBER", { name: "Lumber", names: { ru: { name: "Пиломатериалы" } } }],
        ["BLANKET", { name: "Blankets", names: { ru: { name: "Одеяла" } } }],
      ]),
    },
    "Asia/Yerevan",
    "ru",
  );
  it("renders the same facts in Russian, with names, symbols and the time zone", () => {
    const [f] = unloadedBeforeArrived(car([load, depart, unload]), d);
    expect(explain(f!.facts, ru)).toBe(
      "Вагон 60521183: разгрузка на грузовой станции в Ереване 19 дек. 2020 г. 10:00 UTC+4, но прибытие не зарегистрировано " +
        "(отправление: База в Ногинске, 9 дек. 2020 г. 06:30 UTC+4). Зарегистрируйте прибытие (запоздалые события принимаются) или объясните.",
    );
  });
  it("writes units of measure as symbols, never as Rec 20 codes", () => {
    const count = ev("r2", "GoodsReceived", "2020-12-08T21:15:00+04:00", {
      unit: undefined,
      location: "NOGINSK",
      lines: [{ item: "BLANKET", quantity: "5960", expected: "6000", uom: "H87" }],
    });
    const [f] = receiptDifferences(count, [], undefined, d);
    const text = explain(f!.facts, ru);
    expect(text).toContain(
      "пересчитано 5\u00a0960\u00a0шт., на 40\u00a0шт. меньше, чем ожидалось (6\u00a0000\u00a0шт.)",
    );
    expect(text).not.toMatch(/H87|Blankets|Noginsk/);
  });
  it("has a Russian sentence for every kind of finding, with no English in it", () => {
    const unit = { number: "60521183", kind: "gondola" };
    const at = { place: "AM-EVN", time: "2020-12-19T06:00:00Z" };
    const all: FindingFacts[] = [
      { kind: "unverified-number", unit, expectedDigit: "4" },
      { kind: "unloaded-before-arrived", unit, verb: "received", at },
      { kind: "unloaded-never-loaded", unit, verb: "unloaded", at },
      { kind: "arrived-twice", unit, first: at, second: at },
      { kind: "unloaded-twice", unit, at, firstUnloadedAt: at.time },
      {
        kind: "receipt-short",
        item: "LUMBER",
        uom: "MTQ",
        at,
        counted: "1",
        expected: "2",
        difference: "1",
        against: "manifest",
      },
      {
        kind: "receipt-over",
        unit,
        item: "LUMBER",
        uom: "MTQ",
        at,
        counted: "3",
        expected: "2",
        difference: "1",
        against: "expected",
      },
      { kind: "receipt-damaged", item: "LUMBER", uom: "MTQ", at, quantity: "1" },
      { kind: "stale-in-transit", unit, departed: at, days: 15, thresholdDays: 10 },
      { kind: "negative-stock", place: "AM-EVN", item: "LUMBER", uom: "MTQ", balance: "-3", time: at.time },
      { kind: "more-units-than-planned", consignment: "C1", planned: 2, registered: 3, extra: ["x"] },
      {
        kind: "claim-differs",
        source: "Пресс-служба",
        asOf: "2020-12-20",
        consignment: "C1",
        metric: "arrived",
        claimed: 9,
        ofTotal: 54,
        recorded: 9,
        implied: 17,
        reached: 26,
        planned: 54,
      },
    ];
    for (const facts of all) {
      const text = explain(facts, ru);
      expect(text.replace(/UTC[+−-]?[\d:]*/g, ""), facts.kind).not.toMatch(/[A-Za-z]{3,}/);
      expect(text, facts.kind).not.toMatch(/MTQ/);
    }
  });
});
