// Reading a needs sheet (CSV or XLSX) into need inputs: one row per neighbourhood and item,
// a header row naming the columns. Errors name the row (as a spreadsheet shows it, header =
// row 1) and the column. Pure parsing: storing the needs is app/needs-import.ts.
import { parse } from "csv-parse/sync";
import { decodeText, TextEncodingError } from "./text-encoding.ts";
import type { NeedInput } from "../core/needs.ts";
import type { FieldError } from "../core/decide.ts";
import { AppError } from "../app/errors.ts";
import { NEEDS_SHEET_LIMITS, readFirstSheet, type Cell } from "./xlsx-sheet.ts";
import { ZipRefusal } from "./zip-directory.ts";

export const NEED_COLUMNS = [
  "neighbourhood",
  "item",
  "quantity",
  "priority",
  "households",
  "people",
  "source",
  "assessedOn",
] as const;
const REQUIRED = ["neighbourhood", "item", "quantity", "source", "assessedOn"];
const ALIASES: Record<string, string> = { assessed_on: "assessedOn", assessedon: "assessedOn", date: "assessedOn" };

export async function readNeedSheet(format: "csv" | "xlsx", content: Buffer): Promise<Cell[][]> {
  if (format === "csv") {
    let text: string;
    try {
      text = decodeText(content, "the CSV file").text;
    } catch (e) {
      if (!(e instanceof TextEncodingError)) throw e;
      throw new AppError("invalid", e.message, [{ field: "/content", message: e.message }]);
    }
    rejectReplacementCharacters(text);
    return readCsv(text);
  }
  try {
    return await readFirstSheet(content, NEEDS_SHEET_LIMITS);
  } catch (e) {
    if (e instanceof ZipRefusal) {
      const message = `the XLSX file ${e.tooLarge ? "was refused" : "could not be read"}: ${e.message}`;
      throw new AppError(e.tooLarge ? "too-large" : "invalid", message, [{ field: "/content", message: e.message }]);
    }
    throw new AppError("invalid", `the ${format.toUpperCase()} file could not be read: ${(e as Error).message}`, [
      { field: "/content", message: "not a readable " + format.toUpperCase() + " file" },
    ]);
  }
}

/** CSV text (UTF-8, UTF-16 or Windows-1251 already decoded by io/text-encoding.ts) to rows. */
function readCsv(text: string): Cell[][] {
  try {
    return parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new AppError("invalid", `the CSV file could not be read: ${(e as Error).message}`, [
      { field: "/content", message: "not a readable CSV file" },
    ]);
  }
}

/** Text that already holds U+FFFD was decoded with the wrong encoding before it reached us (e.g. pasted). */
function rejectReplacementCharacters(text: string): void {
  const at = text.indexOf("\ufffd");
  if (at < 0) return;
  const row = text.slice(0, at).split("\n").length;
  const message = `row ${row} holds U+FFFD replacement characters: the file was decoded with the wrong encoding before it was sent; send the file's bytes (base64) or save it as UTF-8`;
  throw new AppError("invalid", message, [{ field: "/content", message }]);
}

/** Rows to need inputs, or the errors as `/rows/<row>/<column>`. */
export function needsFromRows(rows: Cell[][]): { needs: NeedInput[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const [header = [], ...body] = rows;
  const names = header.map((h) => String(h ?? "").trim()).map((h) => ALIASES[h.toLowerCase()] ?? h);
  const unknown = names.filter((n) => n !== "" && !(NEED_COLUMNS as readonly string[]).includes(n));
  for (const n of unknown)
    errors.push({
      field: `/rows/1/${n}`,
      message: `unknown column ${n}; the columns are ${NEED_COLUMNS.join(", ")} (no names or other personal data)`,
    });
  for (const r of REQUIRED)
    if (!names.includes(r)) errors.push({ field: `/rows/1/${r}`, message: `column ${r} is missing` });
  if (body.length === 0) errors.push({ field: "/rows", message: "the sheet has no rows of needs below its header" });
  if (errors.length > 0) return { needs: [], errors };
  const needs = body.map((row, k): NeedInput => {
    const at = (c: string) => `/rows/${k + 2}/${c}`;
    const get = (c: string): Cell => row[names.indexOf(c)];
    const text = (c: string) => {
      const v = get(c);
      return v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    };
    const count = (c: string): number | undefined => {
      const t = text(c);
      if (t === "") return undefined;
      if (!/^\d{1,9}$/.test(t))
        errors.push({ field: at(c), message: `${c} must be a whole number ≥ 0 (got ${JSON.stringify(t)})` });
      return Number(t);
    };
    for (const c of REQUIRED) if (text(c) === "") errors.push({ field: at(c), message: `${c} is empty` });
    const priority = text("priority");
    if (priority !== "" && !Number.isFinite(Number(priority)))
      errors.push({ field: at("priority"), message: `priority must be a number (got ${JSON.stringify(priority)})` });
    const households = count("households");
    const people = count("people");
    return {
      neighbourhood: text("neighbourhood"),
      item: text("item"),
      quantity: text("quantity"),
      source: text("source"),
      assessedOn: text("assessedOn"),
      ...(priority !== "" && { priority: Number(priority) }),
      ...(households !== undefined && { households }),
      ...(people !== undefined && { people }),
    };
  });
  return { needs, errors };
}
