import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { LedgerEvent, Operation, RecordOutcome, RecordedEvent } from "./types.ts";

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

/** How many of the latest recorded events are read to find the `count` latest by event time. */
const WINDOW = 50;

/**
 * The `count` events that happened last (by event time, newest first), among the latest
 * recorded ones: a fact recorded late is placed where it happened.
 */
export function useRecentEvents(op: string, count = 12, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.recentEvents(op, count),
    queryFn: async () => {
      const { lastSeq } = await api<Operation>(base(op));
      const window = Math.max(count, WINDOW);
      const after = Math.max(0, lastSeq - window);
      const events = await api<RecordedEvent[]>(`${base(op)}/events?after=${after}&limit=${window}`);
      return events
        .sort((a, b) => Date.parse(b.event.eventTime) - Date.parse(a.event.eventTime) || b.seq - a.seq)
        .slice(0, count);
    },
    refetchInterval: 15_000,
  });
}

export function useRecordEvent(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (event: LedgerEvent) => api<RecordOutcome>(`${base(op)}/events`, { method: "POST", body: event }),
    // An event changes the ledger head, balances and the recent list: refetch all of the operation.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.operation(op) }),
  });
}
