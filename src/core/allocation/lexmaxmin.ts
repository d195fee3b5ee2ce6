// The continuous plan, solved by HiGHS: lexicographic max-min (progressive filling by LP).
// Variables are coverage fractions y_j ∈ [0, 1] (rows scaled to right-hand side 1).
//   round k:  max t  s.t. y_j ≥ w_j·t (free needs),  Σ_j size_j·y_j ≤ stock_i,  fleet rows,
//             needs fixed in earlier rounds held at their level.
//   A free need whose row y_j ≥ w_j·t has a non-zero dual is at w_j·t* in EVERY optimal
//   solution (complementary slackness), so it is fixed there; the others go on to the next
//   round. At least one dual is non-zero whenever t is bounded, so every round fixes a need.
//   After `maxRounds` the rest is settled by one "stage 2" LP: y_j ≥ w_j·t*, max Σ y_j.
// The first round's duals price the constraints: d t* / d stock_i = dual_i / stock_i.
import type { Highs } from "highs";
import { cscOf, runModel } from "./highs.ts";
import type { NormProblem } from "./validate.ts";

export type RowKind = { kind: "stock"; item: number } | { kind: "weight" } | { kind: "volume" };

export interface LexRound {
  level: number;
  fixed: number;
  /** Capacity rows with a non-zero dual in this round: the constraints that stopped it. */
  binding: RowKind[];
}

export interface LexResult {
  /** Coverage fraction per need. */
  y: Float64Array;
  rounds: LexRound[];
  /** Round 1: gain in t* per extra unit of each item's stock, per kg and per m³ of fleet capacity. */
  stockGain: number[];
  kgGain: number;
  m3Gain: number;
  solves: number;
  stage2: boolean;
}

export class SolverError extends Error {
  constructor(readonly status: string, message: string) {
    super(message);
    this.name = "SolverError";
  }
}

const TOL = 1e-9;

/** Whether a need can get anything at all: its item is in stock and the fleet can carry it. */
export const servable = (p: NormProblem, j: number): boolean => {
  const it = p.items[p.needs[j]!.item]!;
  return it.stockUnits > 0n && !(it.kgF > 0 && p.capKgF <= 0) && !(it.m3F > 0 && p.capM3F <= 0);
};

