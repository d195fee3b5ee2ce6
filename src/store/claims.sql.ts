// Reads behind the claims checker. Each query's text is exported so that every figure
// carries the SQL that produced it (as the press statement's figures do). Days are local
// days in the operation's time zone ($tz): [from 00:00, to + 1 day 00:00).
import type { Queryable } from "./db.ts";
import type { CatalogueItem, CatalogueLocation } from "../core/claims/names.ts";

/** Items, and every real place (not transport units, donors, transit, loss or recipients), with their names. */
export async function claimsCatalogue(
  db: Queryable,
  operationId: string,
): Promise<{ items: CatalogueItem[]; locations: CatalogueLocation[] }> {
  const items = await db.query<CatalogueItem>(
    "select code, name, uom, kind, names from items where operation_id = $1 order by code",
    [operationId],
  );
  const locations = await db.query<CatalogueLocation>(
    `select code, name, kind, parent_code as parent, names from locations
     where operation_id = $1 and kind not in ('transport-unit', 'donor', 'transit', 'loss', 'recipients', 'custody') order by code`,
    [operationId],
  );
  return { items, locations };
}

/** The latest local day with an event, if any. */
export async function latestEventDay(
  db: Queryable,
  operationId: string,
  timeZone: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ day: string | null }>(
    "select to_char(max(event_time) at time zone $2, 'YYYY-MM-DD') as day from events where operation_id = $1",
    [operationId, timeZone],
  );
  return row?.day ?? undefined;
}

const RANGE = `e.event_time >= ($2::date)::timestamp at time zone $4 and e.event_time < ($3::date + 1)::timestamp at time zone $4`;
const LOCAL_DAY = "to_char(e.event_time at time zone $4, 'YYYY-MM-DD')";

/**
 * Distinct transport units with an event of these types per local day in [$2, $3]:
 * $5 event types, $6 unit kinds (null: any), $7 consignment units only, $8 locations
 * (null: anywhere), $9 items on the event's lines (null: any).
 */
export const UNITS_STEPPED_SQL = `select ${LOCAL_DAY} as day, count(distinct u.number)::int8 as value
from events e join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
where e.operation_id = $1 and ${RANGE} and e.type = any($5::text[])
  and ($6::text[] is null or u.kind = any($6::text[])) and (not $7::boolean or u.consignment_code is not null)
  and ($8::text[] is null or e.body ->> 'location' = any($8::text[]))
  and ($9::text[] is null or exists (select 1 from jsonb_array_elements(e.body -> 'lines') l where l ->> 'item' = any($9::text[])))
group by 1 order by 1`;

/** The events and units behind UNITS_STEPPED_SQL on one day ($2 = $3). */
const UNITS_STEPPED_EVIDENCE_SQL = `select e.id::text as event, u.number as unit
from events e join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
where e.operation_id = $1 and ${RANGE} and e.type = any($5::text[])
  and ($6::text[] is null or u.kind = any($6::text[])) and (not $7::boolean or u.consignment_code is not null)
  and ($8::text[] is null or e.body ->> 'location' = any($8::text[]))
  and ($9::text[] is null or exists (select 1 from jsonb_array_elements(e.body -> 'lines') l where l ->> 'item' = any($9::text[])))
order by e.event_time, e.seq limit 200`;

export interface DayValue {
  day: string;
  value: string;
}

const asText = (rows: { day: string; value: unknown }[]): DayValue[] =>
  rows.map((r) => ({ day: r.day, value: String(r.value) }));

export async function unitsStepped(db: Queryable, params: unknown[]): Promise<DayValue[]> {
  return asText(await db.query<{ day: string; value: unknown }>(UNITS_STEPPED_SQL, params));
}

export async function unitsSteppedEvidence(
  db: Queryable,
  params: unknown[],
): Promise<{ event: string; unit: string }[]> {
  return db.query(UNITS_STEPPED_EVIDENCE_SQL, params);
}

export const STAGES = ["loaded", "departed", "arrived", "unloaded", "received"] as const;

/**
 * Units (of kinds $4, or every consignment unit when null) whose latest trip had stage $5
 * recorded before the end of day $2 ($3: time zone), and those that reached it or a later
 * stage by then (a later step implies the earlier ones): the unit_states projection, as
 * the progress figures count them.
 */
