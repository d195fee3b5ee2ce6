// THE MODEL — fair allocation as lexicographic max-min ("progressive filling").
//
// Unit of fairness: one need (neighbourhood n, item i). Its coverage is
//   y = x / need            (0..1; x ≤ need, we never hand out more than asked)
// and its priority factor is w = priority / top priority (0 < w ≤ 1). The planner
// maximises the priority-weighted coverage y / w of the worst-off need, then of the next
// worst-off, and so on (leximin):
//   stage 1: maximise t  s.t.  y[n,i] ≥ w[n,i]·t for every need,
//                              Σ_n x[n,i] ≤ stock_i,  Σ x·kg ≤ trucks·trips·capKg,  Σ x·m³ ≤ …
//            t* is `fairShare`: a top-priority need gets at least t* of what it asked for,
//            a need with half the top priority at least t*/2. Higher priority is served first,
//            monotonically; no need is ever asked to exceed 100% (t* ≤ 1 because w ≤ 1).
//   stage 2: keep every need at or above its stage-1 floor and raise all needs that are not
//            blocked by the constraint that fixed t*, by the same rule, until each is either
//            fully served or blocked by an exhausted stock or a full truck fleet.
// Why not "maximise the minimum neighbourhood average, then maximise Σ coverage" (two LPs)?
// Items are not substitutes: an average lets soap make up for water. We built that model in
// HiGHS (300 neighbourhoods × 20 items, 60% dense): the minimum average coverage was 70%, yet
// 920 of 3,588 needs got nothing and 2,355 got everything — an LP vertex is all-or-nothing
// wherever the objective is indifferent, and a linear "Σ coverage" stage 2 is indifferent or
// favours small requests. Leximin is the standard fair-share rule (a uniform ration cut, with
// what fully-served needs do not use flowing to the others); it is unique and Pareto-efficient
// here (every need is full or blocked), so it also leaves no coverage on the table.
// Neighbourhood coverage (reported) is the plain mean of its needs' coverages.
//
// Solving: with stock rows per item and at most two fleet rows, each leximin stage is an LP in
// one variable t — a ratio test. Needs of one item saturate at y = 1 when t reaches 1/w, so an
// item's usage S_i(T) = Σ need·min(1, w·T) is piecewise linear; we sort the breakpoints once and
// move the level between "events" (an item runs out or is fully served, a fleet row fills),
// exactly as the textbook sequence of max-min LPs would, in O(J log J) for J needs.
// `audit.ts` re-solves stage 1 and a Pareto check with HiGHS to certify the result.
// Floats are used here only; `rounding.ts` turns them into exact, rounded-down quantities.
import type { NormProblem } from "./validate.ts";

/** One item's usage curve S(T) over its needs, sorted by saturation level b = 1/w. */
export interface ItemCurve {
  needs: number[];
  b: Float64Array;
  /** satA[k] = Σ size of the first k needs (saturated); tailAW[k] = Σ size·w of the rest. */
  satA: Float64Array;
  tailAW: Float64Array;
  total: number;
}

export type FreezeReason = "stock" | "complete" | "weight" | "volume";
export interface FillEvent {
  level: number;
  reason: FreezeReason;
  items: number[];
}

export interface FillResult {
  curves: (ItemCurve | undefined)[];
  /** Final level T per item (NaN if nobody needs it); need coverage = min(1, w·T). */
  level: Float64Array;
  events: FillEvent[];
  /** Continuous allocation per need, in the item's own unit. */
  x: Float64Array;
}

/** Number of needs saturated at level T (b ≤ T). */
export function saturatedCount(c: ItemCurve, T: number): number {
  let lo = 0;
  let hi = c.b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.b[mid]! <= T) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function usage(c: ItemCurve, T: number): number {
  const k = saturatedCount(c, T);
  return c.satA[k]! + T * c.tailAW[k]!;
}

/** dS/dT just above T: how much stock one more unit of level costs. */
export const slopeAbove = (c: ItemCurve, T: number): number => c.tailAW[saturatedCount(c, T)]!;

function buildCurve(p: NormProblem, needs: number[]): ItemCurve {
  needs.sort((u, v) => p.needs[v]!.w - p.needs[u]!.w || u - v);
  const m = needs.length;
  const b = new Float64Array(m);
  const satA = new Float64Array(m + 1);
  const tailAW = new Float64Array(m + 1);
  needs.forEach((j, k) => {
    const nd = p.needs[j]!;
    b[k] = 1 / nd.w;
    satA[k + 1] = satA[k]! + nd.size;
  });
  for (let k = m - 1; k >= 0; k--) tailAW[k] = tailAW[k + 1]! + p.needs[needs[k]!]!.size * p.needs[needs[k]!]!.w;
  return { needs, b, satA, tailAW, total: satA[m]! };
}

