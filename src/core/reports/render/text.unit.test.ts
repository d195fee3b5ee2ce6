import { describe, expect, it } from "vitest";
import type { ReportDocument } from "../document.ts";
import { renderText, textBars, textTable, wrap } from "./text.ts";

const doc: ReportDocument = {
  lang: "en",
  title: "Situation report",
  subtitle: "Test response",
  meta: [
    { label: "Operation", value: "OP-1" },
    { label: "Period", value: "1–19 December 2020" },
  ],
  blocks: [
    { kind: "heading", level: 2, text: "Stock" },
    {
      kind: "table",
      columns: [
        { header: "Item", align: "left" },
        { header: "Quantity", align: "right" },
      ],
      rows: [
        ["Lumber", "300"],
        ["Blankets", "5,960"],
      ],
      totals: ["Total", "6,260"],
    },
    {
      kind: "bars",
      title: "Coverage",
      series: ["distributed", "planned"],
      max: 1,
      ticks: [],
      bars: [{ label: "North", values: [0.5, 1], text: "50%" }],
    },
  ],
  footer: "Generated from the Reliefline ledger of OP-1 at event 42, head hash abc",
  pageLabel: "Page {n} of {total}",
  generatedAt: "2020-12-20T08:00:00.000Z",
  fileName: "x",
};

describe("the plain-text report", () => {
  it("right-aligns number columns so figures line up under their header", () => {
    const lines = textTable(doc.blocks[1] as Extract<ReportDocument["blocks"][number], { kind: "table" }>);
    expect(lines).toEqual([
      "Item      Quantity",
      "--------  --------",
      "Lumber         300",
      "Blankets     5,960",
      "--------  --------",
      "Total        6,260",
    ]);
  });

  it("wraps a long cell inside its column and keeps the other cells on the first line", () => {
    const lines = textTable({
      kind: "table",
      columns: [
        { header: "Kind", align: "left" },
        { header: "Details", align: "left" },
      ],
      rows: [["Short", `${"word ".repeat(15)}end`]],
    });
    expect(lines[2]).toMatch(/^Short {2}word word/);
    expect(lines[3]).toMatch(/^ {7}word/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(5 + 2 + 46);
  });

  it("draws bars with a solid part for the first series and a shaded part for the second", () => {
    const [title, bar, legend] = textBars(doc.blocks[2] as Extract<ReportDocument["blocks"][number], { kind: "bars" }>);
    expect(title).toBe("Coverage");
    expect(bar).toBe(`North  ${"█".repeat(15)}${"▒".repeat(15)}  50%`);
    expect(legend).toContain("█ distributed");
  });

  it("starts with the title block and ends with the ledger line", () => {
    const text = renderText(doc);
    expect(text.split("\n").slice(0, 5)).toEqual([
      "SITUATION REPORT",
      "Test response",
      "",
      "Operation  OP-1",
      "Period     1–19 December 2020",
    ]);
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Generated from the Reliefline ledger of OP-1 at event 42, head hash abc",
    );
  });

  it("wraps words to a width", () => expect(wrap("a bb ccc dddd", 6)).toEqual(["a bb", "ccc", "dddd"]));
});
