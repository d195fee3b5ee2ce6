// The unit_states projection: each unit's state from its events in event-time order,
// rewritten for the units a batch touches, in the batch's transaction.
import type { LedgerEvent } from "../core/events.ts";
import type { UnitState } from "../core/unit-history.ts";
import type { Queryable } from "./db.ts";
import { prepared } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";

/** Every event naming these units, in no particular order (the domain orders by event time). */
export async function loadUnitEvents(
  db: Queryable,
  operationId: string,
  units: readonly string[],
): Promise<Map<string, LedgerEvent[]>> {
  const out = new Map<string, LedgerEvent[]>(units.map((u) => [u, []]));
  if (units.length === 0) return out;
  const rows = await db.query<{ body: LedgerEvent }>(
    "select body from events where operation_id = $1 and body ->> 'unit' = any($2::text[]) order by seq",
    [operationId, units],
  );
  for (const { body } of rows) out.get(body.unit!)?.push(body);
  return out;
}

export async function upsertUnitStates(
  tx: Queryable,
  operationId: string,
  states: readonly { unit: string; state: UnitState }[],
): Promise<void> {
  if (states.length === 0) return;
  await tx.query(prepared(unitStatesUpsert(2)), [operationId, unitStateParam(states)]);
}

/** One upsert of unit states given as JSON in parameter `$p` ($1 is the operation). */
export const unitStatesUpsert = (p: number) =>
  `insert into unit_states (operation_id, unit_number, status, trip, loaded_at, departed_at, departed_from, arrived_at, arrived_location,
     unloaded_at, unloaded_location, received_at, last_location, last_event_type, last_event_time, loaded, unloaded, received, event_count,
     last_event_id, open_arrival)
   select head.operation_id, unit, status, trip, "loadedAt", "departedAt", "departedFrom", "arrivedAt", "arrivedLocation", "unloadedAt", "unloadedLocation",
     "receivedAt", "lastLocation", "lastEventType", "lastEventTime", loaded, unloaded, received, events, "lastEventId", "openArrival"
   ${FROM_ITS_HEAD} cross join jsonb_to_recordset($${p}::jsonb) as r(unit text, status text, trip integer, "loadedAt" timestamptz, "departedAt" timestamptz, "departedFrom" text,
     "arrivedAt" timestamptz, "arrivedLocation" text, "unloadedAt" timestamptz, "unloadedLocation" text, "receivedAt" timestamptz,
     "lastLocation" text, "lastEventType" text, "lastEventTime" timestamptz, loaded jsonb, unloaded jsonb, received jsonb, events integer,
     "lastEventId" uuid, "openArrival" jsonb)
   where head.operation_id = $1
   on conflict (operation_id, unit_number) do update set status = excluded.status, trip = excluded.trip, loaded_at = excluded.loaded_at,
     departed_at = excluded.departed_at, departed_from = excluded.departed_from, arrived_at = excluded.arrived_at,
     arrived_location = excluded.arrived_location, unloaded_at = excluded.unloaded_at, unloaded_location = excluded.unloaded_location,
     received_at = excluded.received_at, last_location = excluded.last_location, last_event_type = excluded.last_event_type,
     last_event_time = excluded.last_event_time, loaded = excluded.loaded, unloaded = excluded.unloaded, received = excluded.received,
     event_count = excluded.event_count, last_event_id = excluded.last_event_id, open_arrival = excluded.open_arrival`;

/** The JSON parameter of `unitStatesUpsert`. */
export function unitStateParam(states: readonly { unit: string; state: UnitState }[]): string {
  return JSON.stringify(
    states.map(({ unit, state: s }) => ({
      unit,
      status: s.status,
      trip: s.trip,
      loadedAt: s.loadedAt ?? null,
      departedAt: s.departedAt ?? null,
      departedFrom: s.departedFrom ?? null,
      arrivedAt: s.arrivedAt ?? null,
      arrivedLocation: s.arrivedLocation ?? null,
      unloadedAt: s.unloadedAt ?? null,
      unloadedLocation: s.unloadedLocation ?? null,
      receivedAt: s.receivedAt ?? null,
      lastLocation: s.lastLocation ?? null,
      lastEventType: s.lastEventType ?? null,
      lastEventTime: s.lastEventTime ?? null,
      loaded: s.loaded,
      unloaded: s.unloaded,
      received: s.received,
      events: s.events,
      lastEventId: s.lastEventId ?? null,
      openArrival: s.openArrival ?? null,
    })),
  );
}

