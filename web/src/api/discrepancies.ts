// Discrepancies the ledger cannot reconcile, and their status changes (explain, resolve, reopen).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export type DiscrepancyStatus = "open" | "explained" | "resolved" | "superseded";
export const DISCREPANCY_STATUSES: DiscrepancyStatus[] = ["open", "explained", "resolved", "superseded"];

export interface DiscrepancyHistoryEntry {
  at: string;
  status: string;
  note: string;
  by: string | null;
}

export interface Discrepancy {
  id: string;
  key: string;
  kind: string;
  subject: string;
  status: DiscrepancyStatus;
  explanation: string;
  evidence: string[];
  firstFoundAt: string;
  lastFoundAt: string;
  history?: DiscrepancyHistoryEntry[];
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}/discrepancies`;

/**
 * Every discrepancy of the operation, explained in `language` (the server renders each
 * explanation from its facts); the inbox filters and orders on the client (tens to hundreds of rows).
 */
export function useDiscrepancies(op: string, language: string) {
  return useQuery({
    queryKey: [...keys.discrepancies(op), language],
    queryFn: () => api<Discrepancy[]>(`${base(op)}?lang=${language === "ru" ? "ru" : "en"}`),
    refetchInterval: 30_000,
  });
}

export function useChangeDiscrepancyStatus(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status, note }: { id: string; status: "open" | "explained" | "resolved"; note: string }) =>
      api<Discrepancy>(`${base(op)}/${encodeURIComponent(id)}`, { method: "PATCH", body: { status, note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.discrepancies(op) }),
  });
}
