// Stock in event-time order: the first moment a real place held less than nothing of an
// item. Balances are sums, so the order of recording never changes them; but a truck
// loaded at 11:00 with lumber unloaded from the wagons at 15:00 took what was not there
// yet. All moves at one instant count together (an unloading and a loading stamped with
// the same minute do not make a negative).
import type { LocationKind } from "../core/catalogue.ts";
import type { Queryable } from "./db.ts";
import { firstNegativeInstants, type TimedMove } from "../core/stock-order.ts";

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

// Planner-proof on purpose. An append of 10,000 events checks hundreds of places (every
// transport unit is one), and PGlite never analyses its tables: any join the planner
// estimates at one row becomes a nested loop over every move. So the places are resolved
// first (index lookups only), and the moves are read once per item, split into their two
// ends and matched to the checked places by a lookup in a JSON object, with no join at all.

/** A checked pair at a real place, with what the running balance needs. */
export interface RealPair extends StockPair {
  kind: LocationKind;
  uom: string;
  /** The balance now (stock_balances), from which the balance at any earlier instant is derived. */
  balance: string;
}

async function realPairs(
  tx: Queryable,
  operationId: string,
  pairs: string,
  params: readonly unknown[],
  virtualKinds: readonly string[],
): Promise<RealPair[]> {
  return tx.query<RealPair>(
    `select p.location, p.item, p.since, l.kind, i.uom, coalesce(b.quantity, 0)::text as balance
     from (${pairs}) p
     join locations l on l.operation_id = $1 and l.code = p.location
     join items i on i.operation_id = $1 and i.code = p.item
     left join stock_balances b on b.operation_id = $1 and b.location_code = p.location and b.item_code = p.item
     where l.kind <> all($2::text[])`,
    [operationId, virtualKinds, ...params],
  );
}

/**
 * For each pair, the first instant at or after its `since` at which its running balance was
 * below zero. The balance after an instant is the balance now less every later move, so no
 * opening balance needs reading; all moves at one instant count together.
 */
async function firstNegatives(
  tx: Queryable,
  operationId: string,
  pairs: readonly RealPair[],
): Promise<NegativePointRow[]> {
  if (pairs.length === 0) return [];
  const byPlace: Record<string, Record<string, { since: string; balance: string }>> = {};
  for (const p of pairs) (byPlace[p.location] ??= {})[p.item] = { since: p.since, balance: p.balance };
  const items = [...new Set(pairs.map((p) => p.item))];
  const earliest = pairs.some((p) => p.since === "-infinity")
    ? "-infinity"
    : pairs.map((p) => new Date(p.since).toISOString()).sort()[0]!;
  const rows = await tx.query<{ location: string; item: string; time: string; balance: string; evidence: string[] }>(
    `with checked as (select $2::jsonb as places),
moved as (
  select m.to_code, m.from_code, m.item_code as item, m.event_time, m.seq, m.quantity from stock_moves m
  where m.operation_id = $1 and m.item_code = any($3::text[]) and m.event_time >= $4::timestamptz and m.to_code <> m.from_code
),
ends as (
  select to_code as location, item, event_time, seq, quantity as delta from moved
  union all
  select from_code as location, item, event_time, seq, -quantity as delta from moved
),
later as (
  select e.location, e.item, e.event_time, e.seq, e.delta, c.places -> e.location -> e.item as pair
  from ends e, checked c
  where c.places -> e.location -> e.item is not null
    and e.event_time >= ((c.places -> e.location -> e.item) ->> 'since')::timestamptz
),
instants as (
  select location, item, event_time, sum(delta) as delta, array_agg(distinct seq) as seqs, min(pair ->> 'balance') as now
  from later group by location, item, event_time
),
balances as (
  select location, item, event_time, seqs,
    now::numeric - (sum(delta) over (partition by location, item order by event_time desc) - delta) as balance
  from instants
),
firsts as (
  select distinct on (location, item) location, item, event_time, seqs, balance from balances
  where balance < 0 order by location, item, event_time
)
select f.location, f.item, to_char(f.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as time,
  trim_scale(f.balance)::text as balance,
  array(select e.id::text from events e where e.operation_id = $1 and e.seq = any(f.seqs) order by e.seq) as evidence
from firsts f order by f.location, f.item`,
    [operationId, JSON.stringify(byPlace), items, earliest],
  );
  const of = new Map(pairs.map((p) => [`${p.location}\u0000${p.item}`, p]));
  return rows.map((r) => {
    const pair = of.get(`${r.location}\u0000${r.item}`)!;
    return {
      location: r.location,
      kind: pair.kind,
      item: r.item,
      uom: pair.uom,
      // Written by the database as ISO 8601 text in UTC: the driver's Date cannot hold every year (0030 came back invalid).
      time: r.time,
      balance: r.balance,
      evidence: r.evidence,
    };
  });
}

