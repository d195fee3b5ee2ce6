// Baseline for comparison: each item's stock split among its needs in proportion to
// need × priority, capped at the need (what a capped need leaves is NOT passed on), then all
// quantities scaled down by one common factor if the trucks cannot carry them, then rounded
// down to each item's precision. No optimisation, no remainder hand-out.
import { assemble, figures } from "./report.ts";
import { assertFeasible, floorPlan } from "./rounding.ts";
import type { AllocationProblem, AllocationResult, BindingConstraint } from "./types.ts";
import { anyStockForNeeds, normalise } from "./validate.ts";
import { explainNoStock } from "./explain.ts";

export function proportionalSplit(problem: AllocationProblem): AllocationResult {
  const p = normalise(problem);
  const noStock = !anyStockForNeeds(p);
  const weightSum = p.items.map(() => 0);
  p.needs.forEach((nd) => {
    weightSum[nd.item]! += nd.size * nd.priority;
  });
  const x = new Float64Array(p.needs.length);
  p.needs.forEach((nd, j) => {
    const share = (p.items[nd.item]!.stockF * nd.size * nd.priority) / weightSum[nd.item]!;
    x[j] = Math.min(nd.size, share);
  });
  let kg = 0;
  let m3 = 0;
  p.needs.forEach((nd, j) => {
    kg += x[j]! * p.items[nd.item]!.kgF;
    m3 += x[j]! * p.items[nd.item]!.m3F;
  });
  const scale = Math.min(1, kg > 0 ? p.capKgF / kg : 1, m3 > 0 ? p.capM3F / m3 : 1);
  if (scale < 1) x.forEach((v, j) => (x[j] = v * scale));
  const units = floorPlan(p, x);
  assertFeasible(p, units);
  const f = figures(p, units);
  const binding: BindingConstraint[] = [];
  const asked = p.items.map(() => 0);
  const short = p.items.map(() => false);
  p.needs.forEach((nd, j) => {
    asked[nd.item]! += nd.size;
    if (units[j]! < nd.needUnits) short[nd.item] = true;
  });
  p.items.forEach((it, i) => {
    if (short[i] && it.stockF < asked[i]!)
      binding.push({ constraint: `stock of ${it.code}`, kind: "stock", item: it.code });
  });
  if (scale < 1) {
    const byWeight = kg > 0 && p.capKgF / kg === scale;
    binding.push(
      byWeight
        ? { constraint: "truck capacity by weight", kind: "weight" }
        : { constraint: "truck capacity by volume", kind: "volume" },
    );
  }
  return assemble(p, f, {
    status: noStock ? "no-stock" : "optimal",
    units,
    binding,
    shadow: [],
    explanation: noStock
      ? explainNoStock(p)
      : [
          "Proportional split: each item's stock is shared in proportion to need × priority, capped at the need, " +
            (scale < 1
              ? `then every quantity is scaled down to ${(scale * 100).toFixed(1)}% to fit the trucks, `
              : "") +
            "and rounded down to each item's precision.",
          `The least-covered need got ${(f.minCoverage * 100).toFixed(1)}%.`,
        ],
  });
}
