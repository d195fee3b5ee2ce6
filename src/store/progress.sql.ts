// Progress as cheap aggregates over the unit_states projection and manifests.
import type { Queryable } from "./db.ts";
import { LEG_MODES_OF_KIND } from "../core/units.ts";
import { stepsFrom, type Stage } from "../core/stage-figure.ts";

export interface StageCounts {
  loaded: number;
  departed: number;
  arrived: number;
  unloaded: number;
  received: number;
}

export interface PartProgressRow {
  consignment: string;
  part: number;
  registered: number;
  /** Units with this very step recorded. */
  recorded: StageCounts;
  /** Units at this stage or a later one (a later step implies the earlier ones happened). */
  reached: StageCounts;
  firstUnloadedAt: Date | null;
  lastUnloadedAt: Date | null;
  maxDaysInTransit: string | null;
}

const count = (expr: string) => `count(*) filter (where ${expr})::int8`;
const statusAtLeast = (stage: string) => {
  const order = ["loaded", "departed", "arrived", "unloaded", "received"];
  return `s.status in (${order
    .slice(order.indexOf(stage))
    .map((x) => `'${x}'`)
    .join(", ")})`;
};

export async function partProgress(
  db: Queryable,
  operationId: string,
  now: Date,
  consignment?: string,
): Promise<PartProgressRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select u.consignment_code as consignment, u.part_number as part, count(*)::int8 as registered,
       ${count("s.loaded_at is not null")} as r_loaded, ${count("s.departed_at is not null")} as r_departed,
       ${count("s.arrived_at is not null")} as r_arrived, ${count("s.unloaded_at is not null")} as r_unloaded,
       ${count("s.received_at is not null")} as r_received,
       ${count(statusAtLeast("loaded"))} as a_loaded, ${count(statusAtLeast("departed"))} as a_departed,
       ${count(statusAtLeast("arrived"))} as a_arrived, ${count(statusAtLeast("unloaded"))} as a_unloaded,
       ${count(statusAtLeast("received"))} as a_received,
       min(s.unloaded_at) as first_unloaded, max(s.unloaded_at) as last_unloaded,
       round(max(extract(epoch from coalesce(s.arrived_at, s.unloaded_at, s.received_at, $2::timestamptz) - s.departed_at) / 86400)::numeric, 1)::text as max_days
     from transport_units u left join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
     where u.operation_id = $1 and u.consignment_code is not null and ($3::text is null or u.consignment_code = $3)
     group by u.consignment_code, u.part_number order by 1, 2`,
    [operationId, now, consignment ?? null],
  );
  const stages = (prefix: string, r: Record<string, unknown>): StageCounts => ({
    loaded: r[`${prefix}_loaded`] as number,
    departed: r[`${prefix}_departed`] as number,
    arrived: r[`${prefix}_arrived`] as number,
    unloaded: r[`${prefix}_unloaded`] as number,
    received: r[`${prefix}_received`] as number,
  });
  return rows.map((r) => ({
    consignment: r.consignment as string,
    part: r.part as number,
    registered: r.registered as number,
    recorded: stages("r", r),
    reached: stages("a", r),
    firstUnloadedAt: r.first_unloaded as Date | null,
    lastUnloadedAt: r.last_unloaded as Date | null,
    maxDaysInTransit: r.max_days as string | null,
  }));
}

export interface ItemProgressRow {
  consignment: string;
  part: number;
  item: string;
  uom: string;
  symbol: string | null;
  itemName: string;
  itemKind: string;
  planned: string;
  unloaded: string;
  received: string;
  /** Kinds of unit that carry this item, for sentences like "a crane on a flatcar". */
  carriedBy: string[];
}

export async function itemProgress(
  db: Queryable,
  operationId: string,
  consignment?: string,
): Promise<ItemProgressRow[]> {
  return db.query<ItemProgressRow>(
    `with per_unit as (
       select u.consignment_code, u.part_number, u.kind, m.item_code as item, m.quantity as planned, 0::numeric as unloaded, 0::numeric as received
       from transport_units u join manifest_lines m on m.operation_id = u.operation_id and m.unit_number = u.number
       where u.operation_id = $1 and u.consignment_code is not null
       union all
       select u.consignment_code, u.part_number, u.kind, k.key, 0, k.value::numeric, 0
       from transport_units u join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
       cross join lateral jsonb_each_text(s.unloaded) k where u.operation_id = $1 and u.consignment_code is not null
       union all
       select u.consignment_code, u.part_number, u.kind, k.key, 0, 0, k.value::numeric
       from transport_units u join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
       cross join lateral jsonb_each_text(s.received) k where u.operation_id = $1 and u.consignment_code is not null
     )
     select p.consignment_code as consignment, p.part_number as part, p.item, i.uom, uom.symbol, i.name as "itemName", i.kind as "itemKind",
       trim_scale(sum(p.planned))::text as planned, trim_scale(sum(p.unloaded))::text as unloaded, trim_scale(sum(p.received))::text as received,
       array_agg(distinct p.kind order by p.kind) as "carriedBy"
     from per_unit p join items i on i.operation_id = $1 and i.code = p.item join units_of_measure uom on uom.code = i.uom
     where ($2::text is null or p.consignment_code = $2)
     group by p.consignment_code, p.part_number, p.item, i.uom, uom.symbol, i.name, i.kind order by 1, 2, 3`,
    [operationId, consignment ?? null],
  );
}

export interface LegProgressRow {
  consignment: string;
  seq: number;
  mode: string;
  from: string;
  to: string;
  /** Units that travel the leg: the consignment's own and those linked to the leg (trucks). */
  units: number;
  departed: number;
  /** Units whose latest trip arrived at the leg's end, or was unloaded there (an unloading there means it arrived). */
  arrived: number;
  /** Units whose latest trip has its arrival at the leg's end recorded. */
  arrivedRecorded: number;
  unloaded: number;
}

/**
 * Per leg: of the units that travel it (the consignment's own units whose kind goes by the
 * leg's mode, and the units linked to the leg, such as a road leg's trucks), those whose latest trip departed its start,
 * arrived at its end (recorded, or implied by an unloading there), or was unloaded at its end.
 */
export async function legProgress(db: Queryable, operationId: string, consignment?: string): Promise<LegProgressRow[]> {
  return db.query<LegProgressRow>(
    `with travelling as (
       select l.consignment_code, l.seq, u.number as unit
       from consignment_legs l join transport_units u on u.operation_id = l.operation_id and u.consignment_code = l.consignment_code
         join jsonb_each($3::jsonb) k on k.key = u.kind and k.value ? l.mode
       where l.operation_id = $1 and ($2::text is null or l.consignment_code = $2)
       union
       select lu.consignment_code, lu.leg_seq, lu.unit_number from consignment_leg_units lu
       where lu.operation_id = $1 and ($2::text is null or lu.consignment_code = $2)
     )
     select l.consignment_code as consignment, l.seq, l.mode, l.from_code as "from", l.to_code as "to",
       count(t.unit)::int8 as units,
       count(s.unit_number) filter (where s.departed_from = l.from_code)::int8 as departed,
       count(s.unit_number) filter (where s.arrived_location = l.to_code or s.unloaded_location = l.to_code)::int8 as arrived,
       count(s.unit_number) filter (where s.arrived_location = l.to_code)::int8 as "arrivedRecorded",
       count(s.unit_number) filter (where s.unloaded_location = l.to_code)::int8 as unloaded
     from consignment_legs l
     left join travelling t on t.consignment_code = l.consignment_code and t.seq = l.seq
     left join unit_states s on s.operation_id = l.operation_id and s.unit_number = t.unit
     where l.operation_id = $1 and ($2::text is null or l.consignment_code = $2)
     group by l.consignment_code, l.seq, l.mode, l.from_code, l.to_code order by 1, 2`,
    [operationId, consignment ?? null, JSON.stringify(LEG_MODES_OF_KIND)],
  );
}

// Which steps count is the core's rule (core/stage-figure.ts `stepsFrom`); this evaluates it in the database.
const STAGE_COLUMNS: Record<Stage, string> = {
  loaded: "loaded_at",
  departed: "departed_at",
  arrived: "arrived_at",
  unloaded: "unloaded_at",
  received: "received_at",
};
const LATER_TYPES = {
  loaded: ["UnitDeparted", "UnitArrived", "GoodsUnloaded", "GoodsReceived"],
  departed: ["UnitArrived", "GoodsUnloaded", "GoodsReceived"],
  arrived: ["GoodsUnloaded", "GoodsReceived"],
  unloaded: ["GoodsReceived"],
  received: [],
} as const;
export type { Stage };

/**
 * The SQL behind `stageFigure`, for a figure's trace. Parameters: $1 operation id, $2
 * consignment code, $3 the day (YYYY-MM-DD, or null for "now"), $4 the time zone the day
 * ends in. `reached`: the consignment's units with this step or a later one recorded
 * before the end of the day; `recorded`: with this very step recorded; `implied`: the
 * units reached but not recorded.
 */
export function stageFigureSql(stage: Stage): string {
  const cols = stepsFrom(stage).map((s) => `s.${STAGE_COLUMNS[s]}`);
  const reachedExpr = cols.map((c) => `${c} < cutoff.t`).join(" or ");
  return `with cutoff as (select coalesce((($3::date + 1)::timestamp at time zone $4), 'infinity'::timestamptz) as t)
