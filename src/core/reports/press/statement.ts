// The press statement as data: the facts a day's statement is written from, and the
// figures behind them. Every figure is a query result and says which query produced it,
// so a reader can check the text against an export of the ledger.
import type { ItemKind } from "../../catalogue.ts";
import type { LocalisedNames } from "../../names.ts";

export const PRESS_LANGS = ["en", "ru"] as const;
export type PressLang = (typeof PRESS_LANGS)[number];

/** How a figure was obtained: a sentence for people and the SQL (with its parameters) for checking. */
export interface FigureQuery {
  description: string;
  sql: string;
  params: (string | number | null | string[])[];
}

export interface Figure {
  /** Stable id, e.g. "STP-54/unloaded-units" or "STP-54/unloaded/LUMBER". */
  id: string;
  label: string;
  /** Exact decimal text ("300", "0.5") or a whole number. */
  value: string;
  /** UN/CEFACT Rec 20 code for quantities of goods; a word ("units", "neighbourhoods", "ratio") otherwise. For machines. */
  unit: string;
  /** The unit as the statement's reader writes it: a symbol ("m³", "шт.") or a word ("units", "ед."); never a Rec 20 code. */
  unitLabel: string;
  query: FigureQuery;
  /** Set when the figure shows a contradiction in the ledger, e.g. units unloaded with no recorded arrival. */
  note?: string;
}

/** Something with names in other languages: an item, a location, a team. */
export interface Named {
  code: string;
  name: string;
  names: LocalisedNames;
}

/** What transport units are called in a sentence. */
export type UnitCategory = "rail-car" | "container" | "truck" | "unit";

export interface CargoLine {
  item: Named & { uom: string; symbol: string | null; kind: ItemKind };
  quantity: string;
  /** For equipment: the kinds of unit that carried it and how many of each ("a flatcar with a crane"). */
  carriers: { kind: string; units: number }[];
}

export interface ConsignmentDay {
  code: string;
  name: string;
  names?: LocalisedNames;
  plannedUnits: number;
  /** What the consignment's units are called (the commonest category among them). */
  category: UnitCategory;
  unloaded: {
    units: { category: UnitCategory; count: number }[];
    parts: number[];
    locations: Named[];
    teams: Named[];
    cargo: CargoLine[];
  };
  /** The last leg to the consignment's destination, and what reached it that day. */
  onward: { mode: string | null; destination: Named; cargo: CargoLine[] } | null;
  /**
   * By the end of the day, among the consignment's units. `arrived` is what the ledger
   * implies (arrival or a later step recorded); `arrivedRecorded` the arrivals recorded;
   * `arrivedInferred` the gap, units whose unloading implies their arrival.
   */
  progress: { arrived: number; arrivedRecorded: number; arrivedInferred: number; unloaded: number };
}

/** What happens next: the operation's distribution plan (the approved one, else the latest draft). */
export interface DistributionOutlook {
  status: "draft" | "approved";
  neighbourhoods: number;
  /** Lowest priority-weighted coverage of the needs the plan reaches, 0..1. */
  minCoverage: number;
}

export interface PressFacts {
  operation: string;
  /** The day, YYYY-MM-DD, in the operation's time zone. */
  date: string;
  timeZone: string;
  /**
   * When the day is today, the local time (HH:MM) the statement stands at: the day is not over,
   * so it says "as of" that time, never "by the end of the day". Null for a day that is over.
   */
  asOf: string | null;
  /** Whether any event at all is dated that day. */
  hasEvents: boolean;
  consignments: ConsignmentDay[];
  outlook: DistributionOutlook | null;
}

export interface PressStatement {
  facts: PressFacts;
  figures: Figure[];
}
