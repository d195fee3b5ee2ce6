// The continuous plan, solved by HiGHS: lexicographic max-min (progressive filling by LP).
// Variables are coverage fractions y ∈ [0, 1] (rows scaled to right-hand side 1).
//   round k:  max t  s.t. y_g ≥ w_g·t (free columns),  Σ_g size_g·y_g ≤ stock_i,  fleet rows,
//             columns fixed in earlier rounds held at their level.
//   A free column whose row y_g ≥ w_g·t has a non-zero dual is at w_g·t* in EVERY optimal
//   solution (complementary slackness), so it is fixed there; the others go on to the next
//   round. At least one dual is non-zero whenever t is bounded, so every round fixes a column.
//   Every column of a binding row is fixed in the same round, so the rounds number at most the
//   distinct levels (about one per item, plus one per full fleet), not one per need.
//   After `maxRounds` the rest is settled by one "stage 2" LP: y_g ≥ w_g·t*, max Σ needs·y_g.
//
// Columns are GROUPS of needs, not single needs: all needs of one item with the same priority
// weight w share one column y_g, with size_g = Σ of their requests. This is exact. Two needs
// j, k of one item and one w are interchangeable in every row (same item, so the same stock
// row and the same kg and m³ per unit): replacing y_j and y_k by their size-weighted mean
// uses exactly the same stock and truck room, and the mean is ≥ the smaller of the two, so
// the leximin vector can only improve. The leximin plan is unique, hence y_j = y_k in it, and
// the grouped LPs find the very plan the per-need LPs find (checked by a property test with
// `grouped: false`). 150,000 needs of 50 items with 3 priorities become 150 columns.
//
// The first round's duals price the constraints: d t* / d stock_i = dual_i / stock_i.
import type { Highs } from "highs";
import type { Deadline } from "./deadline.ts";
import { MODEL_STATUS, cscOf } from "./highs.ts";
import type { NormProblem } from "./validate.ts";

export type RowKind = { kind: "stock"; item: number } | { kind: "weight" } | { kind: "volume" };

export interface LexRound {
  level: number;
  /** Needs fixed in this round. */
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
  /** LP columns: groups of needs of one item and one priority (one per need when not grouped). */
  columns: number;
}

