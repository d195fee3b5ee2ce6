// The fair allocation planner: validate, fill (leximin, see waterfill.ts), round down,
// hand out the remainder, check exactly, explain.
import { explainNoStock, explainPlan } from "./explain.ts";
import { assemble, bindingFromFill, figures, sensitivity } from "./report.ts";
import { assertFeasible, floorPlan, handOutRemainder } from "./rounding.ts";
import type { AllocationProblem, AllocationResult } from "./types.ts";
import { type NormProblem, anyStockForNeeds, normalise } from "./validate.ts";
import { progressiveFill } from "./waterfill.ts";

export function planAllocation(problem: AllocationProblem): AllocationResult {
  return planNormalised(normalise(problem));
}

export function planNormalised(p: NormProblem): AllocationResult {
  if (!anyStockForNeeds(p)) {
    const units = p.needs.map(() => 0n);
    return assemble(p, figures(p, units), {
      status: "no-stock",
      units,
      binding: [],
      shadow: p.items.map((it) => ({ item: it.code, gainPerUnit: 0 })),
      explanation: explainNoStock(p),
    });
  }
  const fill = progressiveFill(p);
  const units = floorPlan(p, fill.x);
  const handedOut = handOutRemainder(p, fill.x, units);
  assertFeasible(p, units);
  const f = figures(p, units);
  const sens = sensitivity(p, fill);
  return assemble(p, f, {
    status: "optimal",
    units,
    binding: bindingFromFill(p, fill),
    shadow: sens.shadow,
    explanation: explainPlan(p, fill, f, sens, units, handedOut),
  });
}
