// Quantities at each item's real precision (cranes and blankets in whole units, lumber in
// tenths of m³) as a small mixed-integer programme, so rounding never leaves a need at 0
// that a better whole-unit split would serve (rounding the LP down can: 7 units for 51 and
// 10 at 9.8% gives 4.9 and 0.98). Each variable counts its item's smallest step (1, or 10^-decimals; goods so fine
// that a need spans over a million steps are continuous, see FINEST_STEPS).
//   stage A:  max t   s.t. u_j·step_j / size_j ≥ w_j·t,  Σ u_j ≤ stock_i,  Σ kg_i·step_j·u_j ≤ room_kg, …
//   stage B:  t ≥ t*, max Σ w_j·u_j·step_j / size_j  (priority-weighted coverage; a tiny
//             input-order tie-break keeps the answer deterministic)
// When every servable need fits (at most MIP_MAX_NEEDS), the needs of items with decimals
// are variables too ("all"): whole units and the finer goods then share the trucks at their
// real precision, so the minimum is the best any plan at that precision reaches, never below
// a rounded proportional split (rounding the fine goods' LP values first can strand the last
// crate: 0.3625 m³ left for crates of 0.369). In stage B the fine goods are held to at most
// one step above their leximin LP share, which keeps the LP's fair shape among them; the
// stage-A plan clipped to those bounds is feasible there, so stage B can always be met.
// Otherwise ("whole") the fine goods keep their LP quantities and the whole-unit items share
// what stock and fleet room is left; the LP's values rounded down are feasible there, so the
// MIP never does worse than rounding.
// Above MIP_MAX_NEEDS integer needs the MIP is skipped and the LP values are rounded down,
// then freed units handed out one at a time (see rounding.ts): documented, fast, near-optimal.
import type { Highs } from "highs";
import type { Deadline } from "./deadline.ts";
import { cscOf, runModel } from "./highs.ts";
import { SolverError, servable } from "./lexmaxmin.ts";
import type { NormProblem } from "./validate.ts";

export const MIP_MAX_NEEDS = 200;
/** Most steps of its item one need may span and still be an integer variable. */
const FINEST_STEPS = 1e6;

/** How the MIP ran: over every servable need, over the whole-unit needs only, or not at all (none, or too many). */
export type WholeUnitsMip = "all" | "whole" | false;

