import { describe, expect, it } from "vitest";
import { planWithHighs } from "../core/allocation/highs-planner.ts";
import { AllocationInputError, type AllocationProblem } from "../core/allocation/types.ts";
import { benchAllocation, randomAllocationProblem } from "./bench-allocation.ts";
import { solveAllocation } from "./solve-in-worker.ts";

const small: AllocationProblem = {
  items: [{ code: "WATER", stock: "200", integer: false, decimals: 0 }],
  needs: [
    { neighbourhood: "North", item: "WATER", quantity: "100" },
    { neighbourhood: "South", item: "WATER", quantity: "300" },
  ],
};

describe("solveAllocation in a worker thread", () => {
  it("returns the same plan as the in-process HiGHS planner", async () => {
    const r = await solveAllocation(small, { timeLimitSeconds: 30 });
    expect(r).toEqual(await planWithHighs(small, { clock: Date.now }));
    expect(r.allocations.map((a) => a.quantity)).toEqual(["50", "150"]);
  });

  it("rejects bad input with an AllocationInputError naming the field", async () => {
    const bad = { ...small, needs: [{ neighbourhood: "North", item: "LUMBER", quantity: "1" }] };
    const error = await solveAllocation(bad, { timeLimitSeconds: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationInputError);
    expect((error as AllocationInputError).field).toBe("needs[0].item");
    expect((error as AllocationInputError).message).toBe(
      'needs[0].item: unknown item "LUMBER": it is not in the items list',
    );
  });

  it("falls back to the proportional split with status time-limit when the worker is too slow", async () => {
    const r = await solveAllocation(small, { timeLimitSeconds: 0.001 });
    expect(r.status).toBe("time-limit");
    expect(r.explanation[0]).toMatch(/did not finish within 0.001 s/);
    expect(r.allocations.map((a) => a.quantity)).toEqual(["50", "150"]);
  });

  it("keeps the event loop free while a large plan is computed", async () => {
    const problem = randomAllocationProblem(1000, 20, 11);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const r = await solveAllocation(problem, { timeLimitSeconds: 60 });
    clearInterval(timer);
    expect(r.status).toBe("optimal");
    expect(ticks).toBeGreaterThan(5);
  }, 120_000);
});

describe("benchAllocation", () => {
  it("solves a seeded random instance with HiGHS and the direct planner, and compares both with the proportional split", async () => {
    const b = await benchAllocation(50, 10, 42);
    expect(b.highs.seconds).toBeGreaterThan(0);
    expect(b.highs.fairShare).toBeGreaterThanOrEqual(b.proportional.fairShare - 1e-6);
    // Whole-unit items are placed by a MIP in HiGHS and by rounding in the direct planner: HiGHS does no worse.
    expect(b.highs.fairShare).toBeGreaterThanOrEqual(b.direct.fairShare - 1e-9);
    expect(b.highs.mip).toBe(true);
    expect(b.highs.columns).toBeLessThanOrEqual(10 * 3);
    expect((await benchAllocation(50, 10, 42)).highs.minCoverage).toBe(b.highs.minCoverage);
  }, 60_000);
});