select count(*) filter (where s.${STAGE_COLUMNS[stage]} < cutoff.t)::int8 as recorded,
  count(*) filter (where ${reachedExpr})::int8 as reached,
  array_agg(u.number order by u.number) filter (where (${reachedExpr}) and not coalesce(s.${STAGE_COLUMNS[stage]} < cutoff.t, false)) as implied
from cutoff, transport_units u left join unit_states s on s.operation_id = u.operation_id and s.unit_number = u.number
where u.operation_id = $1 and u.consignment_code = $2`;
}

export interface StageFigure {
  /** Units with this step or a later one recorded: what the ledger implies happened. */
  reached: number;
  /** Units with this very step recorded. */
  recorded: number;
  /** reached − recorded: units whose later step implies this one. */
  implied: number;
  /** The events that imply it (the later steps of the implied units), at most 100. */
  evidence: string[];
}

/**
 * What the ledger says about one stage of a consignment by the end of a day in the
 * operation's time zone (or now, when `asOf` is null): the one function behind every
 * "26 of 54 arrived" the system writes (progress, press statement, sitrep, claims).
 */
export async function stageFigure(
  db: Queryable,
  operationId: string,
  consignment: string,
  stage: Stage,
  asOf: string | null,
  timeZone: string,
): Promise<StageFigure> {
  const [row] = await db.query<{ recorded: number; reached: number; implied: string[] | null }>(stageFigureSql(stage), [
    operationId,
    consignment,
    asOf,
    timeZone,
  ]);
  const implied = row?.implied ?? [];
  const evidence =
    implied.length === 0
      ? []
      : await db.query<{ id: string }>(
          `select id::text from events where operation_id = $1 and body ->> 'unit' = any($2::text[]) and type = any($3::text[])
       and event_time < coalesce((($4::date + 1)::timestamp at time zone $5), 'infinity'::timestamptz) order by event_time, seq limit 100`,
          [operationId, implied, [...LATER_TYPES[stage]], asOf, timeZone],
        );
  return {
    recorded: Number(row?.recorded ?? 0),
    reached: Number(row?.reached ?? 0),
    implied: implied.length,
    evidence: evidence.map((e) => e.id),
  };
}
