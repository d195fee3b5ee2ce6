// Which ledger figures each claim needs, and what the store answers for them. The core
// asks; the application runs each spec once through the store (src/store/claims.sql.ts),
// so every figure comes with the query that produced it.
import type { UnitKind } from "../units.ts";
import { addDays } from "./dates.ts";
import type { Claim, FigureSpec, LedgerFigure } from "./model.ts";

/** Days either side of a claimed day that are read too, to say "the ledger has that on 19 December". */
export const NEARBY_DAYS = 7;

/** Unit steps as the ledger records them: a delivered unit has arrived. */
export const unitStep = (step: Claim["step"]) =>
  step === "delivered" ? "arrived" : step === "distributed" ? null : step;

export const specKey = (spec: FigureSpec): string => JSON.stringify(spec);

/** The figures a claim is judged against; none for a claim that cannot be read. */
export function specsFor(claim: Claim): FigureSpec[] {
  if (claim.unreadable) return [];
  if (claim.type === "units") {
    const step = unitStep(claim.step);
    if (claim.step === null || claim.step === "planned" || step === null) return [{ measure: "planned" }];
    // "N of M": M is a claim of its own (planned); the plan is read too, to say which consignment N is about.
    const plan: FigureSpec[] = claim.when.scope === "by-end-of" ? [{ measure: "planned" }] : [];
    if (claim.when.scope === "by-end-of")
      return [{ measure: "units-reached", step, kinds: claim.kinds, date: claim.when.date }, ...plan];
    return [unitsOnDays(claim.when.date, step, claim.kinds, claim.locations, null)];
  }
  const item = claim.item!;
  const out: FigureSpec[] = [];
  const days =
    claim.when.scope === "on-day"
      ? { from: addDays(claim.when.date, -NEARBY_DAYS), to: addDays(claim.when.date, NEARBY_DAYS) }
      : { from: null, to: claim.when.date };
  const kinds: UnitKind[] | null = claim.carrier?.kinds ?? null;
  const locations = claim.locations.length > 0 ? claim.locations : null;
  switch (claim.step) {
    case null:
    case "planned":
      out.push({ measure: "planned" });
      break;
    case "loaded":
    case "departed":
    case "unloaded":
      out.push({
        measure: "goods-stepped",
        step: claim.step === "departed" ? "loaded" : claim.step,
        item,
        kinds,
        consignmentOnly: !kinds?.includes("truck"),
        locations,
        ...days,
      });
      break;
    case "arrived":
    case "delivered":
    case "received":
      out.push({ measure: "goods-into", item, locations: locations ?? "destinations", ...days });
      break;
    case "distributed":
      out.push({ measure: "goods-into", item, locations: "recipients", ...days });
      break;
  }
  if (claim.carrier && claim.when.scope === "on-day" && claim.step && unitStep(claim.step)) {
    out.push(unitsOnDays(claim.when.date, unitStep(claim.step)!, claim.carrier.kinds, claim.locations, [item]));
  }
  return out;
}

function unitsOnDays(
  date: string,
  step: NonNullable<ReturnType<typeof unitStep>>,
  kinds: UnitKind[] | null,
  locations: string[],
  items: string[] | null,
): FigureSpec {
  return {
    measure: "units-stepped",
    step,
    kinds,
    consignmentOnly: !kinds?.includes("truck"),
    locations: locations.length > 0 ? locations : null,
    items,
    from: addDays(date, -NEARBY_DAYS),
    to: addDays(date, NEARBY_DAYS),
  };
}

/** A count or quantity per day, and the figure for the day asked (or for the whole period when cumulative). */
export interface SeriesResult {
  measure: "units-stepped" | "goods-stepped" | "goods-into";
  /** Per day in the range asked (days with nothing are absent); for a cumulative spec, one entry keyed by `to`. */
  values: Record<string, string>;
  /** The ledger figure behind the claim: its query run for the claimed day (or up to it). */
  figure: LedgerFigure;
  /** Events counted for that figure (up to 50), and the units involved (up to 200). */
  events: string[];
  units: string[];
  /** Rec 20 code of the item (goods) or "units". */
  unit: string;
}

export interface ReachedResult {
  measure: "units-reached";
  recorded: number;
  reached: number;
  /** Units counted as reached only because a later step is recorded. */
  implied: string[];
  /** Events of the later steps that imply them. */
  evidence: string[];
  recordedFigure: LedgerFigure;
  reachedFigure: LedgerFigure;
}

export interface PlannedConsignment {
  code: string;
  name: string;
  plannedUnits: number;
  destination: string;
  parts: { number: number; plannedUnits: number | null; registered: Partial<Record<UnitKind, number>> }[];
  registered: Partial<Record<UnitKind, number>>;
  /** Manifest totals per item (exact decimals). */
  cargo: Record<string, string>;
}

export interface PlannedResult {
  measure: "planned";
  consignments: PlannedConsignment[];
  figure: LedgerFigure;
}

export type SpecResult = SeriesResult | ReachedResult | PlannedResult;

/** An open discrepancy, as the judge may cite it. */
export interface OpenDiscrepancy {
  id: string;
  kind: string;
  subject: string;
  explanation: string;
}
