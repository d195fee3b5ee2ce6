// Judging a claim against the ledger's figures: supported (the figure agrees, within the
// claim's own "about" or "more than"), contradicted (the figure, the difference, and what
// explains it: the units counted only by a later step, the open discrepancies, the day
// the ledger has that figure on) or not checkable (why).
import { Decimal } from "../quantity.ts";
import type { Claim, LedgerFigure, UnitsClaim, GoodsClaim, Unreadable } from "./model.ts";
import type { OpenDiscrepancy, PlannedResult, ReachedResult, SeriesResult, SpecResult } from "./specs.ts";
import { specKey, specsFor, unitStep } from "./specs.ts";
import { UOM_FACTORS, type Qualifier } from "./lexicon.ts";

export type Verdict = "supported" | "contradicted" | "not-checkable";

export type Reason =
  | { code: "matches" }
  | { code: "within-qualifier"; qualifier: Qualifier }
  | { code: "differs" }
  | { code: "counts-recorded-only"; recorded: number; reached: number; implied: number }
  | { code: "other-days"; days: string[] }
  | { code: "carrier-differs"; carriers: string; claimed: string }
  | { code: "no-step" }
  | { code: "no-figure" }
  | ({ code: "unreadable" } & Unreadable);

export interface CheckedClaim {
  claim: Claim;
  verdict: Verdict;
  /** What the claim asserts, in the ledger's terms: "17 rail cars unloaded on 2020-12-19". */
  reading: string;
  /** The ledger's figure the claim was compared with, and the query behind it. */
  figure?: LedgerFigure;
  /** Other figures that explain it (recorded steps, the carrier count). */
  figures: LedgerFigure[];
  /** Claimed minus ledger, in the ledger's unit. */
  difference?: string;
  reason: Reason;
  discrepancies: OpenDiscrepancy[];
  events: string[];
  /** The row the claims table would keep (POST /api/operations/:op/claims), for claims counted to a day. */
  record?: {
    consignment: string;
    metric: "loaded" | "departed" | "arrived" | "unloaded" | "received";
    claimed: number;
    ofTotal?: number;
    asOf: string;
  };
}

export interface JudgeInput {
  results: ReadonlyMap<string, SpecResult>;
  discrepancies: readonly OpenDiscrepancy[];
  /** Rec 20 code of each item. */
  itemUoms: ReadonlyMap<string, string>;
}

const MAX_CITED = 20;

export function compare(claimed: Decimal, ledger: Decimal, qualifier: Qualifier | undefined): boolean {
  switch (qualifier) {
    case undefined:
      return claimed.eq(ledger);
    case "about":
      return ledger.minus(claimed).abs().lte(Decimal.max(ledger.abs(), claimed.abs()).times("0.1"));
    case "more-than":
      return ledger.gt(claimed);
    case "at-least":
      return ledger.gte(claimed);
    case "less-than":
      return ledger.lt(claimed);
    case "up-to":
      return ledger.lte(claimed);
    default: {
      const never: never = qualifier;
      return never;
    }
  }
}

export function judgeClaim(claim: Claim, input: JudgeInput): CheckedClaim {
  const reading = readingOf(claim);
  const base = { claim, reading, figures: [], discrepancies: [], events: [] };
  if (claim.unreadable)
    return { ...base, verdict: "not-checkable", reason: { code: "unreadable", ...claim.unreadable } };
  const results = specsFor(claim).map((s) => input.results.get(specKey(s)));
  if (results.some((r) => r === undefined)) return { ...base, verdict: "not-checkable", reason: { code: "no-figure" } };
  const [main, extra] = results as SpecResult[];
  if (main!.measure === "planned") return plannedVerdict(claim, main!, base);
  if (claim.type === "units") {
    return main!.measure === "units-reached"
      ? reachedVerdict(claim, main!, input, base)
      : seriesVerdict(claim, new Decimal(claim.count), main as SeriesResult, input, base);
  }
  const item = claim.item!;
  const itemUom = input.itemUoms.get(item)!;
  const quantity = new Decimal(claim.quantity).times(
    claim.uom && claim.uom !== itemUom ? UOM_FACTORS[claim.uom]![itemUom]! : "1",
  );
  const out = seriesVerdict(claim, quantity, main as SeriesResult, input, base);
  if (out.verdict === "supported" && claim.carrier && extra?.measure === "units-stepped") {
    const carriers = new Decimal(extra.values[claim.when.date] ?? "0");
    if (!carriers.eq(claim.carrier.count)) {
      return {
        ...out,
        verdict: "contradicted",
        figures: [...out.figures, extra.figure],
        reason: { code: "carrier-differs", carriers: carriers.toString(), claimed: claim.carrier.count },
      };
    }
    return { ...out, figures: [...out.figures, extra.figure] };
  }
  return out;
}

type Base = Pick<CheckedClaim, "claim" | "reading" | "figures" | "discrepancies" | "events">;

function cite(
  discrepancies: readonly OpenDiscrepancy[],
  subjects: ReadonlySet<string>,
  item?: string,
): OpenDiscrepancy[] {
  return discrepancies
    .filter(
      (d) =>
        subjects.has(d.subject) ||
        (item !== undefined && d.subject.startsWith("stock:") && d.subject.endsWith(`|${item}`)),
    )
    .slice(0, MAX_CITED);
}

