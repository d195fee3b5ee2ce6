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
  const [row] = await db.query<{ n: number }>(`select count(*)::int8 as n from events where operation_id = $1 and event_time >= ${START} and event_time < ${END}`, args(operationId, p));
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
export async function unitEventsInPeriod(db: Queryable, operationId: string, type: "UnitArrived" | "GoodsUnloaded", p: Period): Promise<UnitEventRow[]> {
  const rows = await db.query<Omit<UnitEventRow, "eventTime" | "lines"> & { eventTime: Date; lines: UnitEventRow["lines"] | null }>(
    `select e.body ->> 'unit' as unit, u.kind as "unitKind", e.body ->> 'location' as location, e.event_time as "eventTime", e.body -> 'lines' as lines
     from events e left join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
     where e.operation_id = $1 and e.type = $5 and e.event_time >= ${START} and e.event_time < ${END}
     order by e.event_time, e.seq`,
    [...args(operationId, p), type],
  );
  return rows.map((r) => ({ ...r, eventTime: new Date(r.eventTime).toISOString(), lines: (r.lines ?? []).map((l) => ({ item: l.item, quantity: l.quantity })) }));
}

/** Distributions in the period: aggregate counts only. */
export async function distributionsInPeriod(db: Queryable, operationId: string, p: Period) {
  const rows = await db.query<{ neighbourhood: string; households: number | null; people: number | null; lines: { item: string; quantity: string }[] | null }>(
    `select body ->> 'neighbourhood' as neighbourhood, (body ->> 'households')::int as households, (body ->> 'people')::int as people, body -> 'lines' as lines
     from events where operation_id = $1 and type = 'GoodsDistributed' and event_time >= ${START} and event_time < ${END} order by event_time, seq`,
    args(operationId, p),
  );
  return rows.map((r) => ({ ...r, lines: (r.lines ?? []).map((l) => ({ item: l.item, quantity: l.quantity })) }));
}

/** Every location's non-zero balance per item from the moves with an event time before the end of the period. */
export async function balancesAtEnd(db: Queryable, operationId: string, p: Period): Promise<{ location: string; item: string; quantity: string }[]> {
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
export async function distributedByEnd(db: Queryable, operationId: string, p: Period): Promise<{ neighbourhood: string; item: string; quantity: string }[]> {
  return db.query(
    `select substr(to_code, length('recipients:') + 1) as neighbourhood, item_code as item, trim_scale(sum(quantity))::text as quantity
     from stock_moves where operation_id = $1 and to_code like 'recipients:%' and event_time < ${END} and $2::date is not null
     group by to_code, item_code order by to_code, item_code`,
    args(operationId, p),
  );
}

/** The ledger head, read in the same transaction as the figures. */
export async function ledgerHead(db: Queryable, operationId: string): Promise<{ seq: number; hash: string }> {
  const [row] = await db.query<{ seq: number; hash: string }>("select last_seq as seq, last_hash as hash from ledger_heads where operation_id = $1", [operationId]);
  return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? "" };
}
