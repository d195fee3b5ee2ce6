// CSV exports are opened in spreadsheets: text typed by users must never become a formula there.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { spreadsheetText, tableCsv } from "./csv.ts";

describe("a cell of a CSV export", () => {
  it.each([
    '=HYPERLINK("http://example.org/x","Open")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "-",
  ])("that a spreadsheet would run (%j) is written as text", (cell) => {
    expect(spreadsheetText(cell)).toBe(`'${cell}`);
  });

  it.each(["300", "-12.5", "+7", "0.125", "1e3", "Stepanakert hub", "STP-NORTH", "", "Lumber (sawn timber)"])(
    "that is a number or plain text (%j) is written as it is",
    (cell) => {
      expect(spreadsheetText(cell)).toBe(cell);
    },
  );

  it("never starts with a formula character unless it is a number", () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const written = spreadsheetText(cell);
        expect(/^[=+\-@\t\r\n]/.test(written) && !/^[+-]?[\d.]/.test(written)).toBe(false);
        expect(written === cell || written === `'${cell}`).toBe(true);
      }),
    );
  });
});

describe("a table as CSV", () => {
  const table = {
    columns: [
      { header: "Place", hxl: "#loc +name" },
      { header: "Quantity", hxl: "#indicator +num" },
    ],
    rows: [
      ['=HYPERLINK("http://example.org","Open")', "-4"],
      ["Stepanakert hub", "300"],
    ],
  };

  it("keeps the hashtag row and numbers, and writes a formula-like name as text", () => {
    const rows = parse(tableCsv(table, { hxl: true })) as string[][];
    expect(rows).toEqual([
      ["Place", "Quantity"],
      ["#loc +name", "#indicator +num"],
      ['\'=HYPERLINK("http://example.org","Open")', "-4"],
      ["Stepanakert hub", "300"],
    ]);
  });
});
