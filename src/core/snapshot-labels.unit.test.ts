import { describe, expect, it } from "vitest";
import type { SnapshotContent } from "./publication.ts";
import { snapshotFigureLabel } from "./snapshot-labels.ts";

const hub = { code: "STP-HUB", name: "Humanitarian hub, Stepanakert", names: { ru: "Склад, Степанакерт" } };
const blankets = { code: "BLANKET", name: "Blankets", names: { ru: "Одеяла" } };
const content = {
  consignments: [{ code: "STP-54", name: "54 rail cars", names: { ru: "54 вагона" } }],
  stock: [{ location: hub, item: blankets, uom: "H87", quantity: "5960" }],
  neighbourhoods: [{ neighbourhood: { code: "STP-WEST", name: "West district", names: { ru: "Западный район" } } }],
} as unknown as SnapshotContent;

describe("a snapshot figure's label", () => {
  it("is said in the reader's language from the figure's id, whatever language the publication was in", () => {
    expect(snapshotFigureLabel("STP-54/progress", content, "ru")).toBe(
      "Ход доставки груза «54 вагона»: единиц на каждом этапе",
    );
    expect(snapshotFigureLabel("STP-54/progress", content, "en")).toBe("Progress of 54 rail cars: units at each step");
    expect(snapshotFigureLabel("stock/STP-HUB/BLANKET", content, "ru")).toBe(
      "Одеяла: запас в пункте «Склад, Степанакерт»",
    );
    expect(snapshotFigureLabel("neighbourhood/STP-WEST", content, "en")).toBe(
      "Needs and distributions in West district",
    );
  });

  it("says the cargo's received figure counts per unit, as the dashboard does", () => {
    expect(snapshotFigureLabel("STP-54/cargo", content, "en")).toBe(
      "Cargo of 54 rail cars: planned, unloaded, received per unit",
    );
  });

  it("is unknown for an id the snapshot does not hold", () => {
    for (const id of ["OTHER/progress", "STP-54/plan", "stock/STP-HUB/FLOUR", "neighbourhood/X", "STP-54"])
      expect(snapshotFigureLabel(id, content, "en"), id).toBeUndefined();
  });
});
