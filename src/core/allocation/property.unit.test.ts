import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAllocation } from "./planner.ts";
import { proportionalSplit } from "./proportional.ts";
import { expectFeasible, problems } from "../../../test/helpers/allocation.ts";

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
        expect(planAllocation(problem).minCoverage).toBeGreaterThanOrEqual(
          proportionalSplit(problem).minCoverage - 1e-6,
        );
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
        const raised = {
          ...problem,
          needs: problem.needs.map((nd, k) => (k === j ? { ...nd, priority: nd.priority! * 2 } : nd)),
        };
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
