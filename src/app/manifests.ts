// Setting manifests, one unit at a time or imported for a whole consignment (all or
// nothing: one bad row and nothing is stored, with every bad row and column named).
import type { ManifestRow } from "../core/manifest.ts";
import { checkManifestRows } from "../core/manifest.ts";
import type { Db } from "../store/db.ts";
import { findItemRefs } from "../store/catalogue.sql.ts";
import { findUnits, replaceManifests } from "../store/units.sql.ts";
import { findConsignment } from "../store/tracking.sql.ts";
import { lockChainHead } from "../store/ledger.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { projectUnits } from "./unit-projection.ts";

export const MAX_MANIFEST_ROWS = 100_000;

export interface ImportResult {
  units: number;
  lines: number;
}

async function store(
  db: Db,
  principal: Principal,
  operationCode: string,
  rows: readonly ManifestRow[],
  now: Date,
  options: { prefix: string; consignment?: string; what: string },
): Promise<ImportResult> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  if (options.consignment !== undefined && !(await findConsignment(db, operation.id, options.consignment)))
    throw notFound(`consignment ${options.consignment}`);
  if (rows.length > MAX_MANIFEST_ROWS)
    throw new AppError(
      "too-large",
      `a manifest import holds at most ${MAX_MANIFEST_ROWS} rows; this one has ${rows.length}`,
    );
  const items = await findItemRefs(db, operation.id, [...new Set(rows.map((r) => r.item))]);
  const units = await findUnits(db, operation.id, [...new Set(rows.map((r) => r.unit))]);
  const { errors, byUnit } = checkManifestRows(rows, items, units, options);
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    throw new AppError(
      "invalid",
      `${options.what} was not stored: ${errors[0]!.field} ${errors[0]!.message}${more}.`,
      errors,
    );
  }
  await db.transaction(async (tx) => {
    // The operation's write lock: concurrent replacements of one manifest run one after
    // the other (the last one wins whole), and so do the discrepancies they re-evaluate.
    await lockChainHead(tx, operation.id);
    await replaceManifests(tx, operation.id, byUnit);
    await projectUnits(tx, operation, [...byUnit.keys()], now);
  });
  return { units: byUnit.size, lines: rows.length };
}

/** Replaces one unit's manifest. */
export async function setManifest(
  db: Db,
  principal: Principal,
  operationCode: string,
  unit: string,
  lines: readonly Omit<ManifestRow, "unit">[],
  now: Date,
): Promise<ImportResult> {
  if (lines.length === 0)
    throw new AppError("invalid", "a manifest needs at least one line", [
      { field: "/lines", message: "at least one line" },
    ]);
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  if ((await findUnits(db, operation.id, [unit])).size === 0)
    throw notFound(`transport unit ${unit} in operation ${operationCode}`);
  return store(
    db,
    principal,
    operationCode,
    lines.map((l) => ({ ...l, unit })),
    now,
    { prefix: "/lines", what: "The manifest" },
  );
}

/** Replaces the manifests of every unit named in the rows; all units must belong to `consignment`. */
export async function importManifests(
  db: Db,
  principal: Principal,
  operationCode: string,
  consignment: string,
  rows: readonly ManifestRow[],
  now: Date,
): Promise<ImportResult> {
  if (rows.length === 0)
    throw new AppError("invalid", "the import has no rows", [{ field: "/rows", message: "at least one row" }]);
  return store(db, principal, operationCode, rows, now, { prefix: "/rows", consignment, what: "No manifest" });
}
