// What the situation report is built from: plain data read from the ledger by
// src/app/sitrep.ts. Quantities are exact decimal strings; instants are ISO 8601.
import type { LocalisedNames } from "../../names.ts";
import type { FindingFacts } from "../../reconcile/facts.ts";
import type { RecordedEvent } from "../../recording-delay.ts";

export interface SitrepLine {
  item: string;
  quantity: string;
}

export interface SitrepData {
  operation: { code: string; name: string; timeZone: string; names?: LocalisedNames };
  /** Calendar days in the operation's time zone, inclusive. */
  period: { from: string; to: string };
  generatedAt: string;
  /** The ledger head the figures were read at. */
  ledger: { seq: number; hash: string };
  /** `names`: the catalogue's names in other languages; a report in one of them uses its `name`. */
  items: { code: string; name: string; uom: string; kind: string; names?: LocalisedNames }[];
  locations: { code: string; name: string; kind: string; names?: LocalisedNames }[];
  /** How many events have an event time in the period. */
  eventsInPeriod: number;
  arrivals: { unit: string; unitKind: string | null; location: string; eventTime: string }[];
  /** Units whose arrival in the period the ledger implies: a trip's first unloading in the period, with no arrival recorded on that trip. */
  inferredArrivals: { unit: string; unitKind: string | null; location: string; eventTime: string }[];
  unloadings: { unit: string; unitKind: string | null; location: string; eventTime: string; lines: SitrepLine[] }[];
  /** The consignments' legs: unloading at a leg's end is reported per leg, never summed across legs. */
  legs: { consignment: string; seq: number; mode: string; from: string; to: string }[];
  /**
   * Per consignment by the end of the period: units that arrived (arrival or a later step
   * recorded), of which recorded and inferred, and units unloaded.
   */
  progress: {
    code: string;
    name: string;
    names?: LocalisedNames;
    planned: number;
    /** rail, road, multimodal…: names the units in the lead figure (cars, trucks). */
    mode: string;
    arrived: { reached: number; recorded: number; inferred: number };
    unloaded: number;
  }[];
  /** Non-zero balances at the end of the period (virtual locations included; the builder leaves them out). */
  stock: { location: string; item: string; quantity: string }[];
  /** The hub whose stock is charted, if the operation has one. */
  hub: string | null;
  /** What moved into the hub in the period, per item, whatever carried it. */
  intoHub: SitrepLine[];
  needs: { neighbourhood: string; item: string; quantity: string; households: number | null; people: number | null }[];
  /** Moved to each neighbourhood's recipients by the end of the period. */
  distributedToDate: { neighbourhood: string; item: string; quantity: string }[];
  /** Distributions with an event time in the period. */
  distributions: { neighbourhood: string; households: number | null; people: number | null; lines: SitrepLine[] }[];
  /** The latest allocation plan (approved first), if any. */
  plan: {
    status: "draft" | "approved";
    createdAt: string;
    lines: { neighbourhood: string; item: string; quantity: string }[];
  } | null;
  /** Discrepancies open now; `facts` (when stored) lets the report explain them in its own language. */
  discrepancies: { kind: string; subject: string; explanation: string; facts?: FindingFacts | null }[];
  /** The operation's teams, to name them in the report's language. */
  teams: { code: string; name: string; names?: LocalisedNames }[];
  /** Every event that happened in the period: when it happened, when it was recorded, by which team. */
  recording: RecordedEvent[];
}
