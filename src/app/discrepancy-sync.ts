// Keeps stored discrepancies in step with what the rules find now. A new finding is
// opened; one that is no longer found (a late arrival explained it) is superseded,
// keeping its history; one found again after that is reopened. Statuses a person set
// (explained, resolved) are kept while the finding stands.
import { v7 as uuidv7 } from "uuid";
import type { DiscrepancyKind, Describe, Finding } from "../core/reconcile/finding.ts";
import { describer, findingKey } from "../core/reconcile/finding.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import type { Queryable } from "../store/db.ts";
import { namedEntries, type Named, type NamedRow } from "../store/names.sql.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { DiscrepancyWrite, StoredDiscrepancy } from "../store/discrepancies.sql.ts";
import { findByKeys, findInScope, writeDiscrepancies } from "../store/discrepancies.sql.ts";

export interface Scope {
  kinds: readonly DiscrepancyKind[];
  /** Subjects evaluated; undefined means every subject of these kinds. */
  subjects?: readonly string[];
}

/**
 * `keepUnfound`: the findings are only what some new facts show (an in-order event applied
 * incrementally), not a re-evaluation of the whole scope, so nothing stored is superseded.
 */
export async function syncFindings(
  tx: Queryable,
  operationId: string,
  findings: readonly Finding[],
  scope: Scope,
  now: Date,
  options: { keepUnfound?: boolean } = {},
): Promise<{ opened: number; superseded: number }> {
  // New facts alone (keepUnfound) can only touch the discrepancies they find: look those up by key,
  // so the cost follows the batch, not the history each unit has accumulated.
  const stored = options.keepUnfound
    ? await findByKeys(tx, operationId, [...new Set(findings.map(findingKey))])
    : await findInScope(tx, operationId, scope.kinds, scope.subjects);
  const { writes, opened, superseded } = findingWrites(findings, stored, options);
  await writeDiscrepancies(tx, operationId, writes, now, null);
  return { opened, superseded };
}

/**
 * What `syncFindings` writes, given the discrepancies stored in the scope (with `keepUnfound`: those
 * with the findings' keys, `findByKeys`).
 */
export function findingWrites(
  findings: readonly Finding[],
  stored: readonly StoredDiscrepancy[],
  options: { keepUnfound?: boolean } = {},
): { writes: DiscrepancyWrite[]; opened: number; superseded: number } {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const writes: DiscrepancyWrite[] = [];
  const found = new Set<string>();
  let opened = 0;
  for (const f of findings) {
    const key = findingKey(f);
    if (found.has(key)) continue;
    found.add(key);
    const s = byKey.get(key);
    const body = {
      key,
      kind: f.kind,
      subject: f.subject,
      explanation: f.explanation,
      facts: f.facts,
      evidence: f.evidence,
    };
    if (!s) {
      opened += 1;
      writes.push({ id: uuidv7(), ...body, status: "open", note: "found by reconciliation" });
    } else if (s.status === "superseded") {
      opened += 1;
      writes.push({ id: s.id, ...body, status: "open", note: "found again: the facts no longer explain it" });
    } else if (
      s.explanation !== f.explanation ||
      JSON.stringify(s.evidence) !== JSON.stringify(f.evidence) ||
      s.facts === null
    ) {
      writes.push({ id: s.id, ...body, status: s.status });
    }
  }
  let superseded = 0;
  for (const s of options.keepUnfound ? [] : stored) {
    if (found.has(s.key) || (s.status !== "open" && s.status !== "explained")) continue;
    superseded += 1;
    writes.push({ ...s, status: "superseded", note: "no longer found: later facts explain it" });
  }
  return { writes, opened, superseded };
}

/** Names of the operation's places (not transport units), items and consignments in a language, and its time zone, for explanations. */
export async function describerFor(tx: Queryable, operation: Operation, lang: ExplainLang = "en"): Promise<Describe> {
  return describerOf(await namedEntries(tx, operation.id), operation, lang);
}

/** The same, from names already read (`namedEntries`). */
export function describerOf(
  named: Record<Named, readonly NamedRow[]>,
  operation: Operation,
  lang: ExplainLang = "en",
): Describe {
  const entries = (rows: readonly NamedRow[]) => new Map(rows.map((r) => [r.code, { name: r.name, names: r.names }]));
  return describer(
    {
      places: entries(named.places),
      items: entries(named.items),
      consignments: entries(named.consignments),
    },
    operation.timeZone,
    lang,
  );
}
