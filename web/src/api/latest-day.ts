// "Today's" events: the events of the latest day (in the operation's time zone) that has any,
// counted by type by the server over the whole ledger, so the figure is the day's total
// however many events the day holds.
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export interface DayOfEvents {
  /** YYYY-MM-DD in the operation's time zone. */
  day: string;
  /** Every event of that day. */
  total: number;
  byType: { type: string; count: number }[];
}

/** The latest day's events, or null while the ledger has none. */
export function useLatestDay(op: string, enabled = true) {
  return useQuery({
    queryKey: keys.latestDay(op),
    enabled,
    queryFn: async (): Promise<DayOfEvents | null> => {
      const answer = await api<Omit<DayOfEvents, "day"> & { day: string | null }>(
        `/api/operations/${encodeURIComponent(op)}/events/latest-day`,
      );
      return answer.day === null ? null : { ...answer, day: answer.day };
    },
  });
}