export function lexMaxMin(h: Highs, p: NormProblem, deadline: number, maxRounds = 60): LexResult {
  const J = p.needs.length;
  const y = new Float64Array(J);
  const fixed = new Uint8Array(J);
  p.needs.forEach((_, j) => { if (!servable(p, j)) fixed[j] = 1; });
  const rounds: LexRound[] = [];
  const result: LexResult = { y, rounds, stockGain: p.items.map(() => 0), kgGain: 0, m3Gain: 0, solves: 0, stage2: false };
  let lastLevel = 0;
  while (fixed.some((f) => f === 0)) {
    const stage2 = rounds.length >= maxRounds;
    const free = [...fixed.keys()].filter((j) => fixed[j] === 0);
    const { data, capRows } = buildModel(h, p, y, fixed, free, stage2 ? lastLevel : undefined);
    const left = (deadline - Date.now()) / 1000;
    if (left <= 0) throw new SolverError("Time limit reached", "HiGHS did not finish the plan within the time limit");
    const s = runModel(h, data, left);
    result.solves++;
    if (!s.optimal) throw new SolverError(s.status, `HiGHS could not solve round ${rounds.length + 1} of the plan: ${s.status}`);
    const binding = capRows.filter((_, r) => Math.abs(s.rowDual[r]!) > TOL).map((r) => r);
    if (rounds.length === 0) priceRound(p, s.rowDual, capRows, result);
    if (stage2) {
      free.forEach((j, k) => (y[j] = clamp(s.colValue[k]!)));
      rounds.push({ level: lastLevel, fixed: free.length, binding });
      result.stage2 = true;
      break;
    }
    const level = s.objective;
    const needRow = capRows.length;
    let blocked = free.filter((j, k) => Math.abs(s.rowDual[needRow + k]!) > TOL || p.needs[j]!.w * level >= 1 - TOL);
    if (blocked.length === 0) blocked = free.filter((j, k) => s.colValue[k]! <= p.needs[j]!.w * level + 1e-7);
    if (blocked.length === 0) blocked = free;
    for (const j of blocked) {
      y[j] = clamp(p.needs[j]!.w * level);
      fixed[j] = 1;
    }
    rounds.push({ level, fixed: blocked.length, binding });
    lastLevel = level;
  }
  return result;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

function priceRound(p: NormProblem, dual: Float64Array, capRows: RowKind[], out: LexResult) {
  capRows.forEach((row, r) => {
    const d = Math.abs(dual[r]!);
    if (row.kind === "stock") out.stockGain[row.item] = d / p.items[row.item]!.stockF;
    else if (row.kind === "weight") out.kgGain = d / p.capKgF;
    else out.m3Gain = d / p.capM3F;
  });
}

/** One round's LP. Columns: free needs' y_j, then t (omitted in stage 2). Rows: capacity rows, then one per free need. */
function buildModel(h: Highs, p: NormProblem, y: Float64Array, fixed: Uint8Array, free: number[], stage2Level: number | undefined) {
  const capRows: RowKind[] = [];
  const itemRow = new Map<number, number>();
  for (const j of free) {
    const i = p.needs[j]!.item;
    if (!itemRow.has(i)) itemRow.set(i, capRows.push({ kind: "stock", item: i }) - 1);
  }
  const fleets = [
    { kind: "weight" as const, cap: p.capKgF, per: (i: number) => p.items[i]!.kgF },
    { kind: "volume" as const, cap: p.capM3F, per: (i: number) => p.items[i]!.m3F },
  ].filter((f) => Number.isFinite(f.cap) && free.some((j) => f.per(p.needs[j]!.item) > 0));
  const fleetRow = fleets.map((f) => capRows.push({ kind: f.kind }) - 1);
  // What fixed needs already use comes off each row's right-hand side.
  const used = new Float64Array(capRows.length);
  p.needs.forEach((nd, j) => {
    if (!fixed[j] || y[j] === 0) return;
    const r = itemRow.get(nd.item);
    if (r !== undefined) used[r] = used[r]! + (nd.size * y[j]!) / p.items[nd.item]!.stockF;
    fleets.forEach((f, k) => (used[fleetRow[k]!] = used[fleetRow[k]!]! + (nd.size * y[j]! * f.per(nd.item)) / f.cap));
  });
  const stage2 = stage2Level !== undefined;
  const nRows = capRows.length + (stage2 ? 0 : free.length);
  const columns = free.map((j, k) => {
    const nd = p.needs[j]!;
    const col: [number, number][] = [[itemRow.get(nd.item)!, nd.size / p.items[nd.item]!.stockF]];
    fleets.forEach((f, r) => col.push([fleetRow[r]!, (nd.size * f.per(nd.item)) / f.cap]));
    if (!stage2) col.push([capRows.length + k, 1]);
    return col;
  });
  if (!stage2) columns.push(free.map((j, k) => [capRows.length + k, -p.needs[j]!.w] as [number, number]));
  const inf = h.infinity;
  const lower = free.map((j) => (stage2 ? clamp(p.needs[j]!.w * stage2Level * (1 - 1e-9)) : 0));
  const data = {
    numCols: columns.length,
    numRows: nRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: stage2 ? free.map(() => 1) : [...free.map(() => 0), 1],
    colLower: stage2 ? lower : [...lower, 0],
    colUpper: stage2 ? free.map(() => 1) : [...free.map(() => 1), Math.max(...free.map((j) => 1 / p.needs[j]!.w))],
    rowLower: [...capRows.map(() => -inf), ...(stage2 ? [] : free.map(() => 0))],
    rowUpper: [...[...used].map((u) => Math.max(0, 1 - u)), ...(stage2 ? [] : free.map(() => inf))],
    matrix: cscOf(nRows, columns),
  };
  return { data, capRows };
}
