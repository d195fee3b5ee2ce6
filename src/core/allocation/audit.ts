// Independent certificate of a plan with HiGHS (WebAssembly LP solver). The planner
// computes the leximin allocation by ratio tests (see waterfill.ts); this module re-solves
// the textbook LPs on the full per-need model so the two can be compared:
//   stage 1:  max t  s.t. y_j ≥ w_j·t,  Σ_j size_j·y_j ≤ stock_i (per item),  fleet rows,  0 ≤ y ≤ 1
//   Pareto:   max Σ y_j  s.t. y_j ≥ planned coverage_j, same rows  (gain ≈ 0: nobody can be
//             raised without lowering someone, up to what rounding down leaves)
// Rows are scaled to right-hand side 1 (coverage fractions), so coefficients are size/stock.
// Cost grows quickly with the number of needs (the t column is dense): meant for tests and
// for spot checks of instances up to a few thousand needs, not for the hot path.
import highsDefault, { type Highs } from "highs";
import type { AllocationProblem, AllocationResult } from "./types.ts";
import { type NormProblem, normalise } from "./validate.ts";

export interface AllocationAudit {
  /** HiGHS model status text of the stage-1 LP ("Optimal", "Time limit reached", …). */
  status: string;
  /** Optimal t of the stage-1 LP: the best possible fairShare before rounding. */
  stage1Level: number;
  /** How much total coverage an LP could still add on top of the plan without lowering anyone. */
  paretoGain: number;
  /**
   * An upper bound on the coverage that what the plan leaves unused could buy (stock not handed
   * out, truck room stranded by rounding down), item by item, best use first. Rounding a heavy
   * item down by one millionth can strand room a far lighter item turns into visible coverage,
   * so `paretoGain` above this bound (plus LP round-off) would mean the plan wasted a share.
   */
  leftoverGain: number;
}

/** Σ over items of the most coverage that item could add from the leftovers alone (fractional knapsack by smallest request first). */
function leftoverBound(p: NormProblem, planned: number[], quantities: number[]): number {
  const used = p.items.map(() => 0);
  let kg = 0;
  let m3 = 0;
  p.needs.forEach((nd, j) => {
    used[nd.item]! += quantities[j]!;
    kg += quantities[j]! * p.items[nd.item]!.kgF;
    m3 += quantities[j]! * p.items[nd.item]!.m3F;
  });
  const roomKg = Math.max(0, p.capKgF - kg);
  const roomM3 = Math.max(0, p.capM3F - m3);
  let bound = 0;
  p.items.forEach((it, i) => {
    let units = Math.max(0, it.stockF - used[i]!);
    if (it.kgF > 0) units = Math.min(units, roomKg / it.kgF);
    if (it.m3F > 0) units = Math.min(units, roomM3 / it.m3F);
    const open = p.needs
      .map((nd, j) => ({ nd, j }))
      .filter(({ nd, j }) => nd.item === i && planned[j]! < 1)
      .sort((a, b) => a.nd.size - b.nd.size);
    for (const { nd, j } of open) {
      const take = Math.min(units, (1 - planned[j]!) * nd.size);
      bound += take / nd.size;
      units -= take;
      if (units <= 0) break;
    }
  });
  return bound;
}

// The package's typings are CommonJS-flavoured, so under NodeNext TypeScript types the default
// import as the module object; at run time the ESM build's default export is the loader itself.
const loader: unknown = highsDefault;
const loadHighs = (
  typeof loader === "function" ? loader : (loader as { default: unknown }).default
) as () => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;
const highs = () => (highsPromise ??= loadHighs());

const STATUS: Record<number, string> = { 7: "Optimal", 8: "Infeasible", 13: "Time limit reached" };

function solveLp(
  h: Highs,
  p: NormProblem,
  lower: number[],
  withFloors: boolean,
  timeLimit: number,
): { status: string; objective: number } {
  const J = p.needs.length;
  const I = p.items.length;
  const rowsBefore = withFloors ? J : 0;
  const kgRow = rowsBefore + I;
  const m3Row = kgRow + 1;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const upper: number[] = [];
  p.needs.forEach((nd, j) => {
    const it = p.items[nd.item]!;
    let ub = 1;
    if (withFloors) {
      indices.push(j);
      values.push(1);
    }
    if (it.stockF > 0) {
      indices.push(rowsBefore + nd.item);
      values.push(nd.size / it.stockF);
    } else ub = 0;
    for (const [row, cap, per] of [
      [kgRow, p.capKgF, it.kgF],
      [m3Row, p.capM3F, it.m3F],
    ] as const) {
      if (!Number.isFinite(cap) || per === 0) continue;
      if (cap > 0) {
        indices.push(row);
        values.push((nd.size * per) / cap);
      } else ub = 0;
    }
    upper.push(Math.max(ub, Math.min(1, lower[j]!)));
    starts.push(indices.length);
  });
  if (withFloors) {
    p.needs.forEach((nd, j) => (indices.push(j), values.push(-nd.w)));
    starts.push(indices.length);
  }
  const numCols = J + (withFloors ? 1 : 0);
  const numRows = rowsBefore + I + 2;
  const inf = h.infinity;
  const model = h.createModel({
    numCols,
    numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: withFloors ? [...new Array<number>(J).fill(0), 1] : new Array<number>(J).fill(1),
    colLower: withFloors ? [...lower, 0] : lower,
    colUpper: withFloors ? [...upper, 1] : upper,
    rowLower: [...new Array<number>(rowsBefore).fill(0), ...new Array<number>(I + 2).fill(-inf)],
    rowUpper: [...new Array<number>(rowsBefore).fill(inf), ...new Array<number>(I + 2).fill(1)],
    matrix: { format: "csc", numRows, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, solver: "ipm", time_limit: timeLimit });
    const { modelStatus } = model.run();
    return { status: STATUS[modelStatus] ?? `status ${modelStatus}`, objective: model.getObjectiveValue() };
  } finally {
    model.dispose();
  }
}

/** Re-solve stage 1 and a Pareto check with HiGHS for `result`, a plan of `problem`. */
export async function auditAllocation(
  problem: AllocationProblem,
  result: AllocationResult,
  options: { timeLimitSeconds?: number } = {},
): Promise<AllocationAudit> {
  const h = await highs();
  const p = normalise(problem);
  const limit = options.timeLimitSeconds ?? 60;
  const stage1 = solveLp(h, p, new Array<number>(p.needs.length).fill(0), true, limit);
  const planned = result.allocations.map((a) => a.coverage);
  const pareto = solveLp(h, p, planned, false, limit);
  const plannedTotal = planned.reduce((s, c) => s + c, 0);
  const quantities = result.allocations.map((a) => Number(a.quantity));
  return {
    status: stage1.status,
    stage1Level: stage1.objective,
    paretoGain: pareto.objective - plannedTotal,
    leftoverGain: leftoverBound(p, planned, quantities),
  };
}