export class SolverError extends Error {
  constructor(
    readonly status: string,
    message: string,
  ) {
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

/** One LP column: needs of one item with one priority weight, covered alike. */
interface Group {
  item: number;
  w: number;
  size: number;
  needs: number[];
}

/** Servable needs grouped by (item, w), in first-seen order; or one group per need. */
export function groupNeeds(p: NormProblem, grouped: boolean): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  p.needs.forEach((nd, j) => {
    if (!servable(p, j)) return;
    const key = `${nd.item}:${nd.w}`;
    const g = grouped ? byKey.get(key) : undefined;
    if (g) {
      g.size += nd.size;
      g.needs.push(j);
      return;
    }
    const fresh = { item: nd.item, w: nd.w, size: nd.size, needs: [j] };
    groups.push(fresh);
    if (grouped) byKey.set(key, fresh);
  });
  return groups;
}

export interface LexOptions {
  maxRounds?: number;
  /** false: one column per need (the textbook model; slow, kept to check the grouping). */
  grouped?: boolean;
}

export function lexMaxMin(h: Highs, p: NormProblem, deadline: Deadline, options: LexOptions = {}): LexResult {
  const maxRounds = options.maxRounds ?? Infinity;
  const groups = groupNeeds(p, options.grouped ?? true);
  const G = groups.length;
  const result: LexResult = {
    y: new Float64Array(p.needs.length),
    rounds: [],
    stockGain: p.items.map(() => 0),
    kgGain: 0,
    m3Gain: 0,
    solves: 0,
    stage2: false,
    columns: G,
  };
  if (G === 0) return result;
  const yg = new Float64Array(G);
  const fixed = new Uint8Array(G);
  const { data, capRows, rowGroups } = buildModel(h, p, groups);
  const needRow = capRows.length;
  const inf = h.infinity;
  const model = h.createModel(data);
  try {
    model.options.set({ output_flag: false, solver: "simplex" });
    let lastLevel = 0;
    while (fixed.some((f) => f === 0)) {
      const stage2 = result.rounds.length >= maxRounds;
      const free = [...fixed.keys()].filter((g) => fixed[g] === 0);
      if (stage2) {
        // Keep every free group at or above the last level; maximise the sum of need coverages.
        model.changeColCost(G, 0);
        model.changeColsCost(
          set(free),
          free.map((g) => groups[g]!.needs.length),
        );
        model.changeColsBounds(
          set(free),
          free.map((g) => clamp(groups[g]!.w * lastLevel * (1 - 1e-9))),
          free.map(() => 1),
        );
        model.changeRowsBounds(
          set(free.map((g) => needRow + g)),
          free.map(() => -inf),
          free.map(() => inf),
        );
      }
      const left = deadline.secondsLeft();
      if (left <= 0) throw new SolverError("Time limit reached", "HiGHS did not finish the plan within the time limit");
      model.options.set({ time_limit: left });
      const { modelStatus } = model.run();
      result.solves++;
      if (modelStatus !== OPTIMAL) {
        const status = MODEL_STATUS[modelStatus] ?? `status ${modelStatus}`;
        throw new SolverError(status, `HiGHS could not solve round ${result.rounds.length + 1} of the plan: ${status}`);
      }
      const s = model.getSolution();
      // Only rows that still hold a free group can stop this round (a row of fixed groups may carry any dual).
      const binding = capRows.filter((_, r) => rowGroups[r]!.some((g) => !fixed[g]) && Math.abs(s.rowDual[r]!) > TOL);
      if (result.rounds.length === 0) priceRound(p, s.rowDual, capRows, result);
      const needsOf = (gs: number[]) => gs.reduce((n, g) => n + groups[g]!.needs.length, 0);
      if (stage2) {
        for (const g of free) yg[g] = clamp(s.colValue[g]!);
        result.rounds.push({ level: lastLevel, fixed: needsOf(free), binding });
        result.stage2 = true;
        break;
      }
      const level = model.getObjectiveValue();
      let blocked = free.filter((g) => Math.abs(s.rowDual[needRow + g]!) > TOL || groups[g]!.w * level >= 1 - TOL);
      if (blocked.length === 0) blocked = free.filter((g) => s.colValue[g]! <= groups[g]!.w * level + 1e-7);
      if (blocked.length === 0) blocked = free;
      // Fix the blocked groups at their level and release their rows; the basis carries over (warm start).
      const values = blocked.map((g) => clamp(groups[g]!.w * level));
      blocked.forEach((g, k) => ((yg[g] = values[k]!), (fixed[g] = 1)));
      model.changeColsBounds(set(blocked), values, values);
      model.changeRowsBounds(
        set(blocked.map((g) => needRow + g)),
        blocked.map(() => -inf),
        blocked.map(() => inf),
      );
      result.rounds.push({ level, fixed: needsOf(blocked), binding });
      lastLevel = level;
    }
  } finally {
    model.dispose();
  }
  groups.forEach((g, k) => g.needs.forEach((j) => (result.y[j] = yg[k]!)));
  return result;
}

const OPTIMAL = 7;
const set = (indices: number[]) => ({ kind: "set" as const, indices });
const clamp = (v: number) => Math.min(1, Math.max(0, v));

function priceRound(p: NormProblem, dual: Float64Array, capRows: RowKind[], out: LexResult) {
  capRows.forEach((row, r) => {
    const d = Math.abs(dual[r]!);
    if (row.kind === "stock") out.stockGain[row.item] = d / p.items[row.item]!.stockF;
    else if (row.kind === "weight") out.kgGain = d / p.capKgF;
    else out.m3Gain = d / p.capM3F;
  });
}

/**
 * The round-1 LP, kept in one HiGHS model for all rounds. Columns: y_g per group, then t.
 * Rows: capacity rows (stock per item, then the fleet by weight and by volume), then
 * y_g − w_g·t ≥ 0 per group. Later rounds only change bounds.
 */
function buildModel(h: Highs, p: NormProblem, groups: Group[]) {
  const capRows: RowKind[] = [];
  const itemRow = new Map<number, number>();
  for (const g of groups) {
    if (!itemRow.has(g.item)) itemRow.set(g.item, capRows.push({ kind: "stock", item: g.item }) - 1);
  }
  const fleets = [
    { kind: "weight" as const, cap: p.capKgF, per: (i: number) => p.items[i]!.kgF },
    { kind: "volume" as const, cap: p.capM3F, per: (i: number) => p.items[i]!.m3F },
  ].filter((f) => Number.isFinite(f.cap) && groups.some((g) => f.per(g.item) > 0));
  const fleetRow = fleets.map((f) => capRows.push({ kind: f.kind }) - 1);
  const rowGroups: number[][] = capRows.map(() => []);
  const G = groups.length;
  const nRows = capRows.length + G;
  const columns = groups.map((gr, g) => {
    const col: [number, number][] = [[itemRow.get(gr.item)!, gr.size / p.items[gr.item]!.stockF]];
    rowGroups[itemRow.get(gr.item)!]!.push(g);
    fleets.forEach((f, r) => {
      const a = (gr.size * f.per(gr.item)) / f.cap;
      if (a > 0) {
        col.push([fleetRow[r]!, a]);
        rowGroups[fleetRow[r]!]!.push(g);
      }
    });
    col.push([capRows.length + g, 1]);
    return col;
  });
  columns.push(groups.map((gr, g) => [capRows.length + g, -gr.w] as [number, number]));
  const inf = h.infinity;
  const data = {
    numCols: G + 1,
    numRows: nRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: [...groups.map(() => 0), 1],
    colLower: new Array<number>(G + 1).fill(0),
    colUpper: [...groups.map(() => 1), groups.reduce((m, g) => Math.max(m, 1 / g.w), 0)],
    rowLower: [...capRows.map(() => -inf), ...groups.map(() => 0)],
    rowUpper: [...capRows.map(() => 1), ...groups.map(() => inf)],
    matrix: cscOf(nRows, columns),
  };
  return { data, capRows, rowGroups };
}
