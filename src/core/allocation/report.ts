// Reading a plan back: exact quantities as strings, coverage figures, the constraints that
// bind, and what extra stock would raise the minimum (the stage-1 dual, computed exactly).
import { formatUnits } from "./decimal.ts";
import type { AllocationResult, AllocationStatus, BindingConstraint } from "./types.ts";
import type { NormProblem } from "./validate.ts";
import { type FillResult, slopeAbove } from "./waterfill.ts";

export interface PlanFigures {
  coverage: number[];
  minCoverage: number;
  fairShare: number;
  totalCoverage: number;
  byNeighbourhood: { neighbourhood: string; coverage: number }[];
}

export function figures(p: NormProblem, units: bigint[]): PlanFigures {
  const coverage = p.needs.map((nd, j) => Number(units[j]!) / 10 ** p.items[nd.item]!.decimals / nd.size);
  const sums = new Map(p.neighbourhoods.map((n) => [n, { sum: 0, count: 0 }]));
  let minCoverage = Infinity;
  let fairShare = Infinity;
  let totalCoverage = 0;
  p.needs.forEach((nd, j) => {
    const c = coverage[j]!;
    const acc = sums.get(nd.neighbourhood)!;
    acc.sum += c;
    acc.count += 1;
    minCoverage = Math.min(minCoverage, c);
    fairShare = Math.min(fairShare, c / nd.w);
    totalCoverage += c;
  });
  const byNeighbourhood = p.neighbourhoods.map((n) => ({
    neighbourhood: n,
    coverage: sums.get(n)!.sum / sums.get(n)!.count,
  }));
  return { coverage, minCoverage, fairShare: Math.min(1, fairShare), totalCoverage, byNeighbourhood };
}

export const FLEET_LABEL = { weight: "truck capacity by weight", volume: "truck capacity by volume" } as const;

/** Constraints that stopped some need short of 100%, most severe (lowest level) first. */
export function bindingFromFill(p: NormProblem, fill: FillResult): BindingConstraint[] {
  const out: BindingConstraint[] = [];
  for (const e of fill.events) {
    if (e.reason === "complete") continue;
    if (e.reason === "stock") {
      for (const i of e.items)
        out.push({ constraint: `stock of ${p.items[i]!.code}`, kind: "stock", item: p.items[i]!.code });
    } else out.push({ constraint: FLEET_LABEL[e.reason], kind: e.reason });
  }
  return out;
}

export interface Sensitivity {
  shadow: { item: string; gainPerUnit: number }[];
  /** The constraints that set the minimum (stage 1), and the gain per kg / m³ if a fleet row did. */
  limiting: { kind: "stock" | "weight" | "volume" | "tie" | "none"; items: number[]; gainPerCapacityUnit?: number };
}

/**
 * Stage-1 sensitivity. The first event of the filling fixes fairShare t*. If it is one item's
 * stock alone, the gain d(t*) per unit of stock is 1 / S'(t*) (the dual of that stock row); if several constraints bind
 * at the same level, more of any single one does not help, so every gain is 0.
 */
export function sensitivity(p: NormProblem, fill: FillResult): Sensitivity {
  const zero = p.items.map((it) => ({ item: it.code, gainPerUnit: 0 }));
  const binding = fill.events.filter((e) => e.reason !== "complete");
  const first = binding[0];
  const tol = 1e-9;
  if (!first || first.level >= 1 - tol) return { shadow: zero, limiting: { kind: "none", items: [] } };
  const tied = binding.filter((e) => e.level <= first.level + tol);
  const stockItems = tied.filter((e) => e.reason === "stock").flatMap((e) => e.items);
  const fleets = tied.filter((e) => e.reason !== "stock");
  if (fleets.length === 0 && stockItems.length === 1) {
    const i = stockItems[0]!;
    const slope = slopeAbove(fill.curves[i]!, first.level);
    zero[i]!.gainPerUnit = slope > 0 ? 1 / slope : 0;
    const shadow = zero.sort((a, b) => b.gainPerUnit - a.gainPerUnit);
    return { shadow, limiting: { kind: "stock", items: [i] } };
  }
  if (fleets.length === 1 && stockItems.length === 0) {
    const e = fleets[0]!;
    const coef = (i: number) => (e.reason === "weight" ? p.items[i]!.kgF : p.items[i]!.m3F);
    const slope = e.items.reduce((s, i) => s + coef(i) * slopeAbove(fill.curves[i]!, first.level), 0);
    return {
      shadow: zero,
      limiting: {
        kind: e.reason as "weight" | "volume",
        items: e.items,
        gainPerCapacityUnit: slope > 0 ? 1 / slope : 0,
      },
    };
  }
  return { shadow: zero, limiting: { kind: "tie", items: stockItems } };
}

export interface ResultParts {
  status: AllocationStatus;
  units: bigint[];
  binding: BindingConstraint[];
  shadow: { item: string; gainPerUnit: number }[];
  explanation: string[];
}

export function assemble(p: NormProblem, f: PlanFigures, parts: ResultParts): AllocationResult {
  return {
    status: parts.status,
    allocations: p.needs.map((nd, j) => ({
      neighbourhood: nd.neighbourhood,
      item: p.items[nd.item]!.code,
      quantity: formatUnits(parts.units[j]!, p.items[nd.item]!.decimals),
      needed: nd.needed,
      coverage: f.coverage[j]!,
    })),
    coverageByNeighbourhood: f.byNeighbourhood,
    minCoverage: f.minCoverage,
    fairShare: f.fairShare,
    totalCoverage: f.totalCoverage,
    binding: parts.binding,
    shadow: parts.shadow,
    explanation: parts.explanation,
  };
}
