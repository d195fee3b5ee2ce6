// Reads for the situation report: events with an event time inside a period of local
// calendar days, and balances as they stood at the end of the period. A period is
// [from 00:00, to + 1 day 00:00) in the operation's time zone.
import type { Queryable } from "./db.ts";

export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

const START = "(($2::date)::timestamp at time zone $4)";
const END = "(($3::date + 1)::timestamp at time zone $4)";
const args = (operationId: string, p: Period) => [operationId, p.from, p.to, p.timeZone];

export async function countEventsInPeriod(db: Queryable, operationId: string, p: Period): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from events where operation_id = $1 and event_time >= ${START} and event_time < ${END}`,
    args(operationId, p),
  );
  return Number(row?.n ?? 0);
}

export interface UnitEventRow {
  unit: string;
  unitKind: string | null;
  location: string;
  eventTime: string;
  lines: { item: string; quantity: string }[];
}

/** Arrivals or unloadings in the period, in event-time order, with the kind of unit. */
export async function unitEventsInPeriod(
  db: Queryable,
  operationId: string,
  type: "UnitArrived" | "GoodsUnloaded",
  p: Period,
): Promise<UnitEventRow[]> {
  const rows = await db.query<
    Omit<UnitEventRow, "eventTime" | "lines"> & { eventTime: Date; lines: UnitEventRow["lines"] | null }
  >(
    `select e.body ->> 'unit' as unit, u.kind as "unitKind", e.body ->> 'location' as location, e.event_time as "eventTime", e.body -> 'lines' as lines
     from events e left join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
     where e.operation_id = $1 and e.type = $5 and e.event_time >= ${START} and e.event_time < ${END}
     order by e.event_time, e.seq`,
    [...args(operationId, p), type],
  );
  return rows.map((r) => ({
    ...r,
    eventTime: new Date(r.eventTime).toISOString(),
    lines: (r.lines ?? []).map((l) => ({ item: l.item, quantity: l.quantity })),
  }));
}

/**
 * Units whose arrival the ledger implies in the period: the first unloading (or receipt
 * from the unit) of a trip, in the period, with no arrival recorded since the trip's
 * departure. Their arrival happened, by the time of the unloading at the latest.
 */
export async function inferredArrivalsInPeriod(
  db: Queryable,
  operationId: string,
  p: Period,
): Promise<Omit<UnitEventRow, "lines">[]> {
  const rows = await db.query<{ unit: string; unitKind: string | null; location: string; eventTime: Date }>(
    `with takeoffs as (
       select e.seq, e.body ->> 'unit' as unit, e.body ->> 'location' as location, e.event_time,
         (select max(d.event_time) from events d where d.operation_id = $1 and d.body ->> 'unit' = e.body ->> 'unit'
            and d.type = 'UnitDeparted' and d.event_time <= e.event_time) as departed
       from events e
       where e.operation_id = $1 and e.type in ('GoodsUnloaded', 'GoodsReceived') and e.body ? 'unit' and e.event_time < ${END}
     ),
     first_of_trip as (
       select distinct on (t.unit, t.departed) t.unit, t.location, t.event_time, t.departed
       from takeoffs t order by t.unit, t.departed, t.event_time, t.seq
     )
     select f.unit, u.kind as "unitKind", f.location, f.event_time as "eventTime"
     from first_of_trip f left join transport_units u on u.operation_id = $1 and u.number = f.unit
     where f.event_time >= ${START} and not exists (
       select 1 from events a where a.operation_id = $1 and a.body ->> 'unit' = f.unit and a.type = 'UnitArrived'
         and a.event_time <= f.event_time and a.event_time >= coalesce(f.departed, '-infinity'::timestamptz))
     order by f.event_time, f.unit`,
    args(operationId, p),
  );
  return rows.map((r) => ({ ...r, eventTime: new Date(r.eventTime).toISOString() }));
}

/** What moved into a place in the period, per item, whatever carried it (a truck unloaded, a crane driven in). */
export async function movedIntoInPeriod(
  db: Queryable,
  operationId: string,
  location: string,
  p: Period,
): Promise<{ item: string; quantity: string }[]> {
  return db.query(
    `select item_code as item, trim_scale(sum(quantity))::text as quantity from stock_moves
     where operation_id = $1 and to_code = $5 and from_code <> $5 and event_time >= ${START} and event_time < ${END}
     group by item_code order by item_code`,
    [...args(operationId, p), location],
  );
}

/** Distributions in the period: aggregate counts only. */
export async function distributionsInPeriod(db: Queryable, operationId: string, p: Period) {
  const rows = await db.query<{
    neighbourhood: string;
    households: number | null;
    people: number | null;
    lines: { item: string; quantity: string }[] | null;
  }>(
    `select body ->> 'neighbourhood' as neighbourhood, (body ->> 'households')::int as households, (body ->> 'people')::int as people, body -> 'lines' as lines
     from events where operation_id = $1 and type = 'GoodsDistributed' and event_time >= ${START} and event_time < ${END} order by event_time, seq`,
    args(operationId, p),
  );
  return rows.map((r) => ({ ...r, lines: (r.lines ?? []).map((l) => ({ item: l.item, quantity: l.quantity })) }));
}

/** Every location's non-zero balance per item from the moves with an event time before the end of the period. */
export async function balancesAtEnd(
  db: Queryable,
  operationId: string,
  p: Period,
): Promise<{ location: string; item: string; quantity: string }[]> {
  return db.query(
    `select location, item, trim_scale(sum(q))::text as quantity from (
       select to_code as location, item_code as item, quantity as q from stock_moves where operation_id = $1 and event_time < ${END}
       union all
       select from_code, item_code, -quantity from stock_moves where operation_id = $1 and event_time < ${END}
     ) m where $2::date is not null group by location, item having sum(q) <> 0 order by location, item`,
    args(operationId, p),
  );
}

/** Quantities moved to each neighbourhood's recipients before the end of the period. */
export async function distributedByEnd(
  db: Queryable,
  operationId: string,
  p: Period,
): Promise<{ neighbourhood: string; item: string; quantity: string }[]> {
  return db.query(
    `select substr(to_code, length('recipients:') + 1) as neighbourhood, item_code as item, trim_scale(sum(quantity))::text as quantity
     from stock_moves where operation_id = $1 and to_code like 'recipients:%' and event_time < ${END} and $2::date is not null
     group by to_code, item_code order by to_code, item_code`,
    args(operationId, p),
  );
}

/** The ledger head, read in the same transaction as the figures. */
export async function ledgerHead(db: Queryable, operationId: string): Promise<{ seq: number; hash: string }> {
  const [row] = await db.query<{ seq: number; hash: string }>(
    "select last_seq as seq, last_hash as hash from ledger_heads where operation_id = $1",
    [operationId],
  );
  return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? "" };
}

export interface RecordedEventRow {
  team: string | null;
  eventTime: string;
  recordedAt: string;
  fromDevice: boolean;
  offline: boolean;
}

/** Every event that happened in the period: its team, both instants, and whether a phone sent it, queued offline. */
export async function eventsRecordedInPeriod(
  db: Queryable,
  operationId: string,
  p: Period,
): Promise<RecordedEventRow[]> {
  const rows = await db.query<
    Omit<RecordedEventRow, "eventTime" | "recordedAt"> & { eventTime: Date; recordedAt: Date }
  >(
    `select body ->> 'team' as team, event_time as "eventTime", recorded_at as "recordedAt",
       (body -> 'origin') is not null as "fromDevice", coalesce((body -> 'origin' ->> 'offline')::boolean, false) as offline
     from events where operation_id = $1 and event_time >= ${START} and event_time < ${END}
     order by seq`,
    args(operationId, p),
  );
  return rows.map((r) => ({
    ...r,
    eventTime: new Date(r.eventTime).toISOString(),
    recordedAt: new Date(r.recordedAt).toISOString(),
  }));
}