/** Level at which the item's stock runs out, or at which all its needs are full. */
function stockLevel(c: ItemCurve, stock: number): { level: number; complete: boolean } {
  const m = c.b.length;
  if (stock >= c.total) return { level: c.b[m - 1]!, complete: true };
  if (stock <= 0) return { level: 0, complete: false };
  for (let k = 0; k < m; k++) {
    if (c.satA[k]! + c.b[k]! * c.tailAW[k]! >= stock)
      return { level: (stock - c.satA[k]!) / c.tailAW[k]!, complete: false };
  }
  return { level: c.b[m - 1]!, complete: true };
}

/** Smallest T in [lo, hi] with Σ coef_i·S_i(T) = room, or Infinity if it stays below room. */
function fleetLevel(curves: ItemCurve[], coef: number[], room: number, lo: number, hi: number): number {
  let sat = 0;
  let slope = 0;
  let atHi = 0;
  const bps: { b: number; dSat: number; dSlope: number }[] = [];
  curves.forEach((c, r) => {
    const k0 = saturatedCount(c, lo);
    const k1 = saturatedCount(c, hi);
    sat += coef[r]! * c.satA[k0]!;
    slope += coef[r]! * c.tailAW[k0]!;
    atHi += coef[r]! * (c.satA[k1]! + hi * c.tailAW[k1]!);
    for (let k = k0; k < k1; k++) {
      const a = c.satA[k + 1]! - c.satA[k]!;
      bps.push({ b: c.b[k]!, dSat: coef[r]! * a, dSlope: (coef[r]! * a) / c.b[k]! });
    }
  });
  if (atHi <= room) return Infinity;
  if (sat + lo * slope >= room) return lo;
  bps.sort((u, v) => u.b - v.b);
  for (const bp of bps) {
    if (sat + bp.b * slope >= room) break;
    sat += bp.dSat;
    slope -= bp.dSlope;
  }
  return slope > 0 ? (room - sat) / slope : hi;
}

/** Progressive filling: the leximin allocation, continuous (before rounding). */
export function progressiveFill(p: NormProblem): FillResult {
  const byItem: number[][] = p.items.map(() => []);
  p.needs.forEach((nd, j) => byItem[nd.item]!.push(j));
  const curves = byItem.map((needs) => (needs.length ? buildCurve(p, needs) : undefined));
  const level = new Float64Array(p.items.length).fill(NaN);
  const own = curves.map((c, i) => (c ? stockLevel(c, p.items[i]!.stockF) : undefined));
  const active = new Set(curves.flatMap((c, i) => (c ? [i] : [])));
  const fleets = [
    {
      reason: "weight" as const,
      cap: p.capKgF,
      coef: (i: number) => p.items[i]!.kgF,
      used: 0,
      done: !Number.isFinite(p.capKgF),
    },
    {
      reason: "volume" as const,
      cap: p.capM3F,
      coef: (i: number) => p.items[i]!.m3F,
      used: 0,
      done: !Number.isFinite(p.capM3F),
    },
  ];
  const events: FillEvent[] = [];
  const freeze = (i: number, T: number) => {
    level[i] = T;
    active.delete(i);
    const used = usage(curves[i]!, T);
    for (const f of fleets) f.used += f.coef(i) * used;
  };
  let current = 0;
  while (active.size > 0) {
    let next = Infinity;
    for (const i of active) next = Math.min(next, own[i]!.level);
    const hits = fleets.map((f) => {
      const members = [...active].filter((i) => f.coef(i) > 0);
      if (f.done || members.length === 0) return Infinity;
      return fleetLevel(
        members.map((i) => curves[i]!),
        members.map(f.coef),
        f.cap - f.used,
        current,
        next,
      );
    });
    const E = Math.min(next, ...hits);
    const tol = 1e-12 * Math.max(1, E);
    const frozenNow: number[] = [];
    fleets.forEach((f, r) => {
      if (hits[r]! > E + tol) return;
      const members = [...active].filter((i) => f.coef(i) > 0);
      f.done = true;
      events.push({ level: E, reason: f.reason, items: members });
      frozenNow.push(...members);
    });
    for (const reason of ["stock", "complete"] as const) {
      const members = [...active].filter(
        (i) => own[i]!.level <= E + tol && (reason === "complete") === own[i]!.complete,
      );
      if (members.length) events.push({ level: E, reason, items: members });
      frozenNow.push(...members);
    }
    for (const i of new Set(frozenNow)) freeze(i, Math.min(E, own[i]!.level));
    current = E;
  }
  const x = new Float64Array(p.needs.length);
  p.needs.forEach((nd, j) => {
    x[j] = nd.size * Math.min(1, nd.w * level[nd.item]!);
  });
  return { curves, level, events, x };
}
