import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditAllocation } from "./audit.ts";
import { planAllocation } from "./planner.ts";
import type { AllocationProblem } from "./types.ts";

/** Random continuous instances (6 decimals, so rounding moves coverage by < 1e-7). */
const problems = fc
  .record({
    stocks: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 5 }),
    kg: fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 5, maxLength: 5 }),
    needs: fc.array(
      fc.record({
        n: fc.integer({ min: 0, max: 7 }),
        i: fc.nat(),
        q: fc.integer({ min: 10, max: 900 }),
        p: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    capacityKg: fc.option(fc.integer({ min: 0, max: 4000 })),
  })
  .map(({ stocks, kg, needs, capacityKg }): AllocationProblem => {
    const seen = new Set<string>();
    return {
      items: stocks.map((s, k) => ({
        code: `I${k}`,
        stock: String(s),
        integer: false,
        decimals: 6,
        weightKg: String(kg[k]! / 1000),
      })),
      needs: needs
        .map((nd) => ({
          neighbourhood: `N${nd.n}`,
          item: `I${nd.i % stocks.length}`,
          quantity: String(nd.q),
          priority: nd.p,
        }))
        .filter((nd) => !seen.has(nd.neighbourhood + nd.item) && seen.add(nd.neighbourhood + nd.item)),
      ...(capacityKg === null ? {} : { transport: { trucks: 2, tripsPerTruck: 2, capacityKg: String(capacityKg) } }),
    };
  });

describe("auditAllocation: HiGHS agrees with the planner", () => {
  it("finds the same stage-1 optimum (fairShare) and no coverage left to add without lowering anyone", async () => {
    await fc.assert(
      fc.asyncProperty(problems, async (problem) => {
        const plan = planAllocation(problem);
        const audit = await auditAllocation(problem, plan);
        expect(audit.status).toBe("Optimal");
        expect(plan.fairShare).toBeCloseTo(audit.stage1Level, 5);
        expect(plan.fairShare).toBeLessThanOrEqual(audit.stage1Level + 1e-7);
        // Nothing left on the table beyond what the plan's exact leftovers could buy. Rounding a heavy
        // item down to 6 decimals strands truck room that a far lighter one (weights here differ up
        // to 4000×) turns into up to ~1e-4 of coverage; that is `leftoverGain`. The rest is LP
        // round-off: HiGHS accepts bounds and rows off by its primal feasibility tolerance, 1e-7.
        expect(audit.paretoGain).toBeLessThanOrEqual(audit.leftoverGain + 1e-7 * problem.needs.length);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("explains the stranded truck room of a once-failing instance by the plan's leftovers", async () => {
    // A fast-check counterexample of an earlier, fixed bound (gain 7.3e-5 > 1e-5 per need): 8 kg of
    // trucks shared by a 4 kg item and a 1 g item; rounding the heavy one down frees about 1.4e-6 kg,
    // which is 1.4e-3 of the light item, 7.3e-5 of a request for 19.
    const problem: AllocationProblem = {
      items: [
        { code: "I0", stock: "1017", integer: false, decimals: 6, weightKg: "0.001" },
        { code: "I1", stock: "821", integer: false, decimals: 6, weightKg: "3.996" },
        { code: "I2", stock: "535", integer: false, decimals: 6, weightKg: "0.578" },
        { code: "I3", stock: "2235", integer: false, decimals: 6, weightKg: "0.345" },
        { code: "I4", stock: "2164", integer: false, decimals: 6, weightKg: "0.563" },
      ],
      needs: [
        { neighbourhood: "N2", item: "I1", quantity: "575", priority: 1 },
        { neighbourhood: "N7", item: "I0", quantity: "46", priority: 1 },
        { neighbourhood: "N1", item: "I4", quantity: "76", priority: 2 },
        { neighbourhood: "N2", item: "I4", quantity: "83", priority: 3 },
        { neighbourhood: "N7", item: "I4", quantity: "47", priority: 2 },
        { neighbourhood: "N3", item: "I0", quantity: "19", priority: 4 },
        { neighbourhood: "N4", item: "I2", quantity: "16", priority: 2 },
      ],
      transport: { trucks: 2, tripsPerTruck: 2, capacityKg: "2" },
    };
    const plan = planAllocation(problem);
    const audit = await auditAllocation(problem, plan);
    expect(audit.paretoGain).toBeGreaterThan(1e-5 * problem.needs.length);
    expect(audit.paretoGain).toBeLessThanOrEqual(audit.leftoverGain + 1e-7 * problem.needs.length);
    expect(audit.leftoverGain).toBeLessThan(1e-4);
  });

  it("certifies a hand-worked instance: 300 water for requests of 100 and 400 gives 60% each", async () => {
    const problem: AllocationProblem = {
      items: [{ code: "WATER", stock: "300", integer: false, decimals: 0 }],
      needs: [
        { neighbourhood: "A", item: "WATER", quantity: "100" },
        { neighbourhood: "B", item: "WATER", quantity: "400" },
      ],
    };
    const plan = planAllocation(problem);
    const audit = await auditAllocation(problem, plan);
    expect(audit.stage1Level).toBeCloseTo(0.6, 9);
    expect(plan.allocations.map((a) => a.quantity)).toEqual(["60", "240"]);
  });
});
