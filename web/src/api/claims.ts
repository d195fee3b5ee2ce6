// Checking a text's claims against the ledger, and keeping a claim in the claims table.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { StatementFigure } from "./reports.ts";

export type Verdict = "supported" | "contradicted" | "not-checkable";

export interface ClaimRecord {
  consignment: string;
  metric: string;
  claimed: number;
  ofTotal?: number;
  asOf: string;
}

export interface CheckedClaim {
  claim: {
    id: string;
    type: string;
    span: { start: number; end: number };
    quote: string;
    step: string | null;
    when: { scope: string; date: string };
  };
  verdict: Verdict;
  reading: string;
  explanation: string;
  figure?: StatementFigure;
  figures: StatementFigure[];
  difference?: string;
  discrepancies: { id: string; kind: string; subject: string; explanation: string }[];
  events: string[];
  record?: ClaimRecord;
}

export interface ClaimsCheck {
  date: string;
  dateSource: string;
  /** Set when date is today: the clock time (HH:MM) the figures stand at. */
  asOf?: string;
  timeZone: string;
  ledger: { seq: number; hash: string };
  claims: CheckedClaim[];
  counts: { supported: number; contradicted: number; notCheckable: number };
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

export function useCheckClaims(op: string) {
  return useMutation({
    mutationFn: (request: { text: string; date?: string; lang: "en" | "ru" }) =>
      api<ClaimsCheck>(`${base(op)}/claims/check`, { method: "POST", body: request }),
  });
}

export function useRecordClaim(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (record: ClaimRecord & { source: string }) =>
      api<unknown>(`${base(op)}/claims`, { method: "POST", body: record }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.discrepancies(op) }),
  });
}
