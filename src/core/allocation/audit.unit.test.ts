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
    needs: fc.array(fc.record({ n: fc.integer({ min: 0, max: 7 }), i: fc.nat(), q: fc.integer({ min: 10, max: 900 }), p: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 30 }),
    capacityKg: fc.option(fc.integer({ min: 0, max: 4000 })),
  })
  .map(({ stocks, kg, needs, capacityKg }): AllocationProblem => {
    const seen = new Set<string>();
    return {
      items: stocks.map((s, k) => ({ code: `I${k}`, stock: String(s), integer: false, decimals: 6, weightKg: String(kg[k]! / 1000) })),
      needs: needs
        .map((nd) => ({ neighbourhood: `N${nd.n}`, item: `I${nd.i % stocks.length}`, quantity: String(nd.q), priority: nd.p }))
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
        // Rounding down to 6 decimals can strand a sliver of truck capacity that a far lighter item
        // could still use (weights here differ up to 4000×), so allow 0.1 percentage point on top.
        expect(audit.paretoGain).toBeLessThan(1e-5 * problem.needs.length + 1e-3);
      }),
      { numRuns: 60 },
    );
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
