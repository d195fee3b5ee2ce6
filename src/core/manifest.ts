// Manifests: what a transport unit carries, line by line (item, exact quantity, the
// item's own unit of measure). Equipment such as a crane is a counted item.
import type { FieldError } from "./decide.ts";
import type { ItemRef } from "./catalogue.ts";
import { isWholeItem } from "./catalogue.ts";
import { isZero, parseQuantity } from "./quantity.ts";

export interface ManifestRow {
  unit: string;
  item: string;
  quantity: string;
  uom?: string;
}

export interface ManifestCheck {
  errors: FieldError[];
  /** Lines per unit, in the order given. */
  byUnit: Map<string, { item: string; quantity: string }[]>;
}

/**
 * Checks manifest rows against the catalogue and the registered units. Errors point
 * at `<prefix>/<row>/<column>`. With `consignment`, every unit must belong to it.
 */
export function checkManifestRows(
  rows: readonly ManifestRow[],
  items: ReadonlyMap<string, ItemRef>,
  units: ReadonlyMap<string, { consignment: string | null }>,
  options: { prefix: string; consignment?: string },
): ManifestCheck {
  const errors: FieldError[] = [];
  const byUnit = new Map<string, { item: string; quantity: string }[]>();
  rows.forEach((row, i) => {
    const at = `${options.prefix}/${i}`;
    const before = errors.length;
    const unit = units.get(row.unit);
    if (!unit) errors.push({ field: `${at}/unit`, message: `unknown transport unit ${row.unit}; register it first` });
    else if (options.consignment !== undefined && unit.consignment !== options.consignment) {
      errors.push({
        field: `${at}/unit`,
        message: `unit ${row.unit} belongs to ${unit.consignment ? `consignment ${unit.consignment}` : "no consignment"}, not ${options.consignment}`,
      });
    }
    const item = items.get(row.item);
    if (!item) errors.push({ field: `${at}/item`, message: `unknown item ${row.item}` });
    if (item && row.uom !== undefined && row.uom !== "" && row.uom !== item.uom)
      errors.push({ field: `${at}/uom`, message: `item ${item.code} is counted in ${item.uom}, not ${row.uom}` });
    const q = parseQuantity(row.quantity);
    if (!q.ok) errors.push({ field: `${at}/quantity`, message: `quantity ${q.reason}` });
    else if (isZero(q.value)) errors.push({ field: `${at}/quantity`, message: "quantity must be greater than zero" });
    else if (item && isWholeItem(item) && q.value.includes("."))
      errors.push({ field: `${at}/quantity`, message: `${item.code} is counted in whole pieces; got ${q.value}` });
    if (errors.length === before && q.ok)
      byUnit.set(row.unit, [...(byUnit.get(row.unit) ?? []), { item: row.item, quantity: q.value }]);
  });
  return { errors, byUnit };
}