export const UNITS_REACHED_SQL = `with cutoff as (select ($2::date + 1)::timestamp at time zone $3 as t),
stage as (
  select u.number,
    (array[s.loaded_at, s.departed_at, s.arrived_at, s.unloaded_at, s.received_at])[$5::int] < cutoff.t as recorded,
    exists (select 1 from unnest((array[s.loaded_at, s.departed_at, s.arrived_at, s.unloaded_at, s.received_at])[$5::int:5]) x where x < cutoff.t) as reached
  from cutoff, transport_units u left join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
  where u.operation_id = $1 and (($4::text[] is null and u.consignment_code is not null) or u.kind = any($4::text[]))
)
select count(*) filter (where recorded)::int8 as recorded, count(*) filter (where reached)::int8 as reached,
  coalesce(array_agg(number order by number) filter (where reached and not coalesce(recorded, false)), '{}') as implied
from stage`;

const LATER_TYPES = ["GoodsLoaded", "UnitDeparted", "UnitArrived", "GoodsUnloaded", "GoodsReceived"];

export async function unitsReached(db: Queryable, params: [string, string, string, string[] | null, number]) {
  const [row] = await db.query<{ recorded: unknown; reached: unknown; implied: string[] }>(UNITS_REACHED_SQL, params);
  const implied = row?.implied ?? [];
  const [operationId, date, timeZone, , stage] = params;
  const evidence =
    implied.length === 0
      ? []
      : await db.query<{ id: string }>(
          `select id::text from events where operation_id = $1 and body ->> 'unit' = any($2::text[]) and type = any($3::text[])
       and event_time < (($4::date + 1)::timestamp at time zone $5) order by event_time, seq limit 100`,
          [operationId, implied, LATER_TYPES.slice(stage), date, timeZone],
        );
  return {
    recorded: Number(row?.recorded ?? 0),
    reached: Number(row?.reached ?? 0),
    implied,
    evidence: evidence.map((e) => e.id),
  };
}

/** The local day of an event, or, when $2 is null (everything up to $3), $3 itself. */
const DAY_OR_TOTAL = `case when $2::date is null then to_char($3::date, 'YYYY-MM-DD') else ${LOCAL_DAY} end`;
const OPEN_RANGE = `($2::date is null or e.event_time >= ($2::date)::timestamp at time zone $4) and e.event_time < ($3::date + 1)::timestamp at time zone $4`;

/**
 * The quantity of item $6 on events of types $5 per local day in [$2, $3] ($2 null: from
 * the start, one total): $7 unit kinds (null: any), $8 consignment units only, $9 locations.
 */
export const GOODS_STEPPED_SQL = `select ${DAY_OR_TOTAL} as day, trim_scale(sum(l.quantity))::text as value
from events e left join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
  cross join lateral jsonb_to_recordset(e.body -> 'lines') as l(item text, quantity numeric)
where e.operation_id = $1 and ${OPEN_RANGE} and e.type = any($5::text[]) and l.item = $6
  and ($7::text[] is null or u.kind = any($7::text[])) and (not $8::boolean or u.consignment_code is not null)
  and ($9::text[] is null or e.body ->> 'location' = any($9::text[]))
group by 1 order by 1`;

const GOODS_STEPPED_EVIDENCE_SQL = `select e.id::text as event, u.number as unit
from events e left join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
where e.operation_id = $1 and ${OPEN_RANGE} and e.type = any($5::text[])
  and exists (select 1 from jsonb_array_elements(e.body -> 'lines') l where l ->> 'item' = $6)
  and ($7::text[] is null or u.kind = any($7::text[])) and (not $8::boolean or u.consignment_code is not null)
  and ($9::text[] is null or e.body ->> 'location' = any($9::text[]))
order by e.event_time desc limit 200`;

export async function goodsStepped(db: Queryable, params: unknown[]): Promise<DayValue[]> {
  return asText(await db.query<{ day: string; value: unknown }>(GOODS_STEPPED_SQL, params));
}