/** A timestamptz as UTC text to the microsecond (event times may carry six decimals; a JS Date keeps three). */
const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${column}`;
const iso = (d: string | null): string | undefined => d ?? undefined;

/** The stored state of these units (a unit without a row has no events: it is planned). */
export async function loadUnitStates(
  db: Queryable,
  operationId: string,
  units: readonly string[],
): Promise<Map<string, UnitState>> {
  const out = new Map<string, UnitState>();
  if (units.length === 0) return out;
  const rows = await db.query<Record<string, unknown>>(unitStatesOf(2), [operationId, units]);
  for (const r of rows) out.set(r.unit_number as string, unitStateOf(r));
  return out;
}

/** The stored states of the units in parameter `$p` ($1 is the operation), as `unitStateOf` reads them. */
export const unitStatesOf = (p: number) =>
  `select unit_number, status, trip, ${utc("loaded_at")}, ${utc("departed_at")}, departed_from, ${utc("arrived_at")}, arrived_location,
     ${utc("unloaded_at")}, unloaded_location, ${utc("received_at")}, last_location, last_event_type, ${utc("last_event_time")},
     last_event_id::text, loaded, unloaded, received, event_count, open_arrival
   from unit_states where operation_id = $1 and unit_number = any($${p}::text[])`;

export function unitStateOf(r: Record<string, unknown>): UnitState {
  const optional = {
    loadedAt: iso(r.loaded_at as string | null),
    departedAt: iso(r.departed_at as string | null),
    departedFrom: r.departed_from ?? undefined,
    arrivedAt: iso(r.arrived_at as string | null),
    arrivedLocation: r.arrived_location ?? undefined,
    unloadedAt: iso(r.unloaded_at as string | null),
    unloadedLocation: r.unloaded_location ?? undefined,
    receivedAt: iso(r.received_at as string | null),
    lastLocation: r.last_location ?? undefined,
    lastEventType: r.last_event_type ?? undefined,
    lastEventTime: iso(r.last_event_time as string | null),
    lastEventId: r.last_event_id ?? undefined,
    openArrival: r.open_arrival ?? undefined,
  };
  return {
    status: r.status,
    trip: r.trip,
    loaded: r.loaded,
    unloaded: r.unloaded,
    received: r.received,
    events: r.event_count,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  } as UnitState;
}

export async function clearUnitStates(tx: Queryable, operationId: string): Promise<void> {
  await tx.query("delete from unit_states where operation_id = $1", [operationId]);
}

/** Numbers of all units that have events. */
export async function unitsWithEvents(db: Queryable, operationId: string): Promise<string[]> {
  const rows = await db.query<{ unit: string }>(
    "select distinct body ->> 'unit' as unit from events where operation_id = $1 and body ->> 'unit' is not null order by 1",
    [operationId],
  );
  return rows.map((r) => r.unit);
}

export interface UnitStateRow {
  unit: string;
  kind: string | null;
  consignment: string | null;
  part: number | null;
  status: string;
  departedAt: Date | null;
  departedFrom: string | null;
  departureId: string | null;
  arrivedAt: Date | null;
  unloadedAt: Date | null;
  lastLocation: string | null;
  lastEventType: string | null;
  lastEventTime: Date | null;
  daysInTransit: string | null;
}

/**
 * Units with their state (registered or not), with days in transit measured to `now` when still travelling. Each side of
 * the full join is the operation's rows (on Citus, so that the statement is routed to the operation's worker).
 */
export async function listUnitStates(
  db: Queryable,
  operationId: string,
  now: Date,
  filter: { consignment?: string; status?: string } = {},
): Promise<UnitStateRow[]> {
  return db.query<UnitStateRow>(
    `select coalesce(u.number, s.unit_number) as unit, u.kind, u.consignment_code as consignment, u.part_number as part,
       coalesce(s.status, 'planned') as status, s.departed_at as "departedAt", s.departed_from as "departedFrom",
       (select e.id::text from events e where e.operation_id = $1 and e.body ->> 'unit' = s.unit_number
          and e.type = 'UnitDeparted' and e.event_time = s.departed_at order by e.seq limit 1) as "departureId",
       s.arrived_at as "arrivedAt", s.unloaded_at as "unloadedAt", s.last_location as "lastLocation", s.last_event_type as "lastEventType",
       s.last_event_time as "lastEventTime",
       case when s.departed_at is null then null else
         round((extract(epoch from coalesce(s.arrived_at, s.unloaded_at, s.received_at, $2::timestamptz) - s.departed_at) / 86400)::numeric, 1)::text end as "daysInTransit"
     from (select * from transport_units where operation_id = $1) u
       full join (select * from unit_states where operation_id = $1) s on s.unit_number = u.number
     where ($3::text is null or u.consignment_code = $3)
       and ($4::text is null or coalesce(s.status, 'planned') = $4)
     order by u.consignment_code nulls last, u.part_number, 1`,
    [operationId, now, filter.consignment ?? null, filter.status ?? null],
  );
}

/** Where a page of the unit board ends: the sort key of its last row (consignment-less units last). */
export interface BoardKey {
  noConsignment: boolean;
  consignment: string;
  part: number;
  unit: string;
}

export interface BoardFilter {
  consignment?: string;
  status?: string;
  kind?: string;
  /** Part of the unit number, upper case, without spaces or dashes. */
  number?: string;
}

export type BoardRow = Omit<UnitStateRow, "departureId"> & { key: BoardKey };

/**
 * One page of the unit board in its order (consignment, part, number; units of no
 * consignment last), after `after`; and how many units match the filter in all. Each side of
 * the full join is the operation's rows (so only its rows are read; on Citus, on its worker).
 */
export async function listUnitBoardPage(
  db: Queryable,
  operationId: string,
  now: Date,
  filter: BoardFilter,
  after: BoardKey | undefined,
  limit: number,
): Promise<{ rows: BoardRow[]; total: number }> {
  const rows = await db.query<
    Omit<UnitStateRow, "departureId"> & { k0: boolean; k1: string; k2: number; total: number }
  >(
    `with board as (
       select coalesce(u.number, s.unit_number) as unit, u.kind, u.consignment_code as consignment, u.part_number as part,
         coalesce(s.status, 'planned') as status, s.departed_at, s.departed_from, s.arrived_at, s.unloaded_at, s.received_at,
         s.last_location, s.last_event_type, s.last_event_time,
         u.consignment_code is null as k0, coalesce(u.consignment_code, '') as k1, coalesce(u.part_number, 0) as k2
       from (select * from transport_units where operation_id = $1) u
         full join (select * from unit_states where operation_id = $1) s on s.unit_number = u.number
       where ($3::text is null or u.consignment_code = $3)
         and ($4::text is null or coalesce(s.status, 'planned') = $4) and ($5::text is null or u.kind = $5)
         and ($6::text is null or strpos(upper(translate(coalesce(u.number, s.unit_number), ' -', '')), $6) > 0)
     )
     select unit, kind, consignment, part, status, departed_at as "departedAt", departed_from as "departedFrom", arrived_at as "arrivedAt",
       unloaded_at as "unloadedAt", last_location as "lastLocation", last_event_type as "lastEventType", last_event_time as "lastEventTime",
       case when departed_at is null then null else
         round((extract(epoch from coalesce(arrived_at, unloaded_at, received_at, $2::timestamptz) - departed_at) / 86400)::numeric, 1)::text end as "daysInTransit",
       k0, k1, k2, (select count(*) from board)::int8 as total
     from board
     where $7::boolean is null or (k0, k1, k2, unit) > ($7::boolean, $8::text, $9::int4, $10::text)
     order by k0, k1, k2, unit
     limit $11`,
    [
      operationId,
      now,
      filter.consignment ?? null,
      filter.status ?? null,
      filter.kind ?? null,
      filter.number ?? null,
      after?.noConsignment ?? null,
      after?.consignment ?? null,
      after?.part ?? null,
      after?.unit ?? null,
      limit,
    ],
  );
  const total =
    rows[0]?.total ?? (after ? (await listUnitBoardPage(db, operationId, now, filter, undefined, 1)).total : 0);
  return {
    rows: rows.map(({ k0, k1, k2, total: _, ...r }) => ({
      ...r,
      key: { noConsignment: k0, consignment: k1, part: k2, unit: r.unit },
    })),
    total,
  };
}

/**
 * The next moment a "days in transit" figure measured to the clock changes (it is
 * rounded to a tenth of a day, so each travelling unit's changes every 8,640 s, at the
 * half-tenth): answers holding such figures are true until then. None when no unit travels.
 */
export async function nextTransitTick(db: Queryable, operationId: string, now: Date): Promise<Date | undefined> {
  const [row] = await db.query<{ next: Date | null }>(
    `select min(departed_at + (floor(extract(epoch from ($2::timestamptz - departed_at)) / 8640 + 0.5) + 0.5) * interval '8640 seconds') as next
     from unit_states
     where operation_id = $1 and departed_at is not null and arrived_at is null and unloaded_at is null and received_at is null`,
    [operationId, now],
  );
  // A millisecond early: the timestamp comes back truncated to milliseconds, and a moment early only costs a recomputation.
  return row?.next ? new Date(new Date(row.next).getTime() - 1) : undefined;
}
