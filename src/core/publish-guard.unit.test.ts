import { describe, expect, it } from "vitest";
import { discrepancyScope, guardVerdict, touchedFigures, type FigureScope } from "./publish-guard.ts";

const endOf19 = "2020-12-19T20:00:00.000Z";
const statement: FigureScope[] = [
  { id: "events", label: "events", until: endOf19 },
  {
    id: "STP-54/unloaded-units",
    label: "cars unloaded",
    until: endOf19,
    units: ["C1", "C2"],
    items: ["LUMBER"],
    places: ["AM-EVN"],
  },
  { id: "STP-54/delivered/LUMBER", label: "lumber delivered", until: endOf19, items: ["LUMBER"], places: ["STP-HUB"] },
  {
    id: "STP-54/arrived",
    label: "26 of 54 arrived",
    until: endOf19,
    consignments: ["STP-54"],
    units: ["C0", "C1", "C2"],
  },
  {
    id: "STP-54/planned-units",
    label: "54 planned",
    until: endOf19,
    consignments: ["STP-54"],
    kinds: ["more-units-than-planned"],
  },
];
const ids = (figures: FigureScope[]) => figures.map((f) => f.id);

describe("which figures an open discrepancy touches", () => {
  it("a car unloaded without its arrival touches the day's unloading and the consignment's progress", () => {
    const d = discrepancyScope({ id: "d1", kind: "unloaded-before-arrived", subject: "unit:C1" }, [
      { id: "e1", time: "2020-12-19T03:00:00.000Z", unit: "C1", places: ["AM-EVN"], items: ["LUMBER"] },
    ]);
    expect(ids(touchedFigures(d, statement))).toEqual(["STP-54/unloaded-units", "STP-54/arrived"]);
  });

  it("a claim about the consignment touches its progress, not the cargo delivered", () => {
    const d = discrepancyScope({ id: "d2", kind: "claim-differs", subject: "claim:x", consignment: "STP-54" }, [
      { id: "e1", time: "2020-12-19T03:00:00.000Z", unit: "C1", places: ["AM-EVN"], items: ["LUMBER"] },
    ]);
    expect(ids(touchedFigures(d, statement))).toEqual(["STP-54/arrived"]);
  });

  it("a short count of blankets at the hub touches none of a statement about lumber; hub stock of blankets it does", () => {
    const d = discrepancyScope({ id: "d3", kind: "receipt-short", subject: "event:r1" }, [
      { id: "r1", time: "2020-12-08T17:15:00.000Z", places: ["STP-HUB"], items: ["BLANKET"] },
    ]);
    expect(touchedFigures(d, statement)).toEqual([]);
    expect(
      ids(
        touchedFigures(d, [
          { id: "stock/STP-HUB/BLANKET", label: "", until: null, items: ["BLANKET"], places: ["STP-HUB"] },
        ]),
      ),
    ).toEqual(["stock/STP-HUB/BLANKET"]);
  });

  it("only more units than planned touches the planned number of units", () => {
    const d = discrepancyScope({ id: "d7", kind: "more-units-than-planned", subject: "consignment:STP-54" }, []);
    expect(ids(touchedFigures(d, statement))).toEqual(["STP-54/arrived", "STP-54/planned-units"]);
  });

  it("negative stock touches the figures of that item at that place, from the moment it went below zero", () => {
    const d = discrepancyScope(
      { id: "d4", kind: "negative-stock", subject: "stock:STP-HUB|LUMBER", at: "2020-12-19T10:00:00.000Z" },
      [],
    );
    expect(ids(touchedFigures(d, statement))).toEqual(["STP-54/delivered/LUMBER"]);
    const later = discrepancyScope(
      { id: "d5", kind: "negative-stock", subject: "stock:STP-HUB|LUMBER", at: "2020-12-21T10:00:00.000Z" },
      [],
    );
    expect(touchedFigures(later, statement)).toEqual([]);
  });

  it("a discrepancy that begins after a statement's day does not touch it; figures that stand now it does", () => {
    const d = discrepancyScope({ id: "d6", kind: "unloaded-before-arrived", subject: "unit:C1" }, [
      { id: "e9", time: "2020-12-22T08:00:00.000Z", unit: "C1", places: [], items: [] },
    ]);
    expect(touchedFigures(d, statement)).toEqual([]);
    expect(touchedFigures(d, [{ id: "now", label: "", until: null, units: ["C1"] }])).toHaveLength(1);
  });
});

describe("the acknowledgement", () => {
  it("is not needed when nothing touches the figures", () => {
    expect(guardVerdict([], undefined)).toEqual({ ok: true, acknowledged: [] });
  });
  it("must name every discrepancy that touches them, and say why", () => {
    expect(guardVerdict(["a", "b"], undefined)).toEqual({ ok: false, missing: ["a", "b"], noteMissing: true });
    expect(guardVerdict(["a", "b"], { discrepancies: ["a"], note: "under review" })).toEqual({
      ok: false,
      missing: ["b"],
      noteMissing: false,
    });
    expect(guardVerdict(["a", "b"], { discrepancies: ["a", "b"], note: "  " })).toEqual({
      ok: false,
      missing: [],
      noteMissing: true,
    });
  });
  it("records only those that touch the figures, ignoring ids resolved meanwhile", () => {
    expect(guardVerdict(["a"], { discrepancies: ["a", "gone"], note: "under review" })).toEqual({
      ok: true,
      acknowledged: ["a"],
    });
  });
});
