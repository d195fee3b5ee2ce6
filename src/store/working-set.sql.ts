// The field app's working set: what a phone keeps offline, read whole or by what changed.
// Catalogue changes are found through working_set_changes (migration 012), unit states
// through the ledger's sequence numbers.
import type { WsConsignment, WsItem, WsLocation, WsPlanLine, WsTeam, WsUnit } from "../core/working-set.ts";
import type { Queryable } from "./db.ts";

/**
 * Where a reader stands: the ledger head and the oldest transaction still running. Read from
 * the operation's head (migration 015): on Citus that runs on the operation's worker, whose
 * transaction ids are the ones the working-set triggers of its shards write.
 */
export async function readCursorBase(db: Queryable, operationId: string): Promise<{ seq: number; xid: number }> {
  const [row] = await db.query<{ seq: number; xid: string }>(
    "select last_seq as seq, pg_snapshot_xmin(pg_current_snapshot())::text as xid from ledger_heads where operation_id = $1",
    [operationId],
  );
  return { seq: row?.seq ?? 0, xid: Number(row?.xid ?? 0) };
}

/** Keys of the catalogue entities changed by transactions from `sinceXid` on, by kind. */
export async function changedKeys(
  db: Queryable,
  operationId: string,
  sinceXid: number,
): Promise<Map<string, string[]>> {
  const rows = await db.query<{ kind: string; key: string }>(
    "select kind, key from working_set_changes where operation_id = $1 and xid >= $2",
    [operationId, sinceXid],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.kind, [...(out.get(r.kind) ?? []), r.key]);
  return out;
}

/** Units named by events after `sinceSeq`: their state may have changed. */
export async function unitsInEventsAfter(db: Queryable, operationId: string, sinceSeq: number): Promise<string[]> {
  const rows = await db.query<{ unit: string }>(
    "select distinct body ->> 'unit' as unit from events where operation_id = $1 and seq > $2 and body ? 'unit'",
    [operationId, sinceSeq],
  );
  return rows.map((r) => r.unit);
}

/** Items (all, or those with these codes). */
export async function readItems(
  db: Queryable,
  operationId: string,
  codes: readonly string[] | null,
): Promise<WsItem[]> {
  return db.query<WsItem>(
    "select code, name, uom, kind, names from items where operation_id = $1 and ($2::text[] is null or code = any($2::text[])) order by code",
    [operationId, codes],
  );
}

/** Locations (all, or these), without the transport units' own locations (units are listed apart). */
export async function readLocations(
  db: Queryable,
  operationId: string,
  codes: readonly string[] | null,
): Promise<WsLocation[]> {
  return db.query<WsLocation>(
    `select code, name, kind, parent_code as parent, names from locations
     where operation_id = $1 and kind <> 'transport-unit' and ($2::text[] is null or code = any($2::text[])) order by code`,
    [operationId, codes],
  );
}

export async function readTeams(
  db: Queryable,
  operationId: string,
  codes: readonly string[] | null,
): Promise<WsTeam[]> {
  return db.query<WsTeam>(
    "select code, name, names from teams where operation_id = $1 and ($2::text[] is null or code = any($2::text[])) order by code",
    [operationId, codes],
  );
}

export async function readConsignments(
  db: Queryable,
  operationId: string,
  codes: readonly string[] | null,
): Promise<WsConsignment[]> {
  return db.query<WsConsignment>(
    `select code, name, names, planned_units as "plannedUnits" from consignments
     where operation_id = $1 and ($2::text[] is null or code = any($2::text[])) order by code`,
    [operationId, codes],
  );
}

const STEP_TIMES = ["loadedAt", "departedAt", "arrivedAt", "unloadedAt", "receivedAt"] as const;
type StepTime = (typeof STEP_TIMES)[number];

/** Registered units (all, or these) with their manifests and current state. */
export async function readUnits(
  db: Queryable,
  operationId: string,
  numbers: readonly string[] | null,
): Promise<WsUnit[]> {
  const rows = await db.query<Omit<WsUnit, StepTime> & Record<StepTime, Date | null>>(
    `select u.number, u.scheme, u.kind, u.consignment_code as consignment, u.part_number as part,
       coalesce((select jsonb_agg(jsonb_build_object('item', m.item_code, 'quantity', trim_scale(m.quantity)::text) order by m.line)
         from manifest_lines m where m.operation_id = $1 and m.unit_number = u.number), '[]'::jsonb) as manifest,
       coalesce(s.status, 'planned') as status, coalesce(s.trip, 0) as trip, s.last_location as "lastLocation",
       s.loaded_at as "loadedAt", s.departed_at as "departedAt", s.arrived_at as "arrivedAt", s.arrived_location as "arrivedLocation",
       s.unloaded_at as "unloadedAt", s.received_at as "receivedAt",
       coalesce(s.loaded, '{}'::jsonb) as loaded, coalesce(s.unloaded, '{}'::jsonb) as unloaded, coalesce(s.received, '{}'::jsonb) as received
     from transport_units u left join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
     where u.operation_id = $1 and ($2::text[] is null or u.number = any($2::text[])) order by u.number`,
    [operationId, numbers],
  );
  return rows.map(
    (r) => ({ ...r, ...Object.fromEntries(STEP_TIMES.map((k) => [k, r[k]?.toISOString() ?? null])) }) as WsUnit,
  );
}

/** The lines of every approved allocation plan: what each distribution point should hand out. */
export async function readApprovedPlanLines(db: Queryable, operationId: string): Promise<WsPlanLine[]> {
  return db.query<WsPlanLine>(
    `select p.id::text as plan, l.neighbourhood_code as neighbourhood, l.item_code as item, trim_scale(l.quantity)::text as quantity
     from allocation_plans p join allocation_plan_lines l on l.operation_id = p.operation_id and l.plan_id = p.id
     where p.operation_id = $1 and p.status = 'approved' and l.quantity > 0 order by p.approved_at, p.id, l.line`,
    [operationId],
  );
}
