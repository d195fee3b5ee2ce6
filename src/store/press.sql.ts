// Reads behind the press statement. Each query's text is exported so that every figure
// can carry the SQL that produced it. A day is [local midnight, next local midnight) in
// the operation's time zone: `($2::date)::timestamp at time zone $3`.
import type { Queryable } from "./db.ts";
import type { LocalisedNames } from "../core/names.ts";
import type { UnloadedRow } from "../core/reports/press/unloaded.ts";

const DAY = `with day as (select ($2::date)::timestamp at time zone $3 as t0, ($2::date + 1)::timestamp at time zone $3 as t1)`;

export const EVENTS_ON_DAY_SQL = `${DAY}
select count(*)::int8 as events from day, events e
where e.operation_id = $1 and e.event_time >= day.t0 and e.event_time < day.t1`;

export async function eventsOnDay(db: Queryable, operationId: string, date: string, timeZone: string): Promise<number> {
  const [row] = await db.query<{ events: number }>(EVENTS_ON_DAY_SQL, [operationId, date, timeZone]);
  return Number(row?.events ?? 0);
}

/** One unit's unloaded quantity of one item, with its consignment (the core groups them). */
export interface UnloadedLine extends UnloadedRow {
  consignment: string;
}

/** Per consignment unit and item: what GoodsUnloaded events dated that day took off it. */
export const UNLOADED_SQL = `${DAY}
select u.consignment_code as consignment, u.part_number as part, u.number as unit, u.kind,
  e.body ->> 'location' as location, e.body ->> 'team' as team, l.item, trim_scale(sum(l.quantity))::text as quantity
from day, events e
  join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
  cross join lateral jsonb_to_recordset(e.body -> 'lines') as l(item text, quantity numeric)
where e.operation_id = $1 and e.type = 'GoodsUnloaded' and e.event_time >= day.t0 and e.event_time < day.t1
  and u.consignment_code is not null and ($4::text is null or u.consignment_code = $4)
group by 1, 2, 3, 4, 5, 6, 7
order by 1, 3, 7`;

export async function unloadedOnDay(
  db: Queryable,
  operationId: string,
  date: string,
  timeZone: string,
  consignment: string | null,
): Promise<UnloadedLine[]> {
  const rows = await db.query<UnloadedLine>(UNLOADED_SQL, [operationId, date, timeZone, consignment]);
  return rows.map((r) => ({ ...r, part: Number(r.part) }));
}

/** Stock moves into a location dated that day, per item, limited to the items given. */
export const DELIVERED_SQL = `${DAY}
select m.item_code as item, trim_scale(sum(m.quantity))::text as quantity
from day, stock_moves m
where m.operation_id = $1 and m.to_code = $4 and m.item_code = any($5::text[])
  and m.event_time >= day.t0 and m.event_time < day.t1
group by m.item_code order by m.item_code`;

export async function deliveredOnDay(
  db: Queryable,
  operationId: string,
  date: string,
  timeZone: string,
  location: string,
  items: readonly string[],
): Promise<{ item: string; quantity: string }[]> {
  return db.query(DELIVERED_SQL, [operationId, date, timeZone, location, items]);
}

/** The consignment's last leg (the one that ends at its destination). */
export async function lastLeg(
  db: Queryable,
  operationId: string,
  consignment: string,
): Promise<{ mode: string; from: string; to: string } | undefined> {
  const [row] = await db.query<{ mode: string; from: string; to: string }>(
    `select l.mode, l.from_code as "from", l.to_code as "to" from consignment_legs l
     join consignments c on c.operation_id = l.operation_id and c.code = l.consignment_code
     where l.operation_id = $1 and l.consignment_code = $2 and l.to_code = c.destination_code order by l.seq desc limit 1`,
    [operationId, consignment],
  );
  return row;
}

/** The operation's distribution plan of record: the latest approved one, else the latest draft. */
export const PLAN_SQL = `select p.id, p.status, p.min_coverage as "minCoverage",
  (select count(distinct l.neighbourhood_code) from allocation_plan_lines l
   where l.operation_id = $1 and l.plan_id = p.id and l.quantity > 0)::int8 as neighbourhoods
from allocation_plans p where p.operation_id = $1
order by (p.status = 'approved') desc, coalesce(p.approved_at, p.created_at) desc, p.id desc limit 1`;

export async function planOfRecord(
  db: Queryable,
  operationId: string,
): Promise<{ id: string; status: "draft" | "approved"; minCoverage: number; neighbourhoods: number } | undefined> {
  const [row] = await db.query<{
    id: string;
    status: "draft" | "approved";
    minCoverage: number;
    neighbourhoods: number;
  }>(PLAN_SQL, [operationId]);
  return row && { ...row, minCoverage: Number(row.minCoverage), neighbourhoods: Number(row.neighbourhoods) };
}

export interface NamedRow {
  code: string;
  name: string;
  names: LocalisedNames;
}

export async function itemsNamed(db: Queryable, operationId: string, codes: readonly string[]) {
  return db.query<NamedRow & { uom: string; symbol: string | null; kind: "goods" | "equipment" }>(
    `select i.code, i.name, i.names, i.uom, u.symbol, i.kind from items i join units_of_measure u on u.code = i.uom
     where i.operation_id = $1 and i.code = any($2::text[]) order by i.code`,
    [operationId, codes],
  );
}

export async function locationsNamed(
  db: Queryable,
  operationId: string,
  codes: readonly string[],
): Promise<NamedRow[]> {
  return db.query<NamedRow>(
    "select code, name, names from locations where operation_id = $1 and code = any($2::text[]) order by code",
    [operationId, codes],
  );
}

export async function teamsNamed(db: Queryable, operationId: string, codes: readonly string[]): Promise<NamedRow[]> {
  return db.query<NamedRow>(
    "select code, name, names from teams where operation_id = $1 and code = any($2::text[]) order by code",
    [operationId, codes],
  );
}

/** How many of a consignment's registered units are of each kind. */
export async function unitKindsOf(
  db: Queryable,
  operationId: string,
  consignment: string,
): Promise<{ kind: string; units: number }[]> {
  const rows = await db.query<{ kind: string; units: number }>(
    "select kind, count(*)::int8 as units from transport_units where operation_id = $1 and consignment_code = $2 group by kind order by 2 desc, 1",
    [operationId, consignment],
  );
  return rows.map((r) => ({ kind: r.kind, units: Number(r.units) }));
}

/** The planned number of units of a consignment, as a figure's provenance states it. */
export const PLANNED_UNITS_SQL = "select planned_units from consignments where operation_id = $1 and code = $2";
