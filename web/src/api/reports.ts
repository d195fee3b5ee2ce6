// Reports from the ledger: the press statement with its traced figures, the publications
// a press officer made, and the download addresses of the situation report and exports.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "./client.ts";
import { keys } from "./keys.ts";

export type ReportLanguage = "en" | "ru";

export interface StatementFigure {
  id: string;
  label: string;
  /** Exact decimal text. */
  value: string;
  /** UN/CEFACT code of a quantity of goods, or what is counted ("units", "events"). */
  unit: string;
  /** The unit in the statement's language: "m³", "шт.", "units", "ед.". */
  unitLabel: string;
  query: { description: string; sql: string; params: unknown[] };
  /** Set when the figure shows a contradiction in the ledger. */
  note?: string;
}

export interface PressStatement {
  date: string;
  lang: ReportLanguage;
  text: string;
  figures: StatementFigure[];
}

/** An open discrepancy that touches figures about to be published. */
export interface TouchingDiscrepancy {
  id: string;
  kind: string;
  subject: string;
  /** The figures it touches, labelled in the publication's language. */
  figures: { id: string; label: string }[];
  /** In the publication's language. */
  explanation: string;
}

export interface Publication {
  id: string;
  kind: "snapshot" | "statement";
  title: string;
  language: string;
  ledgerSeq: number;
  ledgerHash: string;
  publishedAt: string;
  publishedBy: string;
  withdrawnAt: string | null;
  acknowledgement: { discrepancies: TouchingDiscrepancy[]; note: string } | null;
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

export function usePressStatement(op: string, date: string, lang: ReportLanguage) {
  return useQuery({
    queryKey: [...keys.operation(op), "press", date, lang],
    queryFn: () => api<PressStatement>(`${base(op)}/reports/press?date=${date}&lang=${lang}`),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
}

export function usePublications(op: string) {
  return useQuery({
    queryKey: [...keys.operation(op), "publications"],
    queryFn: () => api<Publication[]>(`${base(op)}/publications`),
  });
}

export type PublishRequest =
  { kind: "snapshot"; lang: ReportLanguage } | { kind: "statement"; date: string; lang: ReportLanguage };
export type Acknowledge = { discrepancies: string[]; note: string };

/** The open discrepancies publishing this now would have to acknowledge (nothing is published). */
export function useCheckPublication(op: string, request: PublishRequest | null) {
  return useQuery({
    queryKey: [...keys.operation(op), "publication-check", request],
    queryFn: () =>
      api<{ title: string; discrepancies: TouchingDiscrepancy[] }>(`${base(op)}/publications/check`, {
        method: "POST",
        body: request,
      }),
    enabled: request !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

/** A 409 that lists open discrepancies touching the figures: the list as it stands now. */
export function openDiscrepanciesOf(error: unknown): TouchingDiscrepancy[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.type.endsWith("/open-discrepancies")) return null;
  return (error.body.discrepancies as TouchingDiscrepancy[] | undefined) ?? null;
}

export function usePublish(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: PublishRequest & { acknowledge?: Acknowledge }) =>
      api<Publication>(`${base(op)}/publications`, { method: "POST", body: request }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...keys.operation(op), "publications"] }),
  });
}

/** Where the browser downloads a report or an export (the session cookie authorises it). */
export const downloads = {
  sitrep: (op: string, from: string, to: string, lang: ReportLanguage, format: "pdf" | "html") =>
    `${base(op)}/reports/sitrep?from=${from}&to=${to}&lang=${lang}&format=${format}`,
  epcis: (op: string) => `${base(op)}/export/epcis`,
  table: (op: string, table: string, hxl: boolean) => `${base(op)}/export/${table}.csv${hxl ? "?hxl=1" : ""}`,
  publicPage: (op: string, language = "en") =>
    `/public/${encodeURIComponent(op)}${language === "ru" ? "?lang=ru" : ""}`,
};
