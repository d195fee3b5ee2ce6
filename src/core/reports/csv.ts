// A table as CSV (RFC 4180, via csv-stringify): the human header row, then, for HXL,
// the hashtag row directly under it, then the data.
import { stringify } from "csv-stringify/sync";
import type { Table } from "./tables.ts";

export function tableCsv(table: Table, options: { hxl: boolean }): string {
  const head = [table.columns.map((c) => c.header), ...(options.hxl ? [table.columns.map((c) => c.hxl)] : [])];
  return stringify([...head, ...table.rows], { record_delimiter: "\r\n" });
}
