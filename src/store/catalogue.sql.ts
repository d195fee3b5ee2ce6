// Operations, organisations, locations, items and units of measure.
import type { ItemKind, ItemRef, LocationKind, LocationRef } from "../core/catalogue.ts";
import type { Queryable } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";
import type { LocalisedNames } from "../core/names.ts";

export interface Operation {
  id: string;
  code: string;
  name: string;
  description: string;
  timeZone: string;
  createdAt: string;
  /** The name (and description) in other languages: {"ru": {"name": "…", "description": "…"}}. */
  names: LocalisedNames;
}

/** An operation with the head of its ledger (migration 015 keeps the head in ledger_heads). */
export interface OperationWithHead extends Operation {
  lastSeq: number;
  lastHash: string;
}

const operationColumns = `o.id, o.code, o.name, o.description, o.time_zone as "timeZone", o.created_at as "createdAt", o.names`;
const headColumns = `h.last_seq as "lastSeq", h.last_hash as "lastHash"`;
const iso = <T extends { createdAt: unknown }>(r: T): T => ({ ...r, createdAt: (r.createdAt as Date).toISOString() });

/** Looks an operation up by code: the shared `operations` table only (a reference table on Citus, read on the coordinator). */
export async function findOperation(db: Queryable, code: string): Promise<Operation | undefined> {
  const [row] = await db.query<Operation>(`select ${operationColumns} from operations o where o.code = $1`, [code]);
  return row && iso(row);
}

/** An operation and its ledger head: two look-ups by key (on Citus: the coordinator, then the operation's one worker). */
export async function findOperationWithHead(db: Queryable, code: string): Promise<OperationWithHead | undefined> {
  const operation = await findOperation(db, code);
  if (!operation) return undefined;
  const [head] = await db.query<{ lastSeq: number; lastHash: string }>(
    `select ${headColumns} from ledger_heads h where h.operation_id = $1`,
    [operation.id],
  );
  return { ...operation, lastSeq: head?.lastSeq ?? 0, lastHash: head?.lastHash ?? "" };
}

/**
 * Every operation (or those the user has a role in) with its ledger head: a list across
 * operations, the one kind of query that reads every shard on Citus.
 */
export async function listOperations(db: Queryable, visibleTo?: string): Promise<OperationWithHead[]> {
  const rows = visibleTo
    ? await db.query<OperationWithHead>(
        `select ${operationColumns}, ${headColumns} from memberships m
         join ledger_heads h on h.operation_id = m.operation_id join operations o on o.id = m.operation_id
         where m.user_id = $1 order by o.code`,
        [visibleTo],
      )
    : await db.query<OperationWithHead>(
        `select ${operationColumns}, ${headColumns} from operations o join ledger_heads h on h.operation_id = o.id order by o.code`,
      );
  return rows.map(iso);
}

/** A new operation and the empty head of its ledger. */
export async function insertOperation(
  tx: Queryable,
  op: {
    id: string;
    code: string;
    name: string;
    description: string;
    timeZone: string;
    createdBy: string;
    names?: LocalisedNames;
  },
): Promise<void> {
  await tx.query(
    "insert into operations (id, code, name, description, time_zone, created_by, names) values ($1, $2, $3, $4, $5, $6, $7)",
    [op.id, op.code, op.name, op.description, op.timeZone, op.createdBy, JSON.stringify(op.names ?? {})],
  );
  await tx.query("insert into ledger_heads (operation_id) values ($1)", [op.id]);
}

export interface Organisation {
  id: string;
  code: string;
  name: string;
  kind: string;
  /** Names in other languages: {"ru": {"name": "МЧС России"}}. */
  names?: LocalisedNames;
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  return db.query<Organisation>("select id, code, name, kind, names from organisations order by code");
}

export async function findOrganisation(db: Queryable, code: string): Promise<Organisation | undefined> {
  const [row] = await db.query<Organisation>("select id, code, name, kind, names from organisations where code = $1", [
    code,
  ]);
  return row;
}

export async function insertOrganisation(tx: Queryable, org: Organisation): Promise<void> {
  await tx.query("insert into organisations (id, code, name, kind, names) values ($1, $2, $3, $4, $5)", [
    org.id,
    org.code,
    org.name,
    org.kind,
    JSON.stringify(org.names ?? {}),
  ]);
}

export interface Location {
  code: string;
  name: string;
  kind: LocationKind;
  parent?: string | null;
  unlocode?: string | null;
  latitude?: string | null;
  longitude?: string | null;
  organisation?: string | null;
  /** Names in other languages, for reports (see core/names.ts). */
  names?: LocalisedNames;
}

const locationColumns = `l.code, l.name, l.kind, l.parent_code as parent, l.unlocode, l.latitude, l.longitude, o.code as organisation, l.names`;

