import { describe, expect, it } from "vitest";
import { consignmentNotYetLoaded, notYetLoaded, transportClassOf, unitNounOfMode } from "./not-loaded.ts";

const unit = (kind: string, status: string, consignment: string | null = "STP-54") => ({ kind, status, consignment });

describe("units not yet loaded", () => {
  it("counts a consignment's planned units less those loaded, as the dashboard's bar does", () => {
    expect(consignmentNotYetLoaded({ planned: 54, registered: 54, loaded: 26 })).toBe(28);
    // Units planned but not registered yet are not loaded either; more registered than planned count too.
    expect(consignmentNotYetLoaded({ planned: 54, registered: 30, loaded: 26 })).toBe(28);
    expect(consignmentNotYetLoaded({ planned: 2, registered: 5, loaded: 3 })).toBe(2);
    expect(consignmentNotYetLoaded({ planned: 2, registered: 2, loaded: 3 })).toBe(0);
  });

  it("keeps the trucks of no consignment apart from the consignment's rail cars (28 cars and 2 trucks, never 30)", () => {
    const units = [
      ...Array.from({ length: 28 }, () => unit("covered-wagon", "planned")),
      ...Array.from({ length: 25 }, () => unit("gondola", "unloaded")),
      unit("flatcar", "received"),
      ...Array.from({ length: 10 }, () => unit("truck", "unloaded", null)),
      unit("truck", "planned", null),
      unit("truck", "planned", null),
      unit("container", "planned", null),
    ];
    expect(notYetLoaded(units, [{ code: "STP-54", plannedUnits: 54 }])).toEqual({
      consignments: [{ code: "STP-54", planned: 54, count: 28 }],
      unassigned: [
        { class: "truck", count: 2 },
        { class: "container", count: 1 },
      ],
    });
  });

  it("counts the plan's units not registered yet as not loaded, by the same rule", () => {
    const units = [unit("covered-wagon", "loaded"), unit("covered-wagon", "planned")];
    expect(notYetLoaded(units, [{ code: "STP-54", plannedUnits: 5 }]).consignments).toEqual([
      { code: "STP-54", planned: 5, count: 4 },
    ]);
  });

  it("names units by what they are and a consignment's by its mode", () => {
    expect(["gondola", "tank", "truck", "container", null].map(transportClassOf)).toEqual([
      "car",
      "car",
      "truck",
      "container",
      "car",
    ]);
    expect(["rail", "multimodal", "road", "air"].map(unitNounOfMode)).toEqual(["car", "car", "truck", "unit"]);
  });
});
