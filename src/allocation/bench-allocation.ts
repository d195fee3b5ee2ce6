// Benchmark helper: a seeded random instance of the allocation problem, solved in-process by
// the HiGHS planner (the planner of record) and the direct planner (its cross-check, the speed
// reference), compared with the proportional split.
import { planAllocation } from "../core/allocation/planner.ts";
import { planWithHighs } from "../core/allocation/highs-planner.ts";
import { proportionalSplit } from "../core/allocation/proportional.ts";
import type { AllocationNeed, AllocationProblem, AllocationResult } from "../core/allocation/types.ts";

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each neighbourhood asks for about 60% of the items, 1–500 units each (items have 0–3
 * decimals; one in five is handed out in whole units), priorities 1–3; stock covers 30–110%
 * of what is asked; the fleet can carry about 70% of the asked weight and 80% of the volume.
 */
export function randomAllocationProblem(neighbourhoods: number, items: number, seed: number): AllocationProblem {
  const rnd = random(seed);
  const spec = Array.from({ length: items }, (_, i) => {
    const integer = rnd() < 0.2;
    return {
      code: `ITEM${i}`,
      integer,
      decimals: integer ? 0 : Math.floor(rnd() * 4),
      kg: 0.2 + rnd() * 25,
      m3: 0.001 + rnd() * 0.1,
    };
  });
  const asked = new Array<number>(items).fill(0);
  const needs: AllocationNeed[] = [];
  for (let n = 0; n < neighbourhoods; n++) {
    for (let i = 0; i < items; i++) {
      if (rnd() >= 0.6) continue;
      const q = 1 + Math.floor(rnd() * 500);
      asked[i]! += q;
      needs.push({
        neighbourhood: `N${n}`,
        item: spec[i]!.code,
        quantity: String(q),
        priority: 1 + Math.floor(rnd() * 3),
      });
    }
  }
  let kg = 0;
  let m3 = 0;
  spec.forEach((s, i) => {
    kg += asked[i]! * s.kg;
    m3 += asked[i]! * s.m3;
  });
  const trips = 40;
  return {
    items: spec.map((s, i) => ({
      code: s.code,
      stock: String(Math.floor(asked[i]! * (0.3 + rnd() * 0.8))),
      integer: s.integer,
      decimals: s.decimals,
      weightKg: s.kg.toFixed(3),
      volumeM3: s.m3.toFixed(4),
    })),
    needs,
    transport: {
      trucks: 10,
      tripsPerTruck: 4,
      capacityKg: ((kg * 0.7) / trips).toFixed(0),
      capacityM3: ((m3 * 0.8) / trips).toFixed(1),
    },
  };
}

/** One planner's figures on one instance. */
export interface PlannerRun {
  /** Wall-clock seconds: validation, solving, rounding, report. */
  seconds: number;
  /** CPU seconds of this process over the same span (less sensitive to a busy machine). */
  cpuSeconds: number;
  minCoverage: number;
  /** Priority-weighted minimum, the quantity the planner maximises first. */
  fairShare: number;
  totalCoverage: number;
}

export interface AllocationBench {
  needs: number;
  /** The planner of record: HiGHS LP rounds (and a MIP for small whole-unit parts), in-process. */
  highs: PlannerRun & { solves: number; rounds: number; columns: number; mip: boolean };
  /** The direct progressive filling (no solver) that cross-checks HiGHS: the speed reference. */
  direct: PlannerRun;
  proportional: PlannerRun;
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}
const runOf = (t: Timing, r: AllocationResult): PlannerRun => ({
  ...t,
  minCoverage: r.minCoverage,
  fairShare: r.fairShare,
  totalCoverage: r.totalCoverage,
});

async function timed<T>(f: () => T | Promise<T>): Promise<[T, Timing]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await f();
  const used = process.cpuUsage(cpu);
  return [value, { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }];
}

/**
 * One seeded random instance solved by the HiGHS planner, the direct planner and the proportional
 * split, in-process (no worker start-up). HiGHS stops after `timeLimitSeconds` with a SolverError.
 */
export async function benchAllocation(
  neighbourhoods: number,
  items: number,
  seed: number,
  timeLimitSeconds = 600,
): Promise<AllocationBench> {
  const problem = randomAllocationProblem(neighbourhoods, items, seed);
  const [direct, directTime] = await timed(() => planAllocation(problem));
  const [proportional, proportionalTime] = await timed(() => proportionalSplit(problem));
  const [lp, lpTime] = await timed(() => planWithHighs(problem, { timeLimitSeconds, clock: Date.now }));
  return {
    needs: problem.needs.length,
    highs: {
      ...runOf(lpTime, lp),
      solves: lp.solver.solves,
      rounds: lp.solver.rounds,
      columns: lp.solver.columns,
      mip: lp.solver.mip,
    },
    direct: runOf(directTime, direct),
    proportional: runOf(proportionalTime, proportional),
  };
}
