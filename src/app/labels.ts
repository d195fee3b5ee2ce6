// Label sheets for the operations room to print: one QR label per transport unit, and
// optionally one per pallet of it, so the field app opens the unit from a scan.
import type { Db } from "../store/db.ts";
import { readUnits } from "../store/working-set.sql.ts";
import { readItems } from "../store/working-set.sql.ts";
import { formatUnitNumber, type UnitScheme } from "../core/identifiers.ts";
import { labelCode } from "../core/labels.ts";
import { renderLabelSheet, type Label } from "../report-render/labels-pdf.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { AppError } from "./errors.ts";

export const MAX_LABELED_UNITS = 2000;

export interface LabelQuery {
  units?: string[];
  consignment?: string;
  part?: number;
  /** Pallet labels per unit, beside the unit's own label. */
  pallets?: number;
}

export async function labelSheet(
  db: Db,
  principal: Principal,
  operationCode: string,
  query: LabelQuery,
  now: Date,
): Promise<Buffer> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const all = await readUnits(db, operation.id, query.units ?? null);
  const units = all.filter(
    (u) =>
      (query.consignment === undefined || u.consignment === query.consignment) &&
      (query.part === undefined || u.part === query.part),
  );
  const missing = (query.units ?? []).filter((n) => !units.some((u) => u.number === n));
  if (missing.length > 0) {
    const listed = missing.slice(0, 5).join(", ");
    const message = `unknown transport unit${missing.length > 1 ? "s" : ""} ${listed} in operation ${operationCode}`;
    throw new AppError("invalid", message, [{ field: "/units", message: `unknown: ${listed}` }]);
  }
  if (units.length > MAX_LABELED_UNITS) {
    throw new AppError(
      "too-large",
      `a sheet labels at most ${MAX_LABELED_UNITS} units; choose a consignment or part (${units.length} units)`,
    );
  }
  const items = new Map((await readItems(db, operation.id, null)).map((i) => [i.code, i]));
  const labels: Label[] = units.flatMap((u) => {
    const title = formatUnitNumber(u.number, u.scheme as UnitScheme);
    const cargo = u.manifest.map((m) =>
      `${items.get(m.item)?.name ?? m.item}: ${m.quantity} ${items.get(m.item)?.uom ?? ""}`.trim(),
    );
    const where = u.consignment ? [`${u.consignment}${u.part === null ? "" : `, part ${u.part}`}`] : [];
    const own: Label = {
      code: labelCode({ operation: operation.code, unit: u.number }),
      title,
      lines: [u.kind, ...where, ...cargo, operation.code],
    };
    const pallets = Array.from({ length: query.pallets ?? 0 }, (_, i): Label => ({
      code: labelCode({ operation: operation.code, unit: u.number, pallet: i + 1 }),
      title,
      lines: [`Pallet ${i + 1} of ${query.pallets}`, ...cargo, operation.code],
    }));
    return [own, ...pallets];
  });
  return renderLabelSheet(`Labels — ${operation.name}`, labels, now);
}
