import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../events.ts";
import { describer } from "./finding.ts";
import { arrivedTwice, receiptDifferences, unloadedBeforeArrived, unloadedTwice } from "./unit-rules.ts";
import { claimDiffers, moreUnitsThanPlanned, negativeStock, staleInTransit } from "./operation-rules.ts";

const d = describer(new Map([["AM-EVN", "Yerevan railhead"], ["NOGINSK", "Noginsk base"], ["STP-HUB", "Stepanakert hub"]]), "Asia/Yerevan");
const ev = (id: string, type: LedgerEvent["type"], eventTime: string, rest: Partial<LedgerEvent> = {}): LedgerEvent => ({ id, type, eventTime, unit: "60521183", ...rest });
const lumber = (q: string) => [{ item: "LUMBER", quantity: q, uom: "MTQ" }];
const load = ev("e1", "GoodsLoaded", "2020-12-08T08:00:00+03:00", { location: "NOGINSK", lines: lumber("19") });
const depart = ev("e2", "UnitDeparted", "2020-12-09T05:30:00+03:00", { location: "NOGINSK" });
const arrive = ev("e3", "UnitArrived", "2020-12-18T22:00:00+04:00", { location: "AM-EVN" });
const unload = ev("e4", "GoodsUnloaded", "2020-12-19T10:00:00+04:00", { location: "AM-EVN", lines: lumber("19") });
const car = (events: LedgerEvent[]) => ({ number: "60521183", kind: "gondola", events, manifest: [{ item: "LUMBER", quantity: "19", uom: "MTQ" }] });

describe("unloaded before arrived", () => {
  it("flags a rail car unloaded after departing with no arrival, naming place, time and what to do", () => {
    const [f] = unloadedBeforeArrived(car([load, depart, unload]), d);
    expect(f).toMatchObject({ kind: "unloaded-before-arrived", subject: "unit:60521183", evidence: ["e4"] });
    expect(f!.explanation).toBe(
      "Rail car 60521183 was unloaded at Yerevan railhead on 19 Dec 2020 10:00 but its arrival was never recorded (it departed Noginsk base on 9 Dec 2020 06:30); record the arrival (late events are welcome) or explain.",
    );
  });
  it("is satisfied by an arrival recorded late but timed before the unloading", () => {
    expect(unloadedBeforeArrived(car([unload, load, depart, arrive]), d)).toEqual([]);
  });
});

describe("arrived twice", () => {
  it("flags two arrivals with no departure between", () => {
    const again = ev("e5", "UnitArrived", "2020-12-19T08:00:00+04:00", { location: "AM-EVN" });
    expect(arrivedTwice(car([load, depart, arrive, again]), d)).toMatchObject([{ kind: "arrived-twice", evidence: ["e3", "e5"] }]);
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
    expect(unloadedTwice(car([load, depart, arrive, unload, again]), d)).toMatchObject([{ kind: "unloaded-twice", evidence: ["e8"] }]);
  });
  it("accepts unloading in two halves", () => {
    const half1 = { ...unload, lines: lumber("10") };
    const half2 = ev("e9", "GoodsUnloaded", "2020-12-19T11:00:00+04:00", { location: "AM-EVN", lines: lumber("9") });
    expect(unloadedTwice(car([load, depart, arrive, half1, half2]), d)).toEqual([]);
  });
});

