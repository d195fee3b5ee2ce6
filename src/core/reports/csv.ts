// A table as CSV (RFC 4180, via csv-stringify): the human header row, then, for HXL,
// the hashtag row directly under it, then the data.
//
// Every cell is written so a spreadsheet shows it as the text or number it is and never
// runs it. Names of places, items and teams are typed by users; a place named
// `=HYPERLINK("http://…","Open")` or `@SUM(…)` would be a formula in Excel, LibreOffice and
// Google Sheets once an officer opens the export (CSV injection). Such a cell is written
// with a leading apostrophe, which those programs take as "this is text" and do not show.
// Numbers, negative ones included, are left as they are.
import { stringify } from "csv-stringify/sync";
import type { Table } from "./tables.ts";

/** What a spreadsheet reads as the start of a formula (or of a DDE call), at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a spreadsheet must take it: text that would start a formula gets a leading apostrophe. */
export const spreadsheetText = (cell: string): string =>
  FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;

export function tableCsv(table: Table, options: { hxl: boolean }): string {
  const head = [table.columns.map((c) => c.header), ...(options.hxl ? [table.columns.map((c) => c.hxl)] : [])];
  const rows = table.rows.map((row) => row.map(spreadsheetText));
  return stringify([...head, ...rows], { record_delimiter: "\r\n" });
}