export async function listLocations(db: Queryable, operationId: string, kind?: string): Promise<Location[]> {
  return db.query<Location>(
    `select ${locationColumns} from locations l left join organisations o on o.id = l.organisation_id
     where l.operation_id = $1 and ($2::text is null or l.kind = $2) order by l.code`,
    [operationId, kind ?? null],
  );
}

export async function insertLocations(
  tx: Queryable,
  operationId: string,
  locations: readonly (Location & { organisationId?: string | null })[],
): Promise<void> {
  if (locations.length === 0) return;
  await tx.query(
    `insert into locations (operation_id, code, name, kind, parent_code, unlocode, latitude, longitude, organisation_id, names)
     select head.operation_id, code, name, kind, parent, unlocode, latitude, longitude, "organisationId", coalesce(names, '{}'::jsonb)
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(code text, name text, kind text, parent text, unlocode text,
       latitude numeric, longitude numeric, "organisationId" uuid, names jsonb)
     where head.operation_id = $1`,
    [operationId, JSON.stringify(locations)],
  );
}

/**
 * The existing codes of an operation's locations or items that equal one of `codes` but for case,
 * keyed by the lower-case code.
 */
export async function findCodesIgnoringCase(
  db: Queryable,
  kind: "locations" | "items" | "teams" | "consignments",
  operationId: string,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const table = { locations: "locations", items: "items", teams: "teams", consignments: "consignments" }[kind];
  const rows = await db.query<{ code: string }>(
    `select code from ${table} where operation_id = $1 and lower(code) = any($2::text[])`,
    [operationId, codes.map((c) => c.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.code.toLowerCase(), r.code]));
}

/** The code of an operation or organisation that equals `code` but for case, if there is one. */
export async function findCodeIgnoringCase(
  db: Queryable,
  kind: "operations" | "organisations",
  code: string,
): Promise<string | undefined> {
  const table = kind === "operations" ? "operations" : "organisations";
  const [row] = await db.query<{ code: string }>(`select code from ${table} where lower(code) = lower($1) limit 1`, [
    code,
  ]);
  return row?.code;
}

export async function findLocationRefs(
  db: Queryable,
  operationId: string,
  codes: readonly string[],
): Promise<Map<string, LocationRef>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<LocationRef>(
    "select code, kind from locations where operation_id = $1 and code = any($2::text[])",
    [operationId, codes],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

export interface Item {
  code: string;
  name: string;
  uom: string;
  kind: ItemKind;
  weightKg?: string | null;
  volumeM3?: string | null;
  /** Names in other languages, with the forms a report's sentences need (see core/names.ts). */
  names?: LocalisedNames;
}

export async function listItems(db: Queryable, operationId: string): Promise<Item[]> {
  return db.query<Item>(
    `select code, name, uom, kind, weight_kg as "weightKg", volume_m3 as "volumeM3", names from items where operation_id = $1 order by code`,
    [operationId],
  );
}

export async function insertItems(tx: Queryable, operationId: string, items: readonly Item[]): Promise<void> {
  if (items.length === 0) return;
  await tx.query(
    `insert into items (operation_id, code, name, uom, kind, weight_kg, volume_m3, names)
     select head.operation_id, code, name, uom, kind, "weightKg", "volumeM3", coalesce(names, '{}'::jsonb)
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(code text, name text, uom text, kind text, "weightKg" numeric, "volumeM3" numeric, names jsonb)
     where head.operation_id = $1`,
    [operationId, JSON.stringify(items)],
  );
}

export async function findItemRefs(
  db: Queryable,
  operationId: string,
  codes: readonly string[],
): Promise<Map<string, ItemRef>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<ItemRef>(
    "select code, uom, kind from items where operation_id = $1 and code = any($2::text[])",
    [operationId, codes],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

export interface UnitOfMeasure {
  code: string;
  name: string;
  symbol: string | null;
}

export async function findUoms(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.query<{ code: string }>("select code from units_of_measure where code = any($1::text[])", [
    codes,
  ]);
  return new Set(rows.map((r) => r.code));
}

export async function searchUoms(db: Queryable, text: string | undefined, limit: number): Promise<UnitOfMeasure[]> {
  return db.query<UnitOfMeasure>(
    `select code, name, symbol from units_of_measure
     where $1::text is null or code = upper($1) or name ilike '%' || $1 || '%'
     order by (code = upper(coalesce($1, ''))) desc, level, code limit $2`,
    [text ?? null, limit],
  );
}

/** Names of the operation's places (every location but the transport units), by code. */
export async function placeNames(db: Queryable, operationId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ code: string; name: string }>(
    "select code, name from locations where operation_id = $1 and kind <> 'transport-unit'",
    [operationId],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}
