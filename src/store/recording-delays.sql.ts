// How soon facts reach the ledger: the delay between when something happened (event
// time) and when it was recorded, per team and day (the operation's time zone).
import type { Queryable } from "./db.ts";

export interface DelayRow {
  team: string | null;
  day: string;
  events: number;
  fromDevices: number;
  offline: number;
  medianSeconds: number;
  p90Seconds: number;
  maxSeconds: number;
  withinHours: number;
}

export async function recordingDelays(
  db: Queryable,
  operationId: string,
  timeZone: string,
  range: { from?: string; to?: string; withinHours: number },
): Promise<DelayRow[]> {
  return db.query<DelayRow>(
    `with e as (
       select body ->> 'team' as team, to_char(event_time at time zone $2, 'YYYY-MM-DD') as day,
         extract(epoch from recorded_at - event_time)::float8 as delay, body -> 'origin' as origin
       from events where operation_id = $1
         and ($3::date is null or event_time >= ($3::date::timestamp at time zone $2))
         and ($4::date is null or event_time < (($4::date + 1)::timestamp at time zone $2))
     )
     select team, day, count(*)::int4 as events, count(origin)::int4 as "fromDevices",
       count(*) filter (where (origin ->> 'offline')::boolean)::int4 as offline,
       round(percentile_cont(0.5) within group (order by delay))::float8 as "medianSeconds",
       round(percentile_cont(0.9) within group (order by delay))::float8 as "p90Seconds",
       round(max(delay))::float8 as "maxSeconds",
       count(*) filter (where delay <= $5 * 3600)::int4 as "withinHours"
     from e group by team, day order by day, team nulls last`,
    [operationId, timeZone, range.from ?? null, range.to ?? null, range.withinHours],
  );
}
