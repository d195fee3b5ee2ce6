// `npm run bench`: start-up of the CLI server, the HTTP baseline, bulk ingestion through
// the API into each engine against a raw COPY, single events from concurrent clients,
// batch ingestion as the ledger grows, progress and reads at 10⁵–10⁷ events, scale-out
// (operations ingesting at once on PostgreSQL and on a one-machine Citus cluster; one large
// operation's reads on both), and the allocation planner. Prints as it goes, then a summary
// table and a verdict per target. RELIEFLINE_BENCH_QUICK=1 for a smoke run.
import { availableParallelism, cpus } from "node:os";
import { measureStartup, type StartupResult } from "./startup.ts";
import { autocannon, withHelloServer } from "./http-baseline.ts";
import { citusEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import { benchConcurrentIngest, benchLargeOperation, type IngestResult, type LargeReads } from "./scale-out.ts";
import {
  describeAllocation,
  runAllocation,
  warmUpAllocation,
  ALLOCATION_ITEMS,
  type AllocationRow,
} from "./allocation.ts";
import { TRACKING_UNITS, benchTracking } from "./tracking.ts";
import { benchVerify } from "./verify.ts";
import { int, secs } from "./table.ts";
import { measureUiSize, type UiSize } from "./ui-size.ts";
import { measureUiRender, type UiRender } from "./ui-render.ts";
import {
  measureFieldSize,
  measureFieldStart,
  measureFieldSync,
  type FieldSize,
  type FieldStart,
  type FieldSync,
} from "./field.ts";
import { benchEngine, type EngineResult } from "./engine-part.ts";
import { printSummary, type BenchRun } from "./summary.ts";
import { EXISTING_STARTS, LOAD, QUICK, SCALE, SIZES, load, log } from "./settings.ts";

async function main() {
  const t0 = performance.now();
  log(`Reliefline benchmark${QUICK ? " (QUICK smoke run: sizes reduced)" : ""}`);
  log(`  Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${availableParallelism()}, ${load()}`);
  log(`  ${new Date().toISOString()}`);

  log("\n== Start-up: reliefline start, spawn until /api/health answers ==");
  let startup: StartupResult | { failed: string };
  try {
    startup = await measureStartup(EXISTING_STARTS);
    log(
      `  new data folder:      ${secs(startup.fresh.seconds)} (Node + built modules ${secs(startup.fresh.loadSeconds)}; process reports ready in ${secs(startup.fresh.reportedSeconds)})`,
    );
    for (const [i, run] of startup.existing.entries()) {
      log(
        `  existing folder, #${i + 1}: ${secs(run.seconds)} (Node + built modules ${secs(run.loadSeconds)}; process reports ready in ${secs(run.reportedSeconds)})`,
      );
    }
    log(
      `  existing, npm start:  ${secs(startup.viaNpm.seconds)} (npm, Node + built modules ${secs(startup.viaNpm.loadSeconds)})`,
    );
  } catch (error) {
    const message = (error as Error).message;
    startup = {
      failed:
        message
          .split("\n")
          .find((l) => /Error:/.test(l))
          ?.trim() ?? message.split("\n")[0]!,
    };
    log(`  FAILED: ${message.split("\n").slice(0, 8).join("\n          ")}`);
  }

  log(`\n== HTTP baseline: hello-world Fastify, autocannon -c ${LOAD.connections} -d ${LOAD.seconds} ==`);
  const hello = await withHelloServer((url) => autocannon(url, LOAD.connections, LOAD.seconds));
  log(
    `  ${int(hello.requestsPerSecond)} requests/s, p50 ${hello.latencyP50Ms} ms, p99 ${hello.latencyP99Ms} ms; server CPU ${int(hello.serverCpuUsPerRequest)} µs/request`,
  );

  const engines: EngineResult[] = [];
  for (const factory of [pgliteEngine, postgresEngine]) engines.push(await benchEngine(factory));

  log(
    `\n== Scale-out: ${SCALE.operations} operations ingesting at once (batches of ${SCALE.batchSize}, ~${SCALE.seconds} s), PostgreSQL and one-machine Citus ==`,
  );
  const concurrent: (IngestResult | { engine: string; skipped: string })[] = [];
  for (const factory of [postgresEngine, citusEngine]) {
    concurrent.push(
      await benchConcurrentIngest(factory, SCALE.operations, SCALE.batchSize, SCALE.seconds, (line) =>
        log(`  ${line}`),
      ),
    );
    const r = concurrent.at(-1)!;
    log(
      "skipped" in r
        ? `  ${r.engine}: SKIPPED: ${r.skipped}`
        : `  ${r.engine}: ${int(r.eventsPerSecond)} events/s (${int(r.events)} in ${secs(r.seconds)}), ledgers ${r.intact ? "intact" : "BROKEN"}`,
    );
  }

  log(
    `\n== One large operation's reads: up to ${int(SCALE.events)} events (generating stops after ${SCALE.budgetSeconds} s), Citus then PostgreSQL ==`,
  );
  const large: (LargeReads | { engine: string; skipped: string })[] = [];
  let largeEvents = SCALE.events;
  for (const factory of [citusEngine, postgresEngine]) {
    // PostgreSQL gets the size Citus reached, so the reads compare like with like.
    const r = await benchLargeOperation(factory, largeEvents, SCALE.budgetSeconds * 2, (line) => log(line));
    if (!("skipped" in r) && factory === citusEngine) largeEvents = r.events;
    large.push(r);
    if ("skipped" in r) log(`  ${r.engine}: SKIPPED: ${r.skipped}`);
    else {
      log(
        `  ${r.engine}: ${int(r.events)} events generated in ${secs(r.generateSeconds)}, unit_states rebuilt in ${secs(r.rebuildSeconds)}, ` +
          `${int(r.bytesPerEvent)} bytes per event (events and their indexes; ${int(r.eventIndexBytesPerEvent)} of them indexes), ${int(r.allBytesPerEvent)} with every table of the operation`,
      );
    }
  }

  const trackingSizes = QUICK ? [20_000] : [100_000, 1_000_000, 10_000_000];
  const maxPgliteEvents = QUICK ? 20_000 : 1_000_000;
  log(
    `\n== Tracking: progress, reconciliation and reads, ${int(TRACKING_UNITS)} units, ${trackingSizes.map(int).join(", ")} events (PGlite to ${int(maxPgliteEvents)}) ==`,
  );
  const tracking = await benchTracking([pgliteEngine, postgresEngine], trackingSizes, (line) => log(`  ${line}`), {
    readLoad: LOAD,
    maxPgliteEvents,
  });

  const verifySizes = QUICK ? [20_000] : [1_000_000];
  log(
    `\n== verify (chain, moves, balances, unit states, publications) at ${verifySizes.map(int).join(" and ")} events on PostgreSQL ==`,
  );
  const verified = await benchVerify([postgresEngine], verifySizes, (line) => log(`  ${line}`));

  log(`\n== Allocation planner: ${ALLOCATION_ITEMS} items ==`);
  log(`  warm-up (load HiGHS, one 20 × 10 plan): ${secs(await warmUpAllocation(), 2)}`);
  const allocation: AllocationRow[] = [];
  for (const n of SIZES) {
    const row = await runAllocation(n);
    allocation.push(row);
    log(describeAllocation(row));
  }

  log("\n== Operations-room UI: initial JavaScript, and the demo's dashboard in Chromium ==");
  let uiSize: UiSize | { failed: string };
  let uiRender: UiRender | { skipped: string } | { failed: string };
  try {
    uiSize = await measureUiSize();
    log(`  initial JS ${(uiSize.gzipBytes / 1024).toFixed(1)} KB gzipped (${uiSize.files.length} files)`);
  } catch (error) {
    uiSize = { failed: (error as Error).message.split("\n")[0]! };
    log(`  UI size FAILED: ${uiSize.failed}`);
  }
  try {
    uiRender = await measureUiRender(QUICK ? 3 : 5, log);
  } catch (error) {
    uiRender = { failed: (error as Error).message.split("\n")[0]! };
    log(`  dashboard render FAILED: ${uiRender.failed}`);
  }

  log("\n== Field app: initial JavaScript, an offline start with 10,000 units, the sync of 1,000 queued events ==");
  const failed = (error: unknown) => ({ failed: (error as Error).message.split("\n")[0]! });
  const fieldSize: FieldSize | { failed: string } = await measureFieldSize().catch(failed);
  if (!("failed" in fieldSize))
    log(`  initial JS ${(fieldSize.gzipBytes / 1024).toFixed(1)} KB gzipped (${fieldSize.files.length} files)`);
  const fieldStart: FieldStart | { skipped: string } | { failed: string } = await measureFieldStart(
    pgliteEngine,
    QUICK ? 2 : 5,
    log,
  ).catch(failed);
  const fieldSync: (FieldSync | { engine: string; failed: string })[] = [];
  for (const factory of [pgliteEngine, postgresEngine]) {
    fieldSync.push(
      await measureFieldSync(factory, QUICK ? 200 : 1000, log).catch((error: unknown) => ({
        engine: factory.name,
        ...failed(error),
      })),
    );
  }

  printSummary({
    t0,
    startup,
    hello,
    engines,
    concurrent,
    large,
    tracking,
    verified,
    allocation,
    uiSize,
    uiRender,
    fieldSize,
    fieldStart,
    fieldSync,
  } satisfies BenchRun);
}

await main();
