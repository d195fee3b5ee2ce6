// What a finding is about, as data: codes, quantities (exact decimal text) and instants
// (ISO 8601), never prose. A finding's explanation is rendered from its facts in the
// reader's language (explain.ts), so the same discrepancy reads in English and Russian.

/** A transport unit as explanations name it: "Rail car 60521184", "Вагон 60521184". */
export interface UnitRef {
  number: string;
  kind?: string;
}

/** Where and when something happened. */
export interface Happened {
  place?: string;
  time: string;
}

export type FindingFacts =
  | { kind: "unverified-number"; unit: UnitRef; expectedDigit?: string }
  | { kind: "unloaded-before-arrived"; unit: UnitRef; verb: "unloaded" | "received"; at: Happened; departed?: Happened }
  | { kind: "unloaded-never-loaded"; unit: UnitRef; verb: "unloaded" | "received"; at: Happened }
  | { kind: "arrived-twice"; unit: UnitRef; first: Happened; second: Happened }
  /** Arrived on a trip that was loaded (`loaded`: where, when) but never recorded as departing. */
  | { kind: "arrived-never-departed"; unit: UnitRef; at: Happened; loaded?: Happened }
  | { kind: "unloaded-twice"; unit: UnitRef; at: Happened; firstUnloadedAt: string }
  | {
      kind: "receipt-short" | "receipt-over";
      unit?: UnitRef;
      item: string;
      uom: string;
      at: Happened;
      counted: string;
      expected: string;
      difference: string;
      against: "manifest" | "expected";
    }
  | { kind: "receipt-damaged"; unit?: UnitRef; item: string; uom: string; at: Happened; quantity: string }
  | { kind: "stale-in-transit"; unit: UnitRef; departed: Happened; days: number; thresholdDays: number }
  | { kind: "negative-stock"; place: string; item: string; uom: string; balance: string; time: string }
  | { kind: "more-units-than-planned"; consignment: string; planned: number; registered: number; extra: string[] }
  | {
      kind: "claim-differs";
      source: string;
      asOf: string;
      consignment: string;
      metric: "loaded" | "departed" | "arrived" | "unloaded" | "received";
      claimed: number;
      ofTotal: number | null;
      recorded: number;
      implied: number;
      reached: number;
      planned: number;
    };

/** The codes a finding's facts mention, so a reader of it can be given their names. */
export function codesIn(facts: FindingFacts): { places: string[]; items: string[]; consignments: string[] } {
  const places: string[] = [];
  const items: string[] = [];
  const consignments: string[] = [];
  const at = (h: Happened | undefined) => h?.place !== undefined && places.push(h.place);
  switch (facts.kind) {
    case "unloaded-before-arrived":
      at(facts.at);
      at(facts.departed);
      break;
    case "unloaded-never-loaded":
    case "unloaded-twice":
      at(facts.at);
      break;
    case "arrived-never-departed":
      at(facts.at);
      at(facts.loaded);
      break;
    case "arrived-twice":
      at(facts.first);
      at(facts.second);
      break;
    case "receipt-short":
    case "receipt-over":
    case "receipt-damaged":
      at(facts.at);
      items.push(facts.item);
      break;
    case "stale-in-transit":
      at(facts.departed);
      break;
    case "negative-stock":
      places.push(facts.place);
      items.push(facts.item);
      break;
    case "more-units-than-planned":
    case "claim-differs":
      consignments.push(facts.consignment);
      break;
    case "unverified-number":
      break;
    default: {
      const never: never = facts;
      return never;
    }
  }
  return { places, items, consignments };
}