describe("receipt differs from manifest", () => {
  const receipt = (quantity: string, condition?: "good" | "damaged") =>
    ev("r1", "GoodsReceived", "2020-12-19T12:00:00+04:00", { location: "AM-EVN", lines: [{ item: "LUMBER", quantity, uom: "MTQ", ...(condition && { condition }) }] });
  const manifest = [{ item: "LUMBER", quantity: "19", uom: "MTQ" }];
  it("flags a short count against the manifest", () => {
    const [f] = receiptDifferences(receipt("17"), manifest, "Rail car 60521183", d);
    expect(f).toMatchObject({ kind: "receipt-short", subject: "unit:60521183" });
    expect(f!.explanation).toContain("2 short of the manifest (19)");
  });
  it("flags an over count and damaged goods", () => {
    expect(receiptDifferences(receipt("20", "damaged"), manifest, "Rail car 60521183", d).map((f) => f.kind)).toEqual(["receipt-over", "receipt-damaged"]);
  });
  it("finds nothing when the count matches the manifest in good condition", () => {
    expect(receiptDifferences(receipt("19", "good"), manifest, "Rail car 60521183", d)).toEqual([]);
  });
  it("compares a count without a unit against its expected quantity", () => {
    const count = { ...receipt("5960"), unit: undefined, lines: [{ item: "BLANKET", quantity: "5960", expected: "6000", uom: "H87" }] };
    expect(receiptDifferences(count, [], "", d)).toMatchObject([{ kind: "receipt-short", subject: "event:r1" }]);
  });
});

describe("more units than planned", () => {
  it("flags a consignment with more registered units than planned", () => {
    expect(moreUnitsThanPlanned({ code: "C1", name: "54 cars", plannedUnits: 2, units: ["a", "b", "c"] })).toMatchObject([{ kind: "more-units-than-planned", subject: "consignment:C1" }]);
  });
  it("accepts exactly the planned number", () => {
    expect(moreUnitsThanPlanned({ code: "C1", name: "54 cars", plannedUnits: 3, units: ["a", "b", "c"] })).toEqual([]);
  });
});

describe("stale in transit", () => {
  const unit = { number: "60521183", kind: "gondola", state: { status: "departed" as const, departedAt: "2020-12-09T05:30:00+03:00", departedFrom: "NOGINSK" }, departureId: "e2" };
  it("flags a car in transit longer than the threshold, measured against now", () => {
    const [f] = staleInTransit(unit, new Date("2020-12-25T00:00:00Z"), d);
    expect(f).toMatchObject({ kind: "stale-in-transit", evidence: ["e2"] });
    expect(f!.explanation).toContain("in transit for 15 days (more than 10)");
  });
  it("does not flag within the threshold, or a car that arrived", () => {
    expect(staleInTransit(unit, new Date("2020-12-15T00:00:00Z"), d)).toEqual([]);
    expect(staleInTransit(unit, new Date("2020-12-25T00:00:00Z"), d, 20)).toEqual([]);
    expect(staleInTransit({ ...unit, state: { ...unit.state, status: "arrived" } }, new Date("2021-01-25T00:00:00Z"), d)).toEqual([]);
  });
});

describe("negative stock", () => {
  const balance = { location: "STP-HUB", kind: "hub-warehouse" as const, item: "LUMBER", quantity: "-30", uom: "MTQ", evidence: ["e1"] };
  it("flags less than nothing at a real location", () => {
    expect(negativeStock(balance, d)).toMatchObject([{ kind: "negative-stock", subject: "stock:STP-HUB|LUMBER", evidence: ["e1"] }]);
  });
  it("ignores donor and other virtual locations, and positive stock", () => {
    expect(negativeStock({ ...balance, kind: "donor" }, d)).toEqual([]);
    expect(negativeStock({ ...balance, quantity: "30" }, d)).toEqual([]);
  });
});

describe("a claimed figure", () => {
  const claim = { id: "c1", consignment: "STP-54", metric: "arrived" as const, claimed: 9, ofTotal: 54, asOf: "2020-12-20", source: "Press statement of 20 Dec 2020" };
  it("differs from the ledger when later steps imply more units reached the stage", () => {
    const [f] = claimDiffers(claim, { recorded: 9, reached: 26, implied: 17, planned: 54, evidence: ["u1"] });
    expect(f).toMatchObject({ kind: "claim-differs", subject: "claim:c1", evidence: ["u1"] });
    expect(f!.explanation).toContain("says 9 of 54 units of consignment STP-54 arrived; the ledger has 9 recorded as arrived, and 17 more");
    expect(f!.explanation).toContain("26 of 54");
  });
  it("agrees with a ledger that says the same", () => {
    expect(claimDiffers(claim, { recorded: 9, reached: 9, implied: 0, planned: 54, evidence: [] })).toEqual([]);
  });
});
