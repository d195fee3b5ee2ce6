// What reconciliation finds: a discrepancy the ledger cannot explain, with the event
// ids that show it and a sentence a person can act on. Rules are pure functions;
// the application stores findings and keeps their status history.
import type { LedgerEvent } from "../events.ts";
import type { FindingFacts } from "./facts.ts";

export const DISCREPANCY_KINDS = [
  "unverified-number",
  "unloaded-before-arrived",
  "arrived-twice",
  "unloaded-twice",
  "more-units-than-planned",
  "receipt-short",
  "receipt-over",
  "receipt-damaged",
  "stale-in-transit",
  "negative-stock",
  "claim-differs",
  "unloaded-never-loaded",
  "arrived-never-departed",
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** Kinds decided from one unit's events alone: re-evaluated whenever the unit gets a new event. */
export const UNIT_EVENT_KINDS: readonly DiscrepancyKind[] = [
  "unloaded-before-arrived",
  "unloaded-never-loaded",
  "arrived-never-departed",
  "arrived-twice",
  "unloaded-twice",
  "receipt-short",
  "receipt-over",
  "receipt-damaged",
];

export const DISCREPANCY_STATUSES = ["open", "explained", "resolved", "superseded"] as const;
export type DiscrepancyStatus = (typeof DISCREPANCY_STATUSES)[number];

export interface Finding {
  kind: DiscrepancyKind;
  /** What it is about: `unit:<number>`, `event:<id>`, `consignment:<code>`, `stock:<location>|<item>`, `claim:<id>`. */
  subject: string;
  /** Distinguishes findings of one kind about one subject (e.g. the event that shows it). */
  anchor: string;
  /** Ids of the events that show it. */
  evidence: string[];
  /** What it is about, as data: the explanation is rendered from these in the reader's language. */
  facts: FindingFacts;
  /** The English explanation as found (kept in the row for readers that predate `facts`). */
  explanation: string;
}

export const findingKey = (f: Pick<Finding, "kind" | "subject" | "anchor">): string =>
  `${f.kind}|${f.subject}|${f.anchor}`;

export { describer, type Describe, type NamedEntry } from "./describe.ts";

export interface ManifestLine {
  item: string;
  quantity: string;
  uom: string;
}

/** Everything the unit rules need about one unit. */
export interface UnitFacts {
  number: string;
  kind?: string;
  events: readonly LedgerEvent[];
  manifest: readonly ManifestLine[];
}
