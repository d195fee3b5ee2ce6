import { describe, expect, it } from "vitest";
import { type Clock, type Deadline, deadlineAfter } from "./deadline.ts";
import { highs } from "./highs.ts";
import { planWithHighs } from "./highs-planner.ts";
import { lexMaxMin, SolverError } from "./lexmaxmin.ts";
import type { AllocationProblem } from "./types.ts";
import { normalise } from "./validate.ts";

/** A fake clock that reads the given milliseconds in turn, then the last one for ever. */
function clockReading(...readings: number[]): Clock & { reads: () => number } {
  let n = 0;
  const clock = () => readings[Math.min(n++, readings.length - 1)]!;
  return Object.assign(clock, { reads: () => n });
}

/** Three items short by different amounts: the max-min search takes one round per item. */
const threeRounds: AllocationProblem = {
  items: [
    { code: "WATER", stock: "100", integer: false, decimals: 0 },
    { code: "RICE", stock: "300", integer: false, decimals: 0 },
    { code: "OIL", stock: "500", integer: false, decimals: 0 },
  ],
  needs: ["A", "B"].flatMap((neighbourhood) =>
    ["WATER", "RICE", "OIL"].map((item) => ({ neighbourhood, item, quantity: "400" })),
  ),
};

describe("the planner's deadline, measured by the clock the shell passes in", () => {
  it("counts the seconds left from the clock's readings", () => {
    const deadline = deadlineAfter(2, clockReading(1_000, 1_500, 3_000, 4_000));
    expect([deadline.secondsLeft(), deadline.secondsLeft(), deadline.secondsLeft()]).toEqual([1.5, 0, -1]);
  });

  it("stops the search once the deadline has passed and says so, the same on every run", async () => {
    for (let run = 0; run < 3; run++) {
      // Read at the start, then before each solve: the limit of 60 s has passed at the second solve.
      const clock = clockReading(0, 10_000, 61_000);
      const error = await planWithHighs(threeRounds, { clock, timeLimitSeconds: 60 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SolverError);
      expect(error).toMatchObject({
        status: "Time limit reached",
        message: "HiGHS did not finish the plan within the time limit",
      });
      expect(clock.reads()).toBe(3);
    }
  });

  it("lets the max-min search run exactly the rounds the deadline allows", async () => {
    const h = await highs();
    const p = normalise(threeRounds);
    const counting = (allowed: number): Deadline & { checks: number } => ({
      checks: 0,
      secondsLeft() {
        return ++this.checks <= allowed ? 1 : 0;
      },
    });
    const open = counting(Infinity);
    const all = lexMaxMin(h, p, open);
    expect(all.rounds.length).toBe(3);
    expect(all.solves).toBe(3);
    const short = counting(2);
    expect(() => lexMaxMin(h, p, short)).toThrow(SolverError);
    expect(short.checks).toBe(3); // two rounds solved, the third refused before HiGHS ran
  });

  it("gives the same plan for the same clock readings", async () => {
    const plans = [
      await planWithHighs(threeRounds, { clock: () => 0 }),
      await planWithHighs(threeRounds, { clock: () => 0 }),
    ];
    expect(plans[0]!.solver.rounds).toBe(3);
    expect(plans[0]!.minCoverage).toBeCloseTo(0.125, 9);
    expect(plans[1]).toEqual(plans[0]);
  });
});
