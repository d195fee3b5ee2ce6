// The planner of record: every quantity comes from HiGHS solves. Lexicographic max-min
// coverage by LP rounds (lexmaxmin.ts), whole-unit items by a MIP when small
// (whole-units.ts), then exact rounding down to each item's precision, a hand-out of what
// rounding freed, and an exact feasibility check. The direct progressive filling
// (waterfill.ts, `planAllocation`) computes the same leximin plan without a solver and
// is kept as the cross-check in tests.
import { type Clock, deadlineAfter } from "./deadline.ts";
import { highs } from "./highs.ts";
import { type LexResult, SolverError, lexMaxMin, servable } from "./lexmaxmin.ts";
import { explainLp } from "./explain-lp.ts";
import { planNormalised } from "./planner.ts";
import { assemble, figures, FLEET_LABEL } from "./report.ts";
import { assertFeasible, floorPlan, handOutRemainder } from "./rounding.ts";
import type { AllocationProblem, AllocationResult, BindingConstraint } from "./types.ts";
import { anyStockForNeeds, normalise, type NormProblem } from "./validate.ts";
import { solveWholeUnits } from "./whole-units.ts";

export interface HighsPlanOptions {
  /** The clock the time limit is measured by (the shell's `Date.now`; a fake one in tests): the core reads none. */
  clock: Clock;
  /** Default 60. The search stops with a SolverError ("Time limit reached") once the clock passes it. */
  timeLimitSeconds?: number;
  /** Lexicographic rounds before the rest is settled by one stage-2 LP. Default: all of them (at most one per LP column). */
  maxRounds?: number;
  /** false: one LP column per need instead of per (item, priority) group. Same plan, far slower; for tests. */
  grouped?: boolean;
}

export interface HighsPlanResult extends AllocationResult {
  solver: { solves: number; rounds: number; stage2: boolean; mip: boolean; columns: number };
}

export async function planWithHighs(problem: AllocationProblem, options: HighsPlanOptions): Promise<HighsPlanResult> {
  const p = normalise(problem);
  if (!anyStockForNeeds(p))
    return { ...planNormalised(p), solver: { solves: 0, rounds: 0, stage2: false, mip: false, columns: 0 } };
  const h = await highs();
  const deadline = deadlineAfter(options.timeLimitSeconds ?? 60, options.clock);
  const lex = lexMaxMin(h, p, deadline, {
    ...(options.maxRounds !== undefined && { maxRounds: options.maxRounds }),
    grouped: options.grouped ?? true,
  });
  const x = new Float64Array(p.needs.length);
  p.needs.forEach((nd, j) => (x[j] = nd.size * lex.y[j]!));
  const mip = solveWholeUnits(h, p, x, deadline);
  const units = floorPlan(p, x);
  const handedOut = handOutRemainder(p, x, units);
  assertFeasible(p, units);
  const f = figures(p, units);
  const shadow = p.items
    .map((it, i) => ({ item: it.code, gainPerUnit: lex.stockGain[i]! }))
    .sort((a, b) => b.gainPerUnit - a.gainPerUnit);
  const binding = bindingOf(p, lex);
  return {
    ...assemble(p, f, {
      status: "optimal",
      units,
      binding,
      shadow,
      explanation: explainLp(p, f, { lex, binding, shadow, mip, handedOut, unserved: unservedItems(p) }),
    }),
    solver: {
      solves: lex.solves + (mip ? 2 : 0),
      rounds: lex.rounds.length,
      stage2: lex.stage2,
      mip: mip !== false,
      columns: lex.columns,
    },
  };
}

/** Capacity rows that stopped a round, in the order the rounds met them (lowest level first). */
function bindingOf(p: NormProblem, lex: LexResult): BindingConstraint[] {
  const out: BindingConstraint[] = [];
  const seen = new Set<string>();
  for (const code of unservedItems(p)) {
    const it = p.items.find((i) => i.code === code)!;
    const c: BindingConstraint =
      it.stockUnits === 0n
        ? { constraint: `stock of ${code}`, kind: "stock", item: code }
        : it.kgF > 0 && p.capKgF <= 0
          ? { constraint: FLEET_LABEL.weight, kind: "weight" }
          : { constraint: FLEET_LABEL.volume, kind: "volume" };
    if (!seen.has(c.constraint)) {
      seen.add(c.constraint);
      out.push(c);
    }
  }
  for (const round of lex.rounds) {
    for (const row of round.binding) {
      const c: BindingConstraint =
        row.kind === "stock"
          ? { constraint: `stock of ${p.items[row.item]!.code}`, kind: "stock", item: p.items[row.item]!.code }
          : { constraint: FLEET_LABEL[row.kind], kind: row.kind };
      if (!seen.has(c.constraint)) {
        seen.add(c.constraint);
        out.push(c);
      }
    }
  }
  return out;
}

/** Requested items with nothing to hand out (no stock, or the fleet cannot carry them). */
function unservedItems(p: NormProblem): string[] {
  return [...new Set(p.needs.flatMap((nd, j) => (servable(p, j) ? [] : [p.items[nd.item]!.code])))];
}

export { SolverError };
