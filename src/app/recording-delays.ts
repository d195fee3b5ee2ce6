// The recording delay per team and day: a figure reports can use ("92 % of the railhead
// team's events were recorded within 6 hours of happening"). Every event counts, from the
// field app or not; those from phones, and those queued offline, are counted apart.
import type { Db } from "../store/db.ts";
import { recordingDelays, type DelayRow } from "../store/recording-delays.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { AppError } from "./errors.ts";
import { isCalendarDay } from "../core/calendar.ts";

export interface DelayFigures {
  operation: string;
  timeZone: string;
  withinHours: number;
  days: (DelayRow & { withinShare: number })[];
}

export async function recordingDelayFigures(
  db: Db,
  principal: Principal,
  operationCode: string,
  query: { from?: string; to?: string; withinHours?: number },
): Promise<DelayFigures> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  for (const field of ["from", "to"] as const) {
    const day = query[field];
    if (day !== undefined && !isCalendarDay(day))
      throw new AppError("bad-request", `${field} must be a day that exists, YYYY-MM-DD (got ${day})`, [
        { field: `/${field}`, message: "not a day that exists" },
      ]);
  }
  if (query.from && query.to && query.from > query.to) {
    throw new AppError("bad-request", `from (${query.from}) is after to (${query.to})`, [
      { field: "/from", message: "after to" },
    ]);
  }
  const withinHours = query.withinHours ?? 24;
  const rows = await recordingDelays(db, operation.id, operation.timeZone, { ...query, withinHours });
  return {
    operation: operation.code,
    timeZone: operation.timeZone,
    withinHours,
    days: rows.map((r) => ({
      ...r,
      withinShare: r.events === 0 ? 0 : Math.round((r.withinHours / r.events) * 1000) / 1000,
    })),
  };
}