/** Quantities at each item's precision for the needs the MIP covers, written into `x`. */
export function solveWholeUnits(h: Highs, p: NormProblem, x: Float64Array, deadline: Deadline): WholeUnitsMip {
  const served = p.needs.flatMap((_, j) => (servable(p, j) ? [j] : []));
  const whole = served.filter((j) => p.items[p.needs[j]!.item]!.decimals === 0);
  const mode: WholeUnitsMip =
    served.length <= MIP_MAX_NEEDS ? "all" : whole.length > 0 && whole.length <= MIP_MAX_NEEDS ? "whole" : false;
  if (!mode) return false;
  const ints = mode === "all" ? served : whole;
  const isInt = new Set(ints);
  // A variable counts its item's step when that keeps coverage rows within HiGHS's numeric
  // range (a need of at most FINEST_STEPS steps); finer goods are continuous, in their own
  // unit, and lose less than a millionth of their coverage to the final rounding down.
  const steps = p.items.map((it) => 10 ** -it.decimals);
  const integral = p.items.map(
    (it, i) =>
      it.decimals === 0 ||
      ints.every((j) => p.needs[j]!.item !== i || (p.needs[j]!.w * p.needs[j]!.size) / steps[i]! <= FINEST_STEPS),
  );
  const step = (j: number) => (integral[p.needs[j]!.item] ? steps[p.needs[j]!.item]! : 1);
  if (!ints.some((j) => integral[p.needs[j]!.item])) return false; // all continuous: the LP's plan already is the answer
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
  // Coverage rows in the variables' own steps (u_j ≥ w_j·size_j/step_j · t), so HiGHS's
  // absolute tolerances mean a fraction of a step, not whole steps of a fine item.
  const level = (j: number) => (p.needs[j]!.w * p.needs[j]!.size) / step(j);
  const columns = ints.map((j, k) => {
    const nd = p.needs[j]!;
    const col: [number, number][] = [[rowOf.get(nd.item)!, 1]];
    fleets.forEach((f, r) => col.push([items.length + r, f.per(nd.item) * step(j)]));
    col.push([capRows + k, 1]);
    return col;
  });
  columns.push([...ints.map((j, k) => [capRows + k, -level(j)] as [number, number]), [nRows - 1, 1]]);
  const inf = h.infinity;
  // Stage B holds the fine goods to one step above their LP share (see the top of the file).
  // Never below the level stage B demands, so LP round-off cannot make stage B infeasible.
  const upper = (j: number) => (integral[p.needs[j]!.item] ? Number(p.needs[j]!.needUnits) : p.needs[j]!.size);
  const lpCap = (tLower: number) => (j: number) => {
    const nd = p.needs[j]!;
    if (p.items[nd.item]!.decimals === 0) return upper(j);
    const share = integral[nd.item] ? Math.ceil(x[j]! / step(j) - 1e-9) : x[j]! * (1 + 1e-9);
    return Math.min(upper(j), Math.max(share, integral[nd.item] ? Math.ceil(level(j) * tLower) : level(j) * tLower));
  };
  const base = (tLower: number, cost: number[], colUpper: (j: number) => number) => ({
    numCols: columns.length,
    numRows: nRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: columns.map(() => 0),
    colUpper: [...ints.map(colUpper), 1],
    rowLower: [...new Array<number>(capRows).fill(-inf), ...ints.map(() => 0), tLower],
    rowUpper: [
      ...items.map((i) => (integral[i] ? Number(p.items[i]!.stockUnits) : p.items[i]!.stockF)),
      ...fleets.map((f) => Math.max(0, f.room * (1 - 1e-9))),
      ...ints.map(() => inf),
      inf,
    ],
    matrix: cscOf(nRows, columns),
    integrality: [...ints.map((j) => (integral[p.needs[j]!.item] ? (1 as const) : (0 as const))), 0 as const],
  });
  const left = () => deadline.secondsLeft();
  // HiGHS's MIP (WebAssembly build) has been seen to fail with an internal error on small,
  // well-formed models (a test keeps one). Then the whole-unit items take the rounded LP
  // values, as above MIP_MAX_NEEDS: always feasible, never worse than rounding.
  // Its presolve has also been seen to call stage A infeasible, though all zeros satisfy it (a fleet
  // row of 0.000043 m³ per step against 1.999999998 m³; a test keeps it). Both stages are feasible
  // by construction, so an "Infeasible" is the solver's, and the model is solved again without presolve.
  const mip = (tLower: number, cost: number[], colUpper: (j: number) => number) => {
    try {
      const model = base(tLower, cost, colUpper);
      const first = runModel(h, model, left(), true);
      return first.status.startsWith("Infeasible") ? runModel(h, model, left(), true, false) : first;
    } catch (error) {
      if ((error as { name?: string }).name === "HighsError") return undefined;
      throw error;
    }
  };
  const a = mip(0, [...ints.map(() => 0), 1], upper);
  if (!a) return false;
  if (!a.optimal) throw new SolverError(a.status, `HiGHS could not place the whole-unit items: ${a.status}`);
  const n = ints.length;
  const cost = [...ints.map((j, k) => (p.needs[j]!.w * step(j)) / p.needs[j]!.size + (1e-7 * (n - k)) / n), 0];
  const tLower = Math.max(0, a.objective * (1 - 1e-9) - 1e-12);
  const b = mip(tLower, cost, lpCap(tLower));
  // Stage B only spends what stage A left; if HiGHS cannot finish it, stage A's plan stands.
  const best = b?.optimal ? b : a;
  ints.forEach(
    (j, k) =>
      (x[j] = integral[p.needs[j]!.item]
        ? Math.max(0, Math.round(best.colValue[k]!)) * step(j)
        : Math.max(0, best.colValue[k]!)),
  );
  return mode;
}
