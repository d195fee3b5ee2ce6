// Names of an operation's places, items, consignments and of the operation itself, with
// their names in other languages: for text written in the reader's language.
import type { LocalisedNames } from "../core/names.ts";
import type { Queryable } from "./db.ts";

export interface NamedRow {
  code: string;
  name: string;
  names: LocalisedNames;
}

export type Named = "places" | "items" | "consignments";

/**
 * Places people name (transport units are named by their number instead), items and consignments, in one round
 * trip: an append describes its findings with them.
 */
export async function namedEntries(db: Queryable, operationId: string): Promise<Record<Named, NamedRow[]>> {
  return namedOf(await db.query<NamedRow & { of: Named }>(NAMED_ENTRIES, [operationId]));
}

/** The rows of `namedEntries` ($1 is the operation). */
export const NAMED_ENTRIES = `select 'places' as of, code, name, names from locations where operation_id = $1 and kind <> 'transport-unit'
   union all select 'items', code, name, names from items where operation_id = $1
   union all select 'consignments', code, name, names from consignments where operation_id = $1`;

export function namedOf(rows: readonly (NamedRow & { of: Named })[]): Record<Named, NamedRow[]> {
  const out: Record<Named, NamedRow[]> = { places: [], items: [], consignments: [] };
  for (const { of, ...row } of rows) out[of].push(row);
  return out;
}

export async function namedOperation(db: Queryable, operationId: string): Promise<NamedRow | undefined> {
  const [row] = await db.query<NamedRow>("select code, name, names from operations where id = $1", [operationId]);
  return row;
}
