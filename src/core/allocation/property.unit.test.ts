import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAllocation } from "./planner.ts";
import { proportionalSplit } from "./proportional.ts";
import type { AllocationProblem, AllocationResult } from "./types.ts";

const D = Decimal.clone({ precision: 60 });

/** Small random instances: up to 4 items and 6 neighbourhoods, optional trucks. */
const problems = (opts: { integer: boolean; priorities: boolean; decimals?: number }) =>
  fc
    .record({
      items: fc.array(
        fc.record({
          stock: fc.integer({ min: 0, max: 2000 }),
          integer: opts.integer ? fc.boolean() : fc.constant(false),
          decimals: fc.integer({ min: opts.decimals ?? 0, max: 6 }),
          kg: fc.integer({ min: 0, max: 5000 }),
          m3: fc.integer({ min: 1, max: 900 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      needs: fc.array(fc.record({ n: fc.integer({ min: 0, max: 5 }), i: fc.nat(), q: fc.integer({ min: 10, max: 900 }), p: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 20 }),
      transport: fc.option(fc.record({ trucks: fc.integer({ min: 0, max: 3 }), trips: fc.integer({ min: 1, max: 3 }), kg: fc.integer({ min: 0, max: 3000 }), m3: fc.option(fc.integer({ min: 0, max: 200 })) })),
    })
    .map(({ items, needs, transport }): AllocationProblem => {
      const seen = new Set<string>();
      return {
        items: items.map((it, k) => ({
          code: `I${k}`, stock: String(it.stock), integer: it.integer, decimals: it.integer ? 0 : it.decimals,
          weightKg: (it.kg / 1000).toString(), volumeM3: (it.m3 / 1000).toString(),
        })),
        needs: needs
          .map((nd) => ({ neighbourhood: `N${nd.n}`, item: `I${nd.i % items.length}`, quantity: String(nd.q), priority: opts.priorities ? nd.p : 1 }))
          .filter((nd) => !seen.has(nd.neighbourhood + nd.item) && seen.add(nd.neighbourhood + nd.item)),
        ...(transport ? { transport: { trucks: transport.trucks, tripsPerTruck: transport.trips, capacityKg: String(transport.kg), ...(transport.m3 === null ? {} : { capacityM3: String(transport.m3) }) } } : {}),
      };
    });

function expectFeasible(problem: AllocationProblem, r: AllocationResult) {
  const items = new Map(problem.items.map((it) => [it.code, it]));
  const used = new Map<string, Decimal>();
  let kg = new D(0);
  let m3 = new D(0);
  r.allocations.forEach((a, j) => {
    const it = items.get(a.item)!;
    const q = new D(a.quantity);
    expect(q.gte(0)).toBe(true);
    expect(q.lte(problem.needs[j]!.quantity)).toBe(true);
    expect(q.decimalPlaces()).toBeLessThanOrEqual(it.decimals);
    if (it.integer) expect(q.isInteger()).toBe(true);
    used.set(a.item, (used.get(a.item) ?? new D(0)).plus(q));
    kg = kg.plus(q.times(it.weightKg!));
    m3 = m3.plus(q.times(it.volumeM3!));
  });
  for (const [code, total] of used) expect(total.lte(items.get(code)!.stock)).toBe(true);
  const t = problem.transport;
  if (t?.capacityKg) expect(kg.lte(new D(t.capacityKg).times(t.trucks * t.tripsPerTruck))).toBe(true);
  if (t?.capacityM3) expect(m3.lte(new D(t.capacityM3).times(t.trucks * t.tripsPerTruck))).toBe(true);
}

describe("planAllocation on random small instances", () => {
  it("never allocates more than stock, need or truck capacity, and integer items get whole units", () => {
    fc.assert(
      fc.property(problems({ integer: true, priorities: true }), (problem) => {
        expectFeasible(problem, planAllocation(problem));
        expectFeasible(problem, proportionalSplit(problem));
      }),
      { numRuns: 300 },
    );
  });

  it("has a minimum coverage never below the proportional split's (equal priorities)", () => {
    fc.assert(
      fc.property(problems({ integer: false, priorities: false, decimals: 6 }), (problem) => {
        expect(planAllocation(problem).minCoverage).toBeGreaterThanOrEqual(proportionalSplit(problem).minCoverage - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it("has a priority-weighted minimum (fairShare) never below the proportional split's", () => {
    fc.assert(
      fc.property(problems({ integer: false, priorities: true, decimals: 6 }), (problem) => {
        expect(planAllocation(problem).fairShare).toBeGreaterThanOrEqual(proportionalSplit(problem).fairShare - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it("never gives a need less when its priority is doubled", () => {
    fc.assert(
      fc.property(problems({ integer: false, priorities: true, decimals: 6 }), fc.nat(), (problem, pick) => {
        const j = pick % problem.needs.length;
        const raised = { ...problem, needs: problem.needs.map((nd, k) => (k === j ? { ...nd, priority: nd.priority! * 2 } : nd)) };
        const before = Number(planAllocation(problem).allocations[j]!.quantity);
        expect(Number(planAllocation(raised).allocations[j]!.quantity)).toBeGreaterThanOrEqual(before - 2e-6);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic and reports coverage consistent with the quantities", () => {
    fc.assert(
      fc.property(problems({ integer: true, priorities: true }), (problem) => {
        const r = planAllocation(problem);
        expect(planAllocation(problem)).toEqual(r);
        r.allocations.forEach((a) => expect(a.coverage).toBeCloseTo(Number(a.quantity) / Number(a.needed), 12));
        expect(r.minCoverage).toBe(Math.min(...r.allocations.map((a) => a.coverage)));
      }),
      { numRuns: 100 },
    );
  });
});
