// Reading manifest files (CSV or XLSX) into rows the import checks. The first row is
// a header naming the columns unit, item, quantity and optionally uom (any order,
// case-insensitive). Row numbers are the file's own (the header is row 1), so errors
// can say "row 7, column quantity". XLSX numbers arrive as JavaScript numbers; write
// quantities as text cells when they need more than 15 significant digits. CSV text may
// be UTF-8, UTF-16 or Windows-1251 (io/text-encoding.ts).
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import type { ManifestRow } from "../core/manifest.ts";
import { decodeText, TextEncodingError } from "./text-encoding.ts";
import type { FieldError } from "../core/decide.ts";
import { MANIFEST_FILE_LIMITS, readFirstSheet } from "./xlsx-sheet.ts";
import { ZipRefusal } from "./zip-directory.ts";

export interface ManifestFile {
  rows: ManifestRow[];
  /** File row number of each entry in `rows`. */
  rowNumbers: number[];
}

export class ManifestFileError extends Error {}

const COLUMNS = ["unit", "item", "quantity", "uom"] as const;
const REQUIRED = ["unit", "item", "quantity"] as const;

export async function readManifestFile(path: string): Promise<ManifestFile> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv")
    return fromTable(
      parse(csvText(await readFile(path), path), { skip_empty_lines: false, relax_column_count: true }) as string[][],
    );
  if (ext === ".xlsx") return fromTable((await xlsxRows(path)).map((row) => row.map(cellText)));
  throw new ManifestFileError(`${path}: a manifest file is .csv or .xlsx`);
}

/** The first sheet, unpacked within MANIFEST_FILE_LIMITS (io/xlsx-sheet.ts), or a refusal naming the bound passed. */
async function xlsxRows(path: string): Promise<unknown[][]> {
  const bytes = await readFile(path);
  try {
    return await readFirstSheet(bytes, MANIFEST_FILE_LIMITS);
  } catch (error) {
    const refused = error instanceof ZipRefusal && error.tooLarge;
    throw new ManifestFileError(
      `${path}: the XLSX file ${refused ? "was refused" : "could not be read"}: ${(error as Error).message}`,
    );
  }
}

/** The file's text in whichever encoding it was saved (UTF-8, UTF-16, Windows-1251), or a refusal naming it. */
function csvText(bytes: Buffer, path: string): string {
  try {
    return decodeText(bytes, path).text;
  } catch (error) {
    if (error instanceof TextEncodingError) throw new ManifestFileError(error.message);
    throw error;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

export function fromTable(table: string[][]): ManifestFile {
  const [header, ...body] = table;
  if (!header)
    throw new ManifestFileError(
      "the file is empty: the first row must name the columns unit, item, quantity (and optionally uom)",
    );
  const names = header.map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missing = REQUIRED.filter((c) => index[c] < 0);
  if (missing.length > 0)
    throw new ManifestFileError(
      `row 1 (the header) has no column ${missing.join(", ")}; it must name unit, item, quantity and optionally uom`,
    );
  const rows: ManifestRow[] = [];
  const rowNumbers: number[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    const get = (c: (typeof COLUMNS)[number]) => (index[c] < 0 ? "" : (cells[index[c]] ?? "").trim());
    rows.push({
      unit: get("unit"),
      item: get("item"),
      quantity: get("quantity"),
      ...(get("uom") !== "" && { uom: get("uom") }),
    });
    rowNumbers.push(i + 2);
  });
  return { rows, rowNumbers };
}

/** "/rows/3/quantity" → "row 5, column quantity: …" using the file's row numbers. */
export function describeRowError(error: FieldError, rowNumbers: readonly number[]): string {
  const match = /^\/rows\/(\d+)\/(\w+)$/.exec(error.field);
  if (!match) return `${error.field}: ${error.message}`;
  return `row ${rowNumbers[Number(match[1])] ?? Number(match[1]) + 2}, column ${match[2]}: ${error.message}`;
}
