import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { LedgerEvent, Operation, RecordOutcome, RecordedEvent } from "./types.ts";

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

/** The last `count` events of the ledger, newest first. */
export function useRecentEvents(op: string, count = 12, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.recentEvents(op, count),
    queryFn: async () => {
      const { lastSeq } = await api<Operation>(base(op));
      const after = Math.max(0, lastSeq - count);
      const events = await api<RecordedEvent[]>(`${base(op)}/events?after=${after}&limit=${count}`);
      return events.reverse();
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
