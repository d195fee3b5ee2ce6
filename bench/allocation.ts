// The allocation planner on seeded random instances: solve time of the HiGHS planner (the planner
// of record) against the direct planner measured in the same run, and the smallest coverage
// reached against the proportional split's. Run alone with `nice -n 10 npx tsx bench/allocation.ts`.
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { benchAllocation, type AllocationBench } from "../src/allocation/bench-allocation.ts";
import { int, pct, secs, table } from "./table.ts";

export const ALLOCATION_SIZES = [100, 1_000, 5_000] as const;
export const ALLOCATION_ITEMS = 50;
/** Per instance; above it the HiGHS run is reported as capped rather than holding up the bench. */
export const ALLOCATION_TIME_LIMIT_SECONDS = 120;

export type AllocationRow = { neighbourhoods: number } & ({ result: AllocationBench } | { capped: string });

/**
 * Load HiGHS and solve one small instance first, so the WebAssembly compile and tier-up
 * (a one-off per process, ≈ 0.5–2 s here) is not charged to the first size.
 */
export async function warmUpAllocation(): Promise<number> {
  const started = performance.now();
  await benchAllocation(20, 10, 1);
  return (performance.now() - started) / 1000;
}

export async function runAllocation(neighbourhoods: number, seed = 20201219): Promise<AllocationRow> {
  try {
    return {
      neighbourhoods,
      result: await benchAllocation(neighbourhoods, ALLOCATION_ITEMS, seed, ALLOCATION_TIME_LIMIT_SECONDS),
    };
  } catch (error) {
    if ((error as Error).name !== "SolverError") throw error;
    return {
      neighbourhoods,
      capped: `HiGHS stopped at the ${ALLOCATION_TIME_LIMIT_SECONDS} s cap: ${(error as Error).message}`,
    };
  }
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export function describeAllocation(row: AllocationRow): string {
  if ("capped" in row) return `  ${int(row.neighbourhoods)} neighbourhoods: ${row.capped}`;
  const r = row.result;
  return (
    `  ${int(row.neighbourhoods)} neighbourhoods (${int(r.needs)} needs): HiGHS ${secs(r.highs.seconds, 2)} (CPU ${secs(r.highs.cpuSeconds, 2)}) ` +
    `(${r.highs.rounds} max-min rounds, ${int(r.highs.columns)} LP columns${r.highs.mip ? ", MIP" : ""}), ` +
    `direct ${secs(r.direct.seconds, 2)} (CPU ${secs(r.direct.cpuSeconds, 2)}; HiGHS ÷ direct ${ratio(r.highs.cpuSeconds, r.direct.cpuSeconds)} by CPU); ` +
    `min coverage ${pct(r.highs.minCoverage)} vs proportional ${pct(r.proportional.minCoverage)}`
  );
}

export function allocationTable(rows: AllocationRow[]): string {
  return table(
    [
      "neighbourhoods",
      "needs",
      "HiGHS wall",
      "HiGHS CPU",
      "direct CPU",
      "HiGHS ÷ direct (CPU)",
      "rounds",
      "min coverage",
      "proportional min",
      "fair share",
      "proportional fair share",
    ],
    rows.map((row) => {
      if ("capped" in row)
        return [
          int(row.neighbourhoods),
          "—",
          `> ${ALLOCATION_TIME_LIMIT_SECONDS} s (capped)`,
          "—",
          "—",
          "—",
          "—",
          "—",
          "—",
          "—",
          "—",
        ];
      const r = row.result;
      return [
        int(row.neighbourhoods),
        int(r.needs),
        secs(r.highs.seconds, 2),
        secs(r.highs.cpuSeconds, 2),
        secs(r.direct.cpuSeconds, 2),
        ratio(r.highs.cpuSeconds, r.direct.cpuSeconds),
        String(r.highs.rounds),
        pct(r.highs.minCoverage),
        pct(r.proportional.minCoverage),
        pct(r.highs.fairShare),
        pct(r.proportional.fairShare),
      ];
    }),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
}

export const ALLOCATION_NOTE =
  "HiGHS: lexicographic max-min LP rounds on one warm-started simplex model, needs grouped by (item, priority); " +
  "direct: the progressive filling that cross-checks it (same plan, no solver). Both include validation, rounding and the report; " +
  "HiGHS was warmed up on a small instance first. The ratio is by CPU time (this process), which a busy machine distorts less than wall time. Min coverage is the least-covered need; fair share is the priority-weighted minimum both maximise first.";

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.log(`Warm-up (load HiGHS, one 20 × 10 plan): ${secs(await warmUpAllocation(), 2)}`);
  const rows: AllocationRow[] = [];
  for (const n of sizes.length ? sizes : ALLOCATION_SIZES) {
    const row = await runAllocation(n);
    rows.push(row);
    console.log(describeAllocation(row));
  }
  console.log(`\nAllocation planner (${ALLOCATION_ITEMS} items, seeded random instances)`);
  console.log(allocationTable(rows));
  console.log(ALLOCATION_NOTE);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} on ${availableParallelism()} cores`,
  );
}
