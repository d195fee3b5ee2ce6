// What the claims checker reads from a text and what it answers. A claim is one figure
// the text asserts about the operation, with its span in the text; a figure spec names
// the one ledger figure that can confirm or contradict it (the store computes it, with
// the query that produced it); a verdict says supported, contradicted or not checkable.
import type { UnitKind } from "../units.ts";
import type { Qualifier, Step } from "./lexicon.ts";

export interface Span {
  /** UTF-16 offsets into the text, end exclusive (as String.prototype.slice takes them). */
  start: number;
  end: number;
}

/** When a figure is taken: on one day, or everything up to the end of a day. */
export type When = { scope: "on-day"; date: string } | { scope: "by-end-of"; date: string };

interface ClaimBase {
  id: string;
  span: Span;
  /** The text of the span. */
  quote: string;
  lang: "en" | "ru";
  step: Step | null;
  when: When;
  /** Real places named near the claim (most specific first). */
  locations: string[];
  qualifier?: Qualifier;
  /** Set when the claim cannot be checked whatever the ledger says (negated, future, vague). */
  unreadable?: Unreadable;
}

export type Unreadable =
  | { reason: "negated" }
  | { reason: "future" }
  | { reason: "no-item"; words: string }
  | { reason: "ambiguous-item"; candidates: string[] }
  | { reason: "uom-mismatch"; item: string; itemUom: string; claimedUom: string };

/** Transport units: "17 rail cars unloaded", "nine of the 54 cars have arrived", "54 вагона". */
export interface UnitsClaim extends ClaimBase {
  type: "units";
  count: string;
  /** null: any transport unit of the consignments. */
  kinds: UnitKind[] | null;
  label: string;
  /** "of 54": the planned total the text gives. */
  ofTotal?: { value: string; span: Span };
}

/** A quantity of goods or equipment, optionally with the units that carried it ("a flatcar with a crane"). */
export interface GoodsClaim extends ClaimBase {
  type: "goods";
  quantity: string;
  /** The unit of measure written (Rec 20), or null for counted goods ("12,000 blankets"). */
  uom: string | null;
  item: string | null;
  equipment: boolean;
  carrier?: { kinds: UnitKind[]; count: string; label: string };
}

export type Claim = UnitsClaim | GoodsClaim;

/** A ledger figure a claim needs. The app runs each through the store, with its query. */
export type FigureSpec =
  /** Distinct units of these kinds with the step's event in [from, to] (days in the operation's time zone). */
  | {
      measure: "units-stepped";
      step: Step;
      kinds: UnitKind[] | null;
      consignmentOnly: boolean;
      locations: string[] | null;
      items: string[] | null;
      from: string;
      to: string;
    }
  /** Consignment units of these kinds that had the step recorded, and that reached it or a later one, by the end of `date`. */
  | { measure: "units-reached"; step: Step; kinds: UnitKind[] | null; date: string }
  /** Quantity of an item on the step's events in [from, to] (from null: since the start). */
  | {
      measure: "goods-stepped";
      step: Step;
      item: string;
      kinds: UnitKind[] | null;
      consignmentOnly: boolean;
      locations: string[] | null;
      from: string | null;
      to: string;
    }
  /** Quantity of an item moved into these places (with everything under them) from outside them in [from, to]; "destinations": the consignments' destinations; "recipients": handed to people. */
  | {
      measure: "goods-into";
      item: string;
      locations: string[] | "recipients" | "destinations";
      from: string | null;
      to: string;
    }
  /** What the consignments planned: units per kind and part, and cargo per item (manifests). */
  | { measure: "planned" };

/** A figure the ledger gave, with the query that produced it (as the press statement's figures carry). */
export interface LedgerFigure {
  id: string;
  label: string;
  value: string;
  unit: string;
  query: { description: string; sql: string; params: unknown[] };
  note?: string;
}
