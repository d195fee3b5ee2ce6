// How many discrepancies are open (the dashboard's count; the inbox has the list).
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export function useOpenDiscrepancies(op: string, enabled = true) {
  return useQuery({
    queryKey: keys.openDiscrepancies(op),
    enabled,
    queryFn: () =>
      api<{ id: string; kind: string }[]>(`/api/operations/${encodeURIComponent(op)}/discrepancies?status=open`),
  });
}
