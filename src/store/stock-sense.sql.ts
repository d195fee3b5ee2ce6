// Stock in event-time order: the first moment a real place held less than nothing of an
// item. Balances are sums, so the order of recording never changes them; but a truck
// loaded at 11:00 with lumber unloaded from the wagons at 15:00 took what was not there
// yet. All moves at one instant count together (an unloading and a loading stamped with
// the same minute do not make a negative).
import type { LocationKind } from "../core/catalogue.ts";
import type { Queryable } from "./db.ts";

export interface NegativePointRow {
  location: string;
  kind: LocationKind;
  item: string;
  uom: string;
  time: string;
  balance: string;
  evidence: string[];
}

/** A place and an item, and the moment from which its running balance is to be checked. */
export interface StockPair {
  location: string;
  item: string;
  /** ISO 8601; points before it are left as they were (nothing earlier changed). */
  since: string;
}

const running = (pairs: string) => `
with pairs as (${pairs}),
real as (
  select p.location, p.item, p.since, l.kind, i.uom from pairs p
  join locations l on l.operation_id = $1 and l.code = p.location
  join items i on i.operation_id = $1 and i.code = p.item
  where l.kind <> all($2::text[])
),
later as (
  select r.location, r.item, m.event_time, m.seq, case when m.to_code = r.location then m.quantity else -m.quantity end as delta
  from real r join stock_moves m on m.operation_id = $1 and m.item_code = r.item and m.event_time >= r.since
    and (m.to_code = r.location or m.from_code = r.location)
  where m.to_code <> m.from_code
),
instants as (
  select location, item, event_time, sum(delta) as delta, array_agg(distinct seq) as seqs from later group by location, item, event_time
),
opening as (
  select r.location, r.item, coalesce(b.quantity, 0) - coalesce((select sum(l.delta) from later l where l.location = r.location and l.item = r.item), 0) as q
  from real r left join stock_balances b on b.operation_id = $1 and b.location_code = r.location and b.item_code = r.item
),
balances as (
  select i.location, i.item, i.event_time, i.seqs,
    o.q + sum(i.delta) over (partition by i.location, i.item order by i.event_time) as balance
  from instants i join opening o on o.location = i.location and o.item = i.item
)
select distinct on (b.location, b.item) b.location, r.kind, b.item, r.uom, b.event_time as time, trim_scale(b.balance)::text as balance,
  array(select e.id::text from events e where e.operation_id = $1 and e.seq = any(b.seqs) order by e.seq) as evidence
from balances b join real r on r.location = b.location and r.item = b.item
where b.balance < 0
order by b.location, b.item, b.event_time`;

const normalise = (rows: (Omit<NegativePointRow, "time"> & { time: Date })[]): NegativePointRow[] =>
  rows.map((r) => ({ ...r, time: new Date(r.time).toISOString() }));

/** For each pair at a real place, the first instant at or after `since` its balance was below zero. */
export async function negativePointsSince(tx: Queryable, operationId: string, pairs: readonly StockPair[], virtualKinds: readonly string[]): Promise<NegativePointRow[]> {
  if (pairs.length === 0) return [];
  const rows = await tx.query<Omit<NegativePointRow, "time"> & { time: Date }>(
    running("select location, item, since from jsonb_to_recordset($3::jsonb) as p(location text, item text, since timestamptz)"),
    [operationId, virtualKinds, JSON.stringify(pairs)],
  );
  return normalise(rows);
}

/** Every real place and item whose balance was ever below zero, at the first such instant. */
export async function allNegativePoints(tx: Queryable, operationId: string, virtualKinds: readonly string[]): Promise<NegativePointRow[]> {
  const rows = await tx.query<Omit<NegativePointRow, "time"> & { time: Date }>(
    running("select location_code as location, item_code as item, '-infinity'::timestamptz as since from stock_balances where operation_id = $1"),
    [operationId, virtualKinds],
  );
  return normalise(rows);
}
