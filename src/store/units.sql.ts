// Transport units and their manifests.
import type { ManifestLine } from "../core/reconcile/finding.ts";
import type { Queryable } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";

export interface TransportUnit {
  number: string;
  scheme: string;
  kind: string;
  numberVerified: boolean;
  consignment: string | null;
  part: number | null;
  registeredAt: string;
}

const unitColumns = `number, scheme, kind, number_verified as "numberVerified", consignment_code as consignment, part_number as part,
  registered_at as "registeredAt"`;
export const iso = (u: TransportUnit): TransportUnit => ({
  ...u,
  registeredAt: new Date(u.registeredAt).toISOString(),
});

/** The registered units among the numbers in parameter `$p` ($1 is the operation). */
export const unitsByNumber = (p: number) =>
  `select ${unitColumns} from transport_units where operation_id = $1 and number = any($${p}::text[])`;

export async function findUnits(
  db: Queryable,
  operationId: string,
  numbers: readonly string[],
): Promise<Map<string, TransportUnit>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.query<TransportUnit>(unitsByNumber(2), [operationId, numbers]);
  return new Map(rows.map((r) => [r.number, iso(r)]));
}

/** The vehicle plates registered in the operation. */
export async function listPlates(db: Queryable, operationId: string): Promise<string[]> {
  const rows = await db.query<{ number: string }>(
    "select number from transport_units where operation_id = $1 and scheme = 'plate'",
    [operationId],
  );
  return rows.map((r) => r.number);
}

export async function listUnits(db: Queryable, operationId: string, consignment?: string): Promise<TransportUnit[]> {
  const rows = await db.query<TransportUnit>(
    `select ${unitColumns} from transport_units where operation_id = $1 and ($2::text is null or consignment_code = $2)
     order by consignment_code nulls last, part_number, number`,
    [operationId, consignment ?? null],
  );
  return rows.map(iso);
}

export async function insertUnits(
  tx: Queryable,
  operationId: string,
  units: readonly Omit<TransportUnit, "registeredAt">[],
  now: Date,
): Promise<void> {
  if (units.length === 0) return;
  await tx.query(
    `insert into transport_units (operation_id, number, scheme, kind, number_verified, consignment_code, part_number, registered_at)
     select head.operation_id, number, scheme, kind, "numberVerified", consignment, part, $3
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(number text, scheme text, kind text, "numberVerified" boolean, consignment text, part integer)
     where head.operation_id = $1`,
    [operationId, JSON.stringify(units), now],
  );
}

export async function countUnitsByConsignment(
  db: Queryable,
  operationId: string,
  consignment: string,
): Promise<string[]> {
  const rows = await db.query<{ number: string }>(
    "select number from transport_units where operation_id = $1 and consignment_code = $2 order by registered_at, number",
    [operationId, consignment],
  );
  return rows.map((r) => r.number);
}

/** Manifest lines of the given units (all units when none given). */
export async function findManifests(
  db: Queryable,
  operationId: string,
  numbers?: readonly string[],
): Promise<Map<string, ManifestLine[]>> {
  const rows = await db.query<ManifestRow>(`${manifestLines(2)} order by m.unit_number, m.line`, [
    operationId,
    numbers ?? null,
  ]);
  return manifestsOf(rows);
}

export type ManifestRow = ManifestLine & { unit: string; line: number };

/** Manifest lines of the units in parameter `$p` (all when null; $1 is the operation), unordered. */
export const manifestLines = (p: number) =>
  `select m.unit_number as unit, m.line, m.item_code as item, trim_scale(m.quantity)::text as quantity, i.uom
   from manifest_lines m join items i on i.operation_id = m.operation_id and i.code = m.item_code
   where m.operation_id = $1 and ($${p}::text[] is null or m.unit_number = any($${p}::text[]))`;

/** Rows of `manifestLines`, in unit and line order, as each unit's manifest. */
export function manifestsOf(rows: readonly ManifestRow[]): Map<string, ManifestLine[]> {
  const out = new Map<string, ManifestLine[]>();
  for (const { unit, line: _, ...line } of rows) out.set(unit, [...(out.get(unit) ?? []), line]);
  return out;
}

/** Replaces the manifests of the given units, set-based. */
export async function replaceManifests(
  tx: Queryable,
  operationId: string,
  manifests: ReadonlyMap<string, readonly { item: string; quantity: string }[]>,
): Promise<void> {
  const units = [...manifests.keys()];
  if (units.length === 0) return;
  await tx.query("delete from manifest_lines where operation_id = $1 and unit_number = any($2::text[])", [
    operationId,
    units,
  ]);
  const rows = [...manifests].flatMap(([unit, lines]) =>
    lines.map((l, line) => ({ unit, line, item: l.item, quantity: l.quantity })),
  );
  await tx.query(
    `insert into manifest_lines (operation_id, unit_number, line, item_code, quantity)
     select head.operation_id, unit, line, item, quantity
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(unit text, line integer, item text, quantity numeric)
     where head.operation_id = $1`,
    [operationId, JSON.stringify(rows)],
  );
}

/** Units whose number failed its check digit (or has no scheme): recorded, and flagged by reconciliation. */
export async function unverifiedUnits(db: Queryable, operationId: string): Promise<{ number: string; kind: string }[]> {
  return db.query<{ number: string; kind: string }>(
    "select number, kind from transport_units where operation_id = $1 and not number_verified",
    [operationId],
  );
}