export async function goodsSteppedEvidence(
  db: Queryable,
  params: unknown[],
): Promise<{ event: string; unit: string | null }[]> {
  return db.query(GOODS_STEPPED_EVIDENCE_SQL, params);
}

/**
 * Stock moves of item $5 into places $6 from anywhere outside them, per local day in
 * [$2, $3] ($2 null: one total up to $3); $6 null: into any recipients (handed to people).
 */
export const GOODS_INTO_SQL = `select ${DAY_OR_TOTAL.replaceAll("e.event_time", "m.event_time")} as day, trim_scale(sum(m.quantity))::text as value
from stock_moves m
where m.operation_id = $1 and ${OPEN_RANGE.replaceAll("e.event_time", "m.event_time")} and m.item_code = $5
  and (($6::text[] is null and m.to_code like 'recipients:%') or (m.to_code = any($6::text[]) and not m.from_code = any($6::text[])))
group by 1 order by 1`;

const GOODS_INTO_EVIDENCE_SQL = `select e.id::text as event, e.body ->> 'unit' as unit
from stock_moves m join events e on e.operation_id = m.operation_id and e.seq = m.seq
where m.operation_id = $1 and ${OPEN_RANGE.replaceAll("e.event_time", "m.event_time")} and m.item_code = $5
  and (($6::text[] is null and m.to_code like 'recipients:%') or (m.to_code = any($6::text[]) and not m.from_code = any($6::text[])))
order by m.event_time desc limit 200`;

export async function goodsInto(db: Queryable, params: unknown[]): Promise<DayValue[]> {
  return asText(await db.query<{ day: string; value: unknown }>(GOODS_INTO_SQL, params));
}

export async function goodsIntoEvidence(
  db: Queryable,
  params: unknown[],
): Promise<{ event: string; unit: string | null }[]> {
  return db.query(GOODS_INTO_EVIDENCE_SQL, params);
}

/** Per consignment and part: planned units, units registered per kind, manifest cargo per item. */
export const PLANNED_SQL = `select c.code as consignment, c.name, c.planned_units as "plannedUnits", c.destination_code as destination,
  p.number as part, p.planned_units as "partPlanned",
  coalesce((select jsonb_object_agg(k.kind, k.n) from (select u.kind, count(*) as n from transport_units u
     where u.operation_id = $1 and u.consignment_code = c.code and u.part_number = p.number group by u.kind) k), '{}') as registered,
  coalesce((select jsonb_object_agg(x.item, x.q) from (select m.item_code as item, trim_scale(sum(m.quantity))::text as q
     from transport_units u join manifest_lines m on m.operation_id = u.operation_id and m.unit_number = u.number
     where u.operation_id = $1 and u.consignment_code = c.code and u.part_number = p.number group by m.item_code) x), '{}') as cargo
from consignments c left join consignment_parts p on p.operation_id = c.operation_id and p.consignment_code = c.code
where c.operation_id = $1 order by c.code, p.number`;

export interface PlannedRow {
  consignment: string;
  name: string;
  plannedUnits: number;
  destination: string;
  part: number | null;
  partPlanned: number | null;
  registered: Record<string, number>;
  cargo: Record<string, string>;
}

export async function planned(db: Queryable, operationId: string): Promise<PlannedRow[]> {
  const rows = await db.query<PlannedRow>(PLANNED_SQL, [operationId]);
  return rows.map((r) => ({
    ...r,
    plannedUnits: Number(r.plannedUnits),
    part: r.part === null ? null : Number(r.part),
    partPlanned: r.partPlanned === null ? null : Number(r.partPlanned),
  }));
}

/** Open discrepancies about these subjects, or about stock of these items anywhere. */
export async function openDiscrepanciesAbout(
  db: Queryable,
  operationId: string,
  subjects: readonly string[],
  items: readonly string[],
) {
  return db.query<{ id: string; kind: string; subject: string; explanation: string }>(
    `select id::text, kind, subject, explanation from discrepancies
     where operation_id = $1 and status = 'open'
       and (subject = any($2::text[]) or (subject like 'stock:%' and split_part(subject, '|', 2) = any($3::text[])))
     order by first_found_at, subject limit 500`,
    [operationId, subjects, items],
  );
}
