// The allocation planner on seeded random instances: solve time, and the smallest
// coverage it reaches against the proportional split's.
import { benchAllocation, type AllocationBench } from "../src/allocation/bench-allocation.ts";

export const ALLOCATION_SIZES = [100, 1_000, 5_000] as const;
export const ALLOCATION_ITEMS = 50;

export function runAllocation(neighbourhoods: number, seed = 20201219): AllocationBench {
  return benchAllocation(neighbourhoods, ALLOCATION_ITEMS, seed);
}