function reachedVerdict(claim: UnitsClaim, r: ReachedResult, input: JudgeInput, base: Base): CheckedClaim {
  const claimed = new Decimal(claim.count);
  const reached = new Decimal(r.reached);
  const stage = unitStep(claim.step)! as NonNullable<CheckedClaim["record"]>["metric"];
  const consignment =
    claim.kinds === null || claim.kinds.some((k) => k !== "truck") ? soleConsignment(input) : undefined;
  const record =
    consignment && claimed.isInteger()
      ? {
          consignment,
          metric: stage,
          claimed: claimed.toNumber(),
          ...(claim.ofTotal && { ofTotal: Number(claim.ofTotal.value) }),
          asOf: claim.when.date,
        }
      : undefined;
  const common = { ...base, figure: r.reachedFigure, figures: [r.recordedFigure], ...(record && { record }) };
  if (compare(claimed, reached, claim.qualifier)) {
    return {
      ...common,
      verdict: "supported",
      reason: claim.qualifier ? { code: "within-qualifier", qualifier: claim.qualifier } : { code: "matches" },
    };
  }
  const subjects = new Set([...r.implied.map((u) => `unit:${u}`)]);
  return {
    ...common,
    verdict: "contradicted",
    difference: claimed.minus(reached).toString(),
    reason:
      claimed.eq(r.recorded) && r.recorded !== r.reached
        ? { code: "counts-recorded-only", recorded: r.recorded, reached: r.reached, implied: r.implied.length }
        : { code: "differs" },
    discrepancies: cite(input.discrepancies, subjects),
    events: r.evidence.slice(0, 50),
  };
}

/** The consignment a units claim is about, when the operation has one consignment. */
function soleConsignment(input: JudgeInput): string | undefined {
  for (const r of input.results.values())
    if (r.measure === "planned" && r.consignments.length === 1) return r.consignments[0]!.code;
  return undefined;
}

function seriesVerdict(
  claim: UnitsClaim | GoodsClaim,
  claimed: Decimal,
  s: SeriesResult,
  input: JudgeInput,
  base: Base,
): CheckedClaim {
  const day = claim.when.date;
  const ledger = new Decimal(s.values[day] ?? "0");
  const common = { ...base, figure: s.figure };
  if (compare(claimed, ledger, claim.qualifier)) {
    return {
      ...common,
      verdict: "supported",
      events: s.events.slice(0, 50),
      reason: claim.qualifier ? { code: "within-qualifier", qualifier: claim.qualifier } : { code: "matches" },
    };
  }
  const days =
    claim.when.scope === "on-day"
      ? Object.keys(s.values)
          .filter((d) => d !== day && compare(claimed, new Decimal(s.values[d]!), claim.qualifier))
          .sort()
      : [];
  const item = claim.type === "goods" ? (claim.item ?? undefined) : undefined;
  return {
    ...common,
    verdict: "contradicted",
    difference: claimed.minus(ledger).toString(),
    reason: days.length > 0 ? { code: "other-days", days } : { code: "differs" },
    discrepancies: cite(input.discrepancies, new Set(s.units.map((u) => `unit:${u}`)), item),
    events: s.events.slice(0, 50),
  };
}

function plannedVerdict(claim: UnitsClaim | GoodsClaim, p: PlannedResult, base: Base): CheckedClaim {
  const claimed = new Decimal(claim.type === "units" ? claim.count : claim.quantity);
  const candidates: Decimal[] = [];
  for (const c of p.consignments) {
    if (claim.type === "units") {
      const specific = claim.kinds !== null && claim.kinds.length === 1;
      const registered = (r: Partial<Record<string, number>>) =>
        (claim.kinds ?? []).reduce((n, k) => n + (r[k] ?? 0), 0);
      if (!specific)
        candidates.push(
          new Decimal(c.plannedUnits),
          ...c.parts.flatMap((x) => (x.plannedUnits === null ? [] : [new Decimal(x.plannedUnits)])),
        );
      if (claim.kinds !== null)
        candidates.push(
          new Decimal(registered(c.registered)),
          ...c.parts.map((x) => new Decimal(registered(x.registered))),
        );
    } else if (claim.item && c.cargo[claim.item]) candidates.push(new Decimal(c.cargo[claim.item]!));
  }
  if (candidates.length === 0) return { ...base, verdict: "not-checkable", reason: { code: "no-figure" } };
  const hit = candidates.find((v) => compare(claimed, v, claim.qualifier));
  const figure = { ...p.figure, value: (hit ?? candidates[0]!).toString() };
  if (hit)
    return {
      ...base,
      figure,
      verdict: "supported",
      reason: claim.qualifier ? { code: "within-qualifier", qualifier: claim.qualifier } : { code: "matches" },
    };
  return {
    ...base,
    figure,
    verdict: "contradicted",
    difference: claimed.minus(candidates[0]!).toString(),
    reason: { code: "differs" },
  };
}

/** The claim in the ledger's terms, in English (the UI shows its own words beside it). */
export function readingOf(claim: Claim): string {
  const when = claim.when.scope === "on-day" ? `on ${claim.when.date}` : `by the end of ${claim.when.date}`;
  const q = claim.qualifier ? `${claim.qualifier.replace("-", " ")} ` : "";
  const where = claim.locations.length > 0 ? ` at ${claim.locations.join(" or ")}` : "";
  if (claim.type === "units") {
    if (claim.step === null || claim.step === "planned") return `${q}${claim.count} ${claim.label} planned`;
    return `${q}${claim.count} ${claim.label} ${unitStep(claim.step) ?? claim.step} ${when}${where}`;
  }
  const what = claim.item ?? "(unknown item)";
  const carrier = claim.carrier ? ` on ${claim.carrier.count} ${claim.carrier.label}` : "";
  const uom = claim.uom ? ` ${claim.uom}` : "";
  if (claim.step === null || claim.step === "planned")
    return `${q}${claim.quantity}${uom} of ${what}${carrier} planned`;
  return `${q}${claim.quantity}${uom} of ${what}${carrier} ${claim.step} ${when}${where}`;
}
