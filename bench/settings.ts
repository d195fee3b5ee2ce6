// The settings of `npm run bench` (bench/run.ts), and how it prints as it goes.
// RELIEFLINE_BENCH_QUICK=1: a smoke run of the benchmark itself (small sizes, short loads).
import { availableParallelism, loadavg } from "node:os";
import type { Phase } from "./ingest.ts";
import { ALLOCATION_SIZES } from "./allocation.ts";

export const QUICK = process.env.RELIEFLINE_BENCH_QUICK === "1";
export const PHASES: Phase[] = QUICK
  ? [
      { batchSize: 1_000, maxEvents: 2_000, budgetSeconds: 10 },
      { batchSize: 10_000, maxEvents: 10_000, budgetSeconds: 10 },
    ]
  : [
      { batchSize: 1_000, maxEvents: 20_000, budgetSeconds: 35 },
      { batchSize: 10_000, maxEvents: 30_000, budgetSeconds: 35 },
    ];
export const LOAD = { connections: 50, seconds: QUICK ? 1 : 5 };
export const EXISTING_STARTS = QUICK ? 1 : 3;
/** Single events: this many phones posting at once, for this long. */
export const PHONES = { clients: 10, seconds: QUICK ? 3 : 10 };
/** PGlite batch ingestion as its ledger grows: batches of 10,000 up to this many events. */
export const GROW_TO = QUICK ? 30_000 : 170_000;
export const SIZES = QUICK ? ALLOCATION_SIZES.slice(0, 1) : ALLOCATION_SIZES;
/** Scale-out: operations ingesting at once, and the large operation (events wanted, seconds allowed for generating them). */
export const SCALE = QUICK
  ? { operations: 4, batchSize: 500, seconds: 10, events: 200_000, budgetSeconds: 60 }
  : { operations: 8, batchSize: 500, seconds: 30, events: 10_000_000, budgetSeconds: 600 };

export const log = (line = "") => console.log(line);
export const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} on ${availableParallelism()} cores`;
