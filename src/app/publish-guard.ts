// The publish guard as the application runs it: inside the publishing transaction (the
// ledger head share-locked, so nothing is appended and no discrepancy opens meanwhile),
// the open discrepancies are read with their evidence, matched against the scopes of
// the figures about to be published (core/publish-guard.ts says what "touches" means),
// and explained in the publication's language.
import type { LedgerEvent } from "../core/events.ts";
import {
  discrepancyScope,
  touchedFigures,
  type EvidenceEvent,
  type FigureScope,
  type GuardVerdict,
} from "../core/publish-guard.ts";
import type { FindingFacts } from "../core/reconcile/facts.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import { explain } from "../core/reconcile/explain.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { Queryable } from "../store/db.ts";
import { openDiscrepanciesWithEvidence } from "../store/publish-guard.sql.ts";
import { describerFor } from "./discrepancy-sync.ts";
import { AppError } from "./errors.ts";

/** An open discrepancy that touches published figures, as the 409 lists it and the publication stores it. */
export interface TouchingDiscrepancy {
  id: string;
  kind: string;
  subject: string;
  /** The figures it touches: id and label, in the publication's language. */
  figures: { id: string; label: string }[];
  /** Its explanation in the publication's language. */
  explanation: string;
  facts: FindingFacts | null;
}

const evidenceOf = (e: { id: string; time: string; body: LedgerEvent }): EvidenceEvent => ({
  id: e.id,
  time: new Date(e.time).toISOString(),
  ...(e.body.unit !== undefined && { unit: e.body.unit }),
  places: [e.body.location, e.body.from, e.body.to, e.body.neighbourhood].filter(
    (p): p is string => typeof p === "string",
  ),
  items: (e.body.lines ?? []).map((l) => l.item),
});

/** When a finding's facts say it began (negative stock: the moment it went below zero). */
const factsTime = (facts: FindingFacts | null): string | undefined =>
  facts?.kind === "negative-stock" ? facts.time : undefined;
const factsConsignment = (facts: FindingFacts | null): string | undefined =>
  facts?.kind === "claim-differs" || facts?.kind === "more-units-than-planned" ? facts.consignment : undefined;

/** The open discrepancies that touch any of these figures, with the figures each touches. */
export async function openDiscrepanciesTouching(
  tx: Queryable,
  operation: Operation,
  scopes: readonly FigureScope[],
  lang: ExplainLang,
): Promise<TouchingDiscrepancy[]> {
  if (scopes.length === 0) return [];
  const open = await openDiscrepanciesWithEvidence(tx, operation.id);
  const touching = open.flatMap((d) => {
    const scope = discrepancyScope(
      {
        id: d.id,
        kind: d.kind,
        subject: d.subject,
        consignment: d.claimConsignment ?? factsConsignment(d.facts),
        at: factsTime(d.facts),
      },
      d.evidence.map(evidenceOf),
    );
    const figures = touchedFigures(scope, scopes);
    return figures.length === 0 ? [] : [{ d, figures }];
  });
  if (touching.length === 0) return [];
  const describe = await describerFor(tx, operation, lang);
  return touching.map(({ d, figures }) => ({
    id: d.id,
    kind: d.kind,
    subject: d.subject,
    figures: figures.map((f) => ({ id: f.id, label: f.label })),
    explanation: d.facts ? explain(d.facts, describe) : d.explanation,
    facts: d.facts,
  }));
}

/**
 * The 409 answer: every open discrepancy that touches the figures (id, kind, the figures
 * it touches, its explanation), which of them the acknowledgement did not name, and how
 * to publish anyway.
 */
export function openDiscrepanciesProblem(
  what: string,
  touching: readonly TouchingDiscrepancy[],
  verdict: Extract<GuardVerdict, { ok: false }>,
): AppError {
  const n = touching.length;
  const missing = verdict.missing.length;
  const reason =
    missing > 0
      ? `${n} open ${n === 1 ? "discrepancy touches" : "discrepancies touch"} the figures of this ${what}` +
        (missing < n ? ` (${missing} of them not acknowledged: opened since the list was read, or left out)` : "")
      : `an acknowledgement of the ${n} open ${n === 1 ? "discrepancy" : "discrepancies"} needs a note saying why it is published anyway`;
  return new AppError(
    "conflict",
    `Nothing was published: ${reason}. Resolve them, or publish anyway with acknowledge: {discrepancies: [every id listed], note: "why"}; the acknowledgement is shown with the publication.`,
    verdict.noteMissing && missing === 0
      ? [{ field: "/acknowledge/note", message: "say why it is published anyway" }]
      : [],
    {
      type: "open-discrepancies",
      title: "Open discrepancies touch these figures",
      discrepancies: touching,
      unacknowledged: verdict.missing,
    },
  );
}
