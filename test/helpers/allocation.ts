// Random allocation instances and an exact feasibility check, shared by the planner's
// property tests (direct filling and HiGHS).
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { expect } from "vitest";
import type { AllocationProblem, AllocationResult } from "../../src/core/allocation/types.ts";

const D = Decimal.clone({ precision: 60 });

/** Small random instances: up to 4 items and 6 neighbourhoods, optional trucks. */
export const problems = (opts: { integer: boolean; priorities: boolean; decimals?: number }) =>
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
      needs: fc.array(
        fc.record({
          n: fc.integer({ min: 0, max: 5 }),
          i: fc.nat(),
          q: fc.integer({ min: 10, max: 900 }),
          p: fc.integer({ min: 1, max: 4 }),
        }),
        { minLength: 1, maxLength: 20 },
      ),
      transport: fc.option(
        fc.record({
          trucks: fc.integer({ min: 0, max: 3 }),
          trips: fc.integer({ min: 1, max: 3 }),
          kg: fc.integer({ min: 0, max: 3000 }),
          m3: fc.option(fc.integer({ min: 0, max: 200 })),
        }),
      ),
    })
    .map(({ items, needs, transport }): AllocationProblem => {
      const seen = new Set<string>();
      return {
        items: items.map((it, k) => ({
          code: `I${k}`,
          stock: String(it.stock),
          integer: it.integer,
          decimals: it.integer ? 0 : it.decimals,
          weightKg: (it.kg / 1000).toString(),
          volumeM3: (it.m3 / 1000).toString(),
        })),
        needs: needs
          .map((nd) => ({
            neighbourhood: `N${nd.n}`,
            item: `I${nd.i % items.length}`,
            quantity: String(nd.q),
            priority: opts.priorities ? nd.p : 1,
          }))
          .filter((nd) => !seen.has(nd.neighbourhood + nd.item) && seen.add(nd.neighbourhood + nd.item)),
        ...(transport
          ? {
              transport: {
                trucks: transport.trucks,
                tripsPerTruck: transport.trips,
                capacityKg: String(transport.kg),
                ...(transport.m3 === null ? {} : { capacityM3: String(transport.m3) }),
              },
            }
          : {}),
      };
    });

export function expectFeasible(problem: AllocationProblem, r: AllocationResult) {
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
