// Needs from a CSV or XLSX sheet (read by io/needs-sheet.ts): every row is checked before
// anything is stored; errors name the row and the column. All or nothing.
import type { Db } from "../store/db.ts";
import { needsFromRows, readNeedSheet } from "../io/needs-sheet.ts";
import { AppError } from "./errors.ts";
import { addNeeds } from "./needs.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export async function importNeeds(
  db: Db,
  principal: Principal,
  operationCode: string,
  format: "csv" | "xlsx",
  content: Buffer,
  now: Date,
) {
  // Who may plan is checked before the sheet is read: nobody else has an XLSX unpacked or
  // their rows checked (and a user with no role gets the 404 of an unknown operation).
  await authorise(db, principal, operationCode, { kind: "plan" });
  const { needs, errors } = needsFromRows(await readNeedSheet(format, content));
  if (errors.length > 0)
    throw new AppError(
      "invalid",
      `No need was imported: ${errors[0]!.field} ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}.`,
      errors,
    );
  try {
    return await addNeeds(db, principal, operationCode, needs, now);
  } catch (e) {
    // Point the domain's /needs/<i>/<field> at the sheet's row and column.
    if (e instanceof AppError && e.code === "invalid") {
      const rowed = e.errors.map((f) => ({
        ...f,
        field: f.field.replace(/^\/needs\/(\d+)/, (_, i: string) => `/rows/${Number(i) + 2}`),
      }));
      throw new AppError(
        "invalid",
        `No need was imported: ${rowed[0]?.field ?? ""} ${rowed[0]?.message ?? e.message}${rowed.length > 1 ? ` (and ${rowed.length - 1} more)` : ""}.`,
        rowed,
      );
    }
    throw e;
  }
}
