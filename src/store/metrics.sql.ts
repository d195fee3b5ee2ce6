// Figures about the ledger for the metrics endpoint, read from the database so that they
// are true across restarts and across every server process on one database.
import type { Queryable } from "./db.ts";

export interface OperationFigures {
  code: string;
  /** Events appended since the operation began (its head sequence number). */
  events: number;
  openDiscrepancies: number;
  /** Over events recorded in the window: seconds from when it happened to when it was recorded. */
  lagMedianSeconds: number | null;
  lagMaxSeconds: number | null;
  recentEvents: number;
}

export async function operationFigures(db: Queryable, recordedSince: Date): Promise<OperationFigures[]> {
  return db.query<OperationFigures>(
    `select o.code, o.last_seq as events,
            (select count(*) from discrepancies d where d.operation_id = o.id and d.status = 'open')::int8 as "openDiscrepancies",
            lag.median as "lagMedianSeconds", lag.max as "lagMaxSeconds", coalesce(lag.n, 0)::int8 as "recentEvents"
     from operations o
     left join lateral (
       select percentile_cont(0.5) within group (order by extract(epoch from e.recorded_at - e.event_time))::float8 as median,
              max(extract(epoch from e.recorded_at - e.event_time))::float8 as max, count(*) as n
       from events e where e.operation_id = o.id and e.recorded_at >= $1
     ) lag on true
     order by o.code`,
    [recordedSince],
  );
}
