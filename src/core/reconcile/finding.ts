// What reconciliation finds: a discrepancy the ledger cannot explain, with the event
// ids that show it and a sentence a person can act on. Rules are pure functions;
// the application stores findings and keeps their status history.
import type { LedgerEvent } from "../events.ts";

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
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** Kinds decided from one unit's events alone: re-evaluated whenever the unit gets a new event. */
export const UNIT_EVENT_KINDS: readonly DiscrepancyKind[] = ["unloaded-before-arrived", "arrived-twice", "unloaded-twice", "receipt-short", "receipt-over", "receipt-damaged"];

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
  explanation: string;
}

export const findingKey = (f: Pick<Finding, "kind" | "subject" | "anchor">): string => `${f.kind}|${f.subject}|${f.anchor}`;

/** How rules name places and times in explanations. */
export interface Describe {
  place(code: string | undefined): string;
  time(iso: string): string;
}

/** Names from a lookup, times in the operation's time zone ("19 Dec 2020 10:00"). */
export function describer(names: ReadonlyMap<string, string>, timeZone: string): Describe {
  const format = timeFormat(timeZone);
  return {
    place: (code) => (code === undefined ? "an unrecorded place" : names.get(code) ?? code),
    time: (iso) => format.format(new Date(iso)).replace(",", ""),
  };
}

// Making a DateTimeFormat costs far more than using one, and every append describes its findings.
const formats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, format);
  }
  return format;
}

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
