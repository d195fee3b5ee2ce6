// The events of the latest day with any, counted in the database: the day is a calendar day
// in the operation's time zone, [00:00, next day 00:00), and every event of it is counted,
// however many the day holds (the dashboard once counted a tail of 500 and said "at least").
import type { Queryable } from "./db.ts";

export interface DayEventCount {
  /** YYYY-MM-DD in the operation's time zone. */
  day: string;
  type: string;
  count: number;
}

/** Events of the latest local day per type, the commonest first (empty when the ledger is). */
export async function countLatestDayEvents(
  db: Queryable,
  operationId: string,
  timeZone: string,
): Promise<DayEventCount[]> {
  return db.query<DayEventCount>(
    `with latest as (
       select (max(event_time) at time zone $2)::date as day from events where operation_id = $1
     )
     select to_char(l.day, 'YYYY-MM-DD') as day, e.type, count(*)::int8 as count
     from latest l
     join events e on e.operation_id = $1
       and e.event_time >= l.day::timestamp at time zone $2
       and e.event_time < (l.day + 1)::timestamp at time zone $2
     group by l.day, e.type
     order by count(*) desc, e.type`,
    [operationId, timeZone],
  );
}
