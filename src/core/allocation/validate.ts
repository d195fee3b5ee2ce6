// Input checking and normalisation: every later stage works on this checked form.
import {
  type Dec,
  cmpDec,
  decFromInt,
  decToNumber,
  floorUnits,
  formatDec,
  isZeroDec,
  mulDec,
  parseDec,
} from "./decimal.ts";
import { AllocationInputError, type AllocationProblem } from "./types.ts";

export interface NormItem {
  code: string;
  decimals: number;
  integer: boolean;
  stock: Dec;
  /** Stock counted in units of 10^-decimals, floored: what can actually be handed out. */
  stockUnits: bigint;
  stockF: number;
  kg: Dec | undefined;
  m3: Dec | undefined;
  kgF: number;
  m3F: number;
}

export interface NormNeed {
  neighbourhood: string;
  item: number;
  needed: string;
  needUnits: bigint;
  /** Needed quantity as a float (the solver's scale factor). */
  size: number;
  priority: number;
  /** priority ÷ top priority, in (0, 1]. */
  w: number;
}

export interface NormProblem {
  items: NormItem[];
  needs: NormNeed[];
  capKg: Dec | undefined;
  capM3: Dec | undefined;
  capKgF: number;
  capM3F: number;
  neighbourhoods: string[];
}

const fail = (field: string, message: string): never => {
  throw new AllocationInputError(field, message);
};
const isName = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
/** Decimal places of a canonical spelling ("2.50" was already written "2.5"). */
const decimalsOf = (canonical: string): number => {
  const dot = canonical.indexOf(".");
  return dot < 0 ? 0 : canonical.length - dot - 1;
};

function capacity(perTrip: string | undefined, trips: number, field: string): Dec | undefined {
  return perTrip === undefined ? undefined : mulDec(parseDec(perTrip, field), decFromInt(trips));
}

export function normalise(problem: AllocationProblem): NormProblem {
  if (problem === null || typeof problem !== "object") fail("problem", "must be an object with items and needs");
  if (!Array.isArray(problem.items) || problem.items.length === 0)
    fail("items", "at least one item with its stock is required");
  if (!Array.isArray(problem.needs) || problem.needs.length === 0) fail("needs", "at least one need is required");

  const t = problem.transport;
  let capKg: Dec | undefined;
  let capM3: Dec | undefined;
  if (t !== undefined) {
    for (const key of ["trucks", "tripsPerTruck"] as const) {
      if (!Number.isSafeInteger(t[key]) || t[key] < 0)
        fail(`transport.${key}`, `must be a whole number ≥ 0 (got ${JSON.stringify(t[key])})`);
    }
    // No trip and no capacity per trip: the plan would be unlimited by weight and volume and
    // ship everything. With a capacity, zero trips is zero capacity and the plan moves nothing.
    if (t.trucks * t.tripsPerTruck === 0 && t.capacityKg === undefined && t.capacityM3 === undefined) {
      fail(
        t.trucks === 0 ? "transport.trucks" : "transport.tripsPerTruck",
        "is 0, so nothing can be moved; leave transport out when it is not limited",
      );
    }
    capKg = capacity(t.capacityKg, t.trucks * t.tripsPerTruck, "transport.capacityKg");
    capM3 = capacity(t.capacityM3, t.trucks * t.tripsPerTruck, "transport.capacityM3");
  }

  const byCode = new Map<string, number>();
  const items = problem.items.map((it, k): NormItem => {
    const f = `items[${k}]`;
    if (!isName(it?.code)) fail(`${f}.code`, "must be a non-empty string");
    if (byCode.has(it.code)) fail(`${f}.code`, `duplicate item code ${it.code}`);
    byCode.set(it.code, k);
    if (!Number.isInteger(it.decimals) || it.decimals < 0 || it.decimals > 6)
      fail(`${f}.decimals`, `must be a whole number from 0 to 6 (got ${JSON.stringify(it.decimals)})`);
    if (typeof it.integer !== "boolean") fail(`${f}.integer`, "must be true or false");
    if (it.integer && it.decimals !== 0)
      fail(`${f}.decimals`, `must be 0 for an integer item (${it.code} is handed out in whole units)`);
    const stock = parseDec(it.stock, `${f}.stock`);
    const kg = it.weightKg === undefined ? undefined : parseDec(it.weightKg, `${f}.weightKg`);
    const m3 = it.volumeM3 === undefined ? undefined : parseDec(it.volumeM3, `${f}.volumeM3`);
    if (capKg && !kg)
      fail(`${f}.weightKg`, `is required because transport capacity by weight is set (item ${it.code})`);
    if (capM3 && !m3)
      fail(`${f}.volumeM3`, `is required because transport capacity by volume is set (item ${it.code})`);
    return {
      code: it.code,
      decimals: it.decimals,
      integer: it.integer,
      stock,
      stockUnits: floorUnits(stock, it.decimals),
      stockF: decToNumber(stock),
      kg,
      m3,
      kgF: kg ? decToNumber(kg) : 0,
      m3F: m3 ? decToNumber(m3) : 0,
    };
  });

  const seen = new Set<string>();
  const places = new Set<string>();
  const raw = problem.needs.map((nd, k) => {
    const f = `needs[${k}]`;
    if (!isName(nd?.neighbourhood)) fail(`${f}.neighbourhood`, "must be a non-empty string");
    if (typeof nd.item !== "string") fail(`${f}.item`, "must be an item code");
    const item = byCode.get(nd.item);
    if (item === undefined)
      return fail(`${f}.item`, `unknown item ${JSON.stringify(nd.item)}: it is not in the items list`);
    const key = `${nd.neighbourhood}\u0000${nd.item}`;
    if (seen.has(key))
      fail(f, `duplicate need: ${nd.neighbourhood} already asks for ${nd.item}; merge them into one line`);
    seen.add(key);
    const q = parseDec(nd.quantity, `${f}.quantity`);
    if (isZeroDec(q)) fail(`${f}.quantity`, "must be greater than zero (leave the need out instead)");
    const it = items[item]!;
    const needed = formatDec(q);
    if (decimalsOf(needed) > it.decimals)
      fail(`${f}.quantity`, `has more decimal places than item ${it.code} allows (${it.decimals})`);
    const priority = nd.priority ?? 1;
    if (typeof priority !== "number" || !Number.isFinite(priority) || priority <= 0)
      fail(`${f}.priority`, `must be a number greater than 0 (got ${JSON.stringify(nd.priority)})`);
    places.add(nd.neighbourhood);
    return { neighbourhood: nd.neighbourhood, item, q, needed, priority };
  });
  const pMax = raw.reduce((m, r) => Math.max(m, r.priority), 0);
  const needs = raw.map((r): NormNeed => ({
    neighbourhood: r.neighbourhood,
    item: r.item,
    needed: r.needed,
    needUnits: floorUnits(r.q, items[r.item]!.decimals),
    size: decToNumber(r.q),
    priority: r.priority,
    w: r.priority / pMax,
  }));
  return {
    items,
    needs,
    capKg,
    capM3,
    neighbourhoods: [...places],
    capKgF: capKg ? decToNumber(capKg) : Infinity,
    capM3F: capM3 ? decToNumber(capM3) : Infinity,
  };
}

/** True when at least one needed item has stock to hand out. */
export function anyStockForNeeds(p: NormProblem): boolean {
  return p.needs.some((n) => p.items[n.item]!.stockUnits > 0n);
}

export const exceeds = (a: Dec, b: Dec): boolean => cmpDec(a, b) > 0;
