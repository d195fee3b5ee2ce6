// Items counted in whole units (cranes, blankets, and any item with 0 decimals) as a small
// mixed-integer programme, so rounding never leaves a need at 0 that a better whole-unit
// split would serve (rounding the LP down can: 7 units for 51 and 10 at 9.8% gives 4.9 and
// 0.98). Items with decimals keep their leximin LP quantities; the whole-unit items share
// what stock and fleet capacity is left:
//   stage A:  max t   s.t. u_j / size_j ≥ w_j·t,  Σ u_j ≤ stock_i,  Σ kg_i·u_j ≤ room_kg, …
//   stage B:  t ≥ t*, max Σ w_j·u_j / size_j  (priority-weighted coverage; a tiny input-order
//             tie-break keeps the answer deterministic)
// The LP's values rounded down are feasible here, so the MIP never does worse than rounding.
// Above MIP_MAX_NEEDS integer needs the MIP is skipped and the LP values are rounded down,
// then freed units handed out one at a time (see rounding.ts): documented, fast, near-optimal.
import type { Highs } from "highs";
import { cscOf, runModel } from "./highs.ts";
import { SolverError, servable } from "./lexmaxmin.ts";
import type { NormProblem } from "./validate.ts";

export const MIP_MAX_NEEDS = 200;

/** Whole quantities for the whole-unit items' needs, written into `x`; false if skipped (none, or too many). */
export function solveWholeUnits(h: Highs, p: NormProblem, x: Float64Array, deadline: number): boolean {
  const ints = p.needs.flatMap((nd, j) => (p.items[nd.item]!.decimals === 0 && servable(p, j) ? [j] : []));
  if (ints.length === 0 || ints.length > MIP_MAX_NEEDS) return false;
  const isInt = new Set(ints);
  let kgRoom = p.capKgF;
  let m3Room = p.capM3F;
  p.needs.forEach((nd, j) => {
    if (isInt.has(j)) return;
    kgRoom -= x[j]! * p.items[nd.item]!.kgF;
    m3Room -= x[j]! * p.items[nd.item]!.m3F;
  });
  const items = [...new Set(ints.map((j) => p.needs[j]!.item))];
  const rowOf = new Map(items.map((i, r) => [i, r]));
  const fleets = [
    { room: kgRoom, per: (i: number) => p.items[i]!.kgF },
    { room: m3Room, per: (i: number) => p.items[i]!.m3F },
  ].filter((f) => Number.isFinite(f.room) && ints.some((j) => f.per(p.needs[j]!.item) > 0));
  const capRows = items.length + fleets.length;
  const nRows = capRows + ints.length + 1;
  const columns = ints.map((j, k) => {
    const nd = p.needs[j]!;
    const col: [number, number][] = [[rowOf.get(nd.item)!, 1]];
    fleets.forEach((f, r) => col.push([items.length + r, f.per(nd.item)]));
    col.push([capRows + k, 1 / nd.size]);
    return col;
  });
  columns.push([...ints.map((j, k) => [capRows + k, -p.needs[j]!.w] as [number, number]), [nRows - 1, 1]]);
  const inf = h.infinity;
  const base = (tLower: number, cost: number[]) => ({
    numCols: columns.length,
    numRows: nRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: columns.map(() => 0),
    colUpper: [...ints.map((j) => Number(p.needs[j]!.needUnits)), 1],
    rowLower: [...new Array<number>(capRows).fill(-inf), ...ints.map(() => 0), tLower],
    rowUpper: [...items.map((i) => Number(p.items[i]!.stockUnits)), ...fleets.map((f) => Math.max(0, f.room * (1 - 1e-9))), ...ints.map(() => inf), inf],
    matrix: cscOf(nRows, columns),
    integrality: [...ints.map(() => 1 as const), 0 as const],
  });
  const left = () => (deadline - Date.now()) / 1000;
  // HiGHS's MIP (WebAssembly build) has been seen to fail with an internal error on small,
  // well-formed models (a test keeps one). Then the whole-unit items take the rounded LP
  // values, as above MIP_MAX_NEEDS: always feasible, never worse than rounding.
  const mip = (tLower: number, cost: number[]) => {
    try {
      return runModel(h, base(tLower, cost), left(), true);
    } catch (error) {
      if ((error as { name?: string }).name === "HighsError") return undefined;
      throw error;
    }
  };
  const a = mip(0, [...ints.map(() => 0), 1]);
  if (!a) return false;
  if (!a.optimal) throw new SolverError(a.status, `HiGHS could not place the whole-unit items: ${a.status}`);
  const n = ints.length;
  const cost = [...ints.map((j, k) => p.needs[j]!.w / p.needs[j]!.size + (1e-7 * (n - k)) / n), 0];
  const b = mip(Math.max(0, a.objective - 1e-9), cost);
  if (!b) return false;
  if (!b.optimal) throw new SolverError(b.status, `HiGHS could not place the whole-unit items: ${b.status}`);
  ints.forEach((j, k) => (x[j] = Math.max(0, Math.round(b.colValue[k]!))));
  return true;
}
