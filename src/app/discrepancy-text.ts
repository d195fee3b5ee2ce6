// Discrepancies as a reader sees them: the explanation rendered from the stored facts in
// the reader's language, with the catalogue's names in that language. Rows found before
// facts were stored keep the English explanation they were found with.
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import type { FindingFacts } from "../core/reconcile/facts.ts";
import { explain } from "../core/reconcile/explain.ts";
import { describerFor } from "./discrepancy-sync.ts";

export const EXPLAIN_LANGS: readonly ExplainLang[] = ["en", "ru"];

export async function explainedIn<T extends { facts: FindingFacts | null; explanation: string }>(
  db: Queryable,
  operation: Operation,
  rows: readonly T[],
  lang: ExplainLang,
): Promise<T[]> {
  if (!rows.some((r) => r.facts)) return [...rows];
  const d = await describerFor(db, operation, lang);
  return rows.map((r) => (r.facts ? { ...r, explanation: explain(r.facts, d) } : r));
}
