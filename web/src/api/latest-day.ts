// "Today's" events: the events of the latest day (in the operation's time zone) that has
// any, counted by type, from the tail of the ledger. When the tail is full and its oldest
// event is already on that day, the day began before the tail: the count is a lower bound,
// and says so rather than pass for the day's total.
import { useQuery } from "@tanstack/react-query";
import { dayIn } from "../../../src/core/calendar.ts";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { Operation, RecordedEvent } from "./types.ts";

const TAIL = 500;

export interface DayOfEvents {
  /** YYYY-MM-DD in the operation's time zone. */
  day: string;
  /** Events counted on that day; the day's total unless `partial`. */
  total: number;
  /** The day may hold more events than the tail read: `total` is "at least". */
  partial: boolean;
  byType: { type: string; count: number }[];
}

/** `limit`: how many events were asked for (a tail that came back full may have cut the day). */
export function latestDay(events: readonly RecordedEvent[], timeZone: string, limit = Infinity): DayOfEvents | null {
  if (events.length === 0) return null;
  const days = events.map((e) => dayIn(timeZone, e.event.eventTime));
  const latest = days.reduce((a, b) => (b > a ? b : a));
  const counts = new Map<string, number>();
  events.forEach((e, i) => {
    if (days[i] === latest) counts.set(e.event.type, (counts.get(e.event.type) ?? 0) + 1);
  });
  const byType = [...counts]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const partial = events.length >= limit && days[0] === latest;
  return { day: latest, total: byType.reduce((n, t) => n + t.count, 0), partial, byType };
}

export function useLatestDay(op: string, timeZone: string, enabled = true) {
  return useQuery({
    queryKey: keys.latestDay(op),
    enabled,
    queryFn: async () => {
      const base = `/api/operations/${encodeURIComponent(op)}`;
      const { lastSeq } = await api<Operation>(base);
      const events = await api<RecordedEvent[]>(`${base}/events?after=${Math.max(0, lastSeq - TAIL)}&limit=${TAIL}`);
      return latestDay(events, timeZone, lastSeq > TAIL ? TAIL : Infinity);
    },
  });
}
