// From a continuous plan (floats) to exact quantities that never exceed stock, need or
// truck capacity. Each need is rounded DOWN to its item's precision (whole units for integer
// items); then the units freed by rounding are handed out one at a time, at most one extra
// unit per need, to the need with the largest priority-weighted deficit (lowest coverage ÷ w;
// ties: largest rounded-off fraction, then higher priority, then input order), while stock,
// need and capacity allow. Finally every constraint is checked in exact decimal arithmetic.
import { type Dec, addDec, cmpDec, decFromInt, mulDec, unitsToDec } from "./decimal.ts";
import type { NormProblem } from "./validate.ts";

const ZERO: Dec = decFromInt(0);
const subDec = (a: Dec, b: Dec): Dec => addDec(a, { m: -b.m, s: b.s });

/** Exact load of a plan on the fleet, in kg and m³. */
export function fleetLoad(p: NormProblem, units: bigint[]): { kg: Dec; m3: Dec } {
  const perItem = p.items.map(() => 0n);
  p.needs.forEach((nd, j) => {
    perItem[nd.item]! += units[j]!;
  });
  let kg = ZERO;
  let m3 = ZERO;
  p.items.forEach((it, i) => {
    const q = unitsToDec(perItem[i]!, it.decimals);
    if (it.kg) kg = addDec(kg, mulDec(q, it.kg));
    if (it.m3) m3 = addDec(m3, mulDec(q, it.m3));
  });
  return { kg, m3 };
}

/** Throws if the plan breaks stock, need or capacity: the planner's guarantee, checked exactly. */
export function assertFeasible(p: NormProblem, units: bigint[]): void {
  const perItem = p.items.map(() => 0n);
  p.needs.forEach((nd, j) => {
    const u = units[j]!;
    if (u < 0n || u > nd.needUnits)
      throw new Error(`internal: need ${j} allocated ${u} units outside [0, ${nd.needUnits}]`);
    perItem[nd.item]! += u;
  });
  p.items.forEach((it, i) => {
    if (perItem[i]! > it.stockUnits) throw new Error(`internal: item ${it.code} over-allocated`);
  });
  const load = fleetLoad(p, units);
  if (p.capKg && cmpDec(load.kg, p.capKg) > 0) throw new Error("internal: truck capacity by weight exceeded");
  if (p.capM3 && cmpDec(load.m3, p.capM3) > 0) throw new Error("internal: truck capacity by volume exceeded");
}

/** Floor each continuous quantity to its item's precision, without exceeding need or stock. */
export function floorPlan(p: NormProblem, x: Float64Array): bigint[] {
  const units = p.needs.map((nd, j) => {
    const scaled = x[j]! * 10 ** p.items[nd.item]!.decimals;
    if (x[j]! >= nd.size * (1 - 1e-12)) return nd.needUnits;
    const u = BigInt(Math.max(0, Math.floor(scaled + Math.max(1e-9, scaled * 1e-13))));
    return u > nd.needUnits ? nd.needUnits : u;
  });
  // Float error can leave an item a few units over stock: take them back from the largest shares.
  const byItem: number[][] = p.items.map(() => []);
  p.needs.forEach((nd, j) => byItem[nd.item]!.push(j));
  byItem.forEach((js, i) => {
    let excess = js.reduce((s, j) => s + units[j]!, 0n) - p.items[i]!.stockUnits;
    if (excess <= 0n) return;
    js.sort((a, b) => (units[b]! > units[a]! ? 1 : units[b]! < units[a]! ? -1 : 0));
    for (const j of js) {
      const cut = excess < units[j]! ? excess : units[j]!;
      units[j] = units[j]! - cut;
      excess -= cut;
      if (excess === 0n) break;
    }
  });
  trimToFleet(p, units);
  return units;
}

/** If float error overfilled the trucks, take the fewest units back from the best-served needs. */
function trimToFleet(p: NormProblem, units: bigint[]): void {
  const fleets = [
    { cap: p.capKg, per: (i: number) => p.items[i]!.kg, load: () => fleetLoad(p, units).kg },
    { cap: p.capM3, per: (i: number) => p.items[i]!.m3, load: () => fleetLoad(p, units).m3 },
  ];
  for (const f of fleets) {
    if (!f.cap) continue;
    let over = subDec(f.load(), f.cap);
    if (over.m <= 0n) continue;
    const order = p.needs.map((_, j) => j).filter((j) => (f.per(p.needs[j]!.item)?.m ?? 0n) > 0n && units[j]! > 0n);
    const key = order.map((j) => coverageKey(p, units, j));
    const rank = order.map((_, r) => r).sort((a, b) => key[b]! - key[a]!);
    for (const j of rank.map((r) => order[r]!)) {
      const it = p.items[p.needs[j]!.item]!;
      const cost = mulDec(unitsToDec(1n, it.decimals), f.per(p.needs[j]!.item)!);
      const [num, den] = [over.m * 10n ** BigInt(cost.s), cost.m * 10n ** BigInt(over.s)];
      const cut = units[j]! < (num + den - 1n) / den ? units[j]! : (num + den - 1n) / den;
      units[j] = units[j]! - cut;
      over = subDec(over, mulDec(decFromInt(cut), cost));
      if (over.m <= 0n) break;
    }
  }
}

const coverageKey = (p: NormProblem, units: bigint[], j: number): number => {
  const nd = p.needs[j]!;
  return Number(units[j]!) / 10 ** p.items[nd.item]!.decimals / nd.size / nd.w;
};

/** Hand out the units freed by rounding down: at most one extra unit per need. */
export function handOutRemainder(p: NormProblem, x: Float64Array, units: bigint[]): number {
  const left = p.items.map((it) => it.stockUnits);
  p.needs.forEach((nd, j) => {
    left[nd.item]! -= units[j]!;
  });
  const load = fleetLoad(p, units);
  let roomKg = p.capKg ? subDec(p.capKg, load.kg) : undefined;
  let roomM3 = p.capM3 ? subDec(p.capM3, load.m3) : undefined;
  const candidates = p.needs
    .map((_, j) => j)
    .filter((j) => units[j]! < p.needs[j]!.needUnits && left[p.needs[j]!.item]! > 0n);
  const cov = candidates.map((j) => coverageKey(p, units, j));
  const frac = candidates.map((j) => x[j]! * 10 ** p.items[p.needs[j]!.item]!.decimals - Number(units[j]!));
  const order = candidates.map((_, r) => r);
  order.sort(
    (a, b) =>
      cov[a]! - cov[b]! || frac[b]! - frac[a]! || p.needs[candidates[b]!]!.w - p.needs[candidates[a]!]!.w || a - b,
  );
  const unitKg = p.items.map((it) => (it.kg ? mulDec(unitsToDec(1n, it.decimals), it.kg) : ZERO));
  const unitM3 = p.items.map((it) => (it.m3 ? mulDec(unitsToDec(1n, it.decimals), it.m3) : ZERO));
  let given = 0;
  for (const r of order) {
    const j = candidates[r]!;
    const i = p.needs[j]!.item;
    if (left[i]! <= 0n) continue;
    const kg = unitKg[i]!;
    const m3 = unitM3[i]!;
    if (roomKg && cmpDec(kg, roomKg) > 0) continue;
    if (roomM3 && cmpDec(m3, roomM3) > 0) continue;
    units[j] = units[j]! + 1n;
    left[i] = left[i]! - 1n;
    if (roomKg) roomKg = subDec(roomKg, kg);
    if (roomM3) roomM3 = subDec(roomM3, m3);
    given++;
  }
  return given;
}