/**
 * The same as `firstNegatives`, computed in the process from the moves at the checked places
 * from the earliest `since` on (core/stock-order.ts): for an append, a few moves, read by one
 * simple statement instead of planning the running balances in SQL (most of its cost was the plan).
 */
export async function firstNegativesFromMoves(
  tx: Queryable,
  operationId: string,
  pairs: readonly RealPair[],
): Promise<NegativePointRow[]> {
  return negativePointsOf(pairs, await movesAtPairsSince(tx, operationId, pairs));
}

/**
 * The moves at the pairs' places of their items from the earliest `since` on (`upToSeq`: only those of
 * events up to that sequence number, e.g. the ones stored before an append that knows its own).
 */
export async function movesAtPairsSince(
  tx: Queryable,
  operationId: string,
  pairs: readonly RealPair[],
  upToSeq?: number,
): Promise<TimedMove[]> {
  if (pairs.length === 0) return [];
  const earliest = pairs.some((p) => p.since === "-infinity")
    ? "-infinity"
    : pairs.map((p) => new Date(p.since).toISOString()).sort()[0]!;
  const places = [...new Set(pairs.map((p) => p.location))];
  return tx.query<TimedMove>(
    `select m.from_code as "from", m.to_code as "to", m.item_code as item, m.seq, m.quantity::text as quantity,
       to_char(m.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as time, e.id::text as "eventId"
     from stock_moves m join events e on e.operation_id = $1 and e.seq = m.seq
     where m.operation_id = $1 and m.item_code = any($2::text[]) and m.event_time >= $3::timestamptz
       and m.to_code <> m.from_code and (m.to_code = any($4::text[]) or m.from_code = any($4::text[]))
       and ($5::bigint is null or m.seq <= $5::bigint)`,
    [operationId, [...new Set(pairs.map((p) => p.item))], earliest, places, upToSeq ?? null],
  );
}

/** For each pair, its first negative instant among `moves` (core/stock-order.ts), with its kind and unit. */
export function negativePointsOf(pairs: readonly RealPair[], moves: readonly TimedMove[]): NegativePointRow[] {
  const of = new Map(pairs.map((p) => [`${p.location}\u0000${p.item}`, p]));
  return firstNegativeInstants(pairs, moves).map((r) => {
    const pair = of.get(`${r.location}\u0000${r.item}`)!;
    return { ...r, kind: pair.kind, uom: pair.uom };
  });
}

/** For each pair at a real place, the first instant at or after `since` its balance was below zero. */
export async function negativePointsSince(
  tx: Queryable,
  operationId: string,
  pairs: readonly StockPair[],
  virtualKinds: readonly string[],
): Promise<NegativePointRow[]> {
  if (pairs.length === 0) return [];
  const recordset =
    "select location, item, since from jsonb_to_recordset($3::jsonb) as p(location text, item text, since text)";
  return firstNegativesFromMoves(
    tx,
    operationId,
    await realPairs(tx, operationId, recordset, [JSON.stringify(pairs)], virtualKinds),
  );
}

/** Every real place and item whose balance was ever below zero, at the first such instant. */
export async function allNegativePoints(
  tx: Queryable,
  operationId: string,
  virtualKinds: readonly string[],
): Promise<NegativePointRow[]> {
  const everyPair =
    "select location_code as location, item_code as item, '-infinity' as since from stock_balances where operation_id = $1";
  return firstNegatives(tx, operationId, await realPairs(tx, operationId, everyPair, [], virtualKinds));
}
