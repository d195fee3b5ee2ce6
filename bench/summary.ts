// The summary `npm run bench` prints at the end: a table per part, then one verdict line per
// target of issue 14, each measured in the same run.
import { availableParallelism, loadavg } from "node:os";
import { STARTUP_TARGETS, startupVerdicts, type StartupResult } from "./startup.ts";
import type { LoadResult } from "./http-baseline.ts";
import type { IngestResult, LargeReads } from "./scale-out.ts";
import type { ReadResult } from "./reads.ts";
import {
  demoReadVerdicts,
  growthVerdict,
  ingestVerdict,
  phonesVerdict,
  PHONES_GOAL,
  READS_GOAL,
  readVerdicts,
  verdictLine,
  type Verdict,
} from "./targets.ts";
import { ALLOCATION_ITEMS, ALLOCATION_NOTE, allocationTable, type AllocationRow } from "./allocation.ts";
import { TRACKING_UNITS, type TrackingResult } from "./tracking.ts";
import { VERIFY_TARGET_SECONDS, verifyVerdict, type VerifyBenchResult } from "./verify.ts";
import { int, pct, secs, table } from "./table.ts";
import type { UiSize } from "./ui-size.ts";
import type { UiRender } from "./ui-render.ts";
import type { FieldSize, FieldStart, FieldSync } from "./field.ts";
import { printAppTables } from "./summary-apps.ts";
import { growthFigures, kb, type EngineResult } from "./engine-part.ts";
import { LOAD, SCALE, load, log } from "./settings.ts";

type Skipped = { engine: string; skipped: string };

/** Everything one run of the benchmark measured. */
export interface BenchRun {
  t0: number;
  startup: StartupResult | { failed: string };
  hello: LoadResult;
  engines: EngineResult[];
  concurrent: (IngestResult | Skipped)[];
  large: (LargeReads | Skipped)[];
  tracking: (TrackingResult | Skipped)[];
  verified: (VerifyBenchResult | Skipped)[];
  allocation: AllocationRow[];
  uiSize: UiSize | { failed: string };
  uiRender: UiRender | { skipped: string } | { failed: string };
  fieldSize: FieldSize | { failed: string };
  fieldStart: FieldStart | { skipped: string } | { failed: string };
  fieldSync: (FieldSync | { engine: string; failed: string })[];
}

export function printSummary(run: BenchRun): void {
  log("\n================ Summary ================");
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log("\nStart-up (reliefline start, spawn → /api/health 200)");
  if ("failed" in run.startup) {
    log(`  not measured: reliefline start failed (${run.startup.failed})`);
  } else {
    const existing = run.startup.existing.map((r) => r.seconds);
    log(
      table(
        ["data folder", "seconds", "target", "of which Node+modules"],
        [
          [
            "new",
            secs(run.startup.fresh.seconds),
            `≤ ${STARTUP_TARGETS.freshSeconds} s`,
            secs(run.startup.fresh.loadSeconds),
          ],
          [
            `existing (median of ${existing.length}; min ${secs(Math.min(...existing))})`,
            secs(median(existing)),
            `≤ ${STARTUP_TARGETS.existingSeconds} s`,
            secs(median(run.startup.existing.map((r) => r.loadSeconds))),
          ],
          ["existing, through npm start", secs(run.startup.viaNpm.seconds), "", secs(run.startup.viaNpm.loadSeconds)],
        ],
        [1, 3],
      ),
    );
  }

  log(`\nHTTP baseline (autocannon -c ${LOAD.connections}, ${LOAD.seconds} s)`);
  const httpRows = [
    [
      "hello-world Fastify",
      int(run.hello.requestsPerSecond),
      "100.0 %",
      `${run.hello.latencyP99Ms} ms`,
      int(run.hello.serverCpuUsPerRequest),
      "1.0×",
    ],
  ];
  for (const e of run.engines) {
    if (!e.health) continue;
    const h = e.health;
    httpRows.push([
      `/api/health, real app on ${e.name}`,
      int(h.requestsPerSecond),
      pct(h.requestsPerSecond / run.hello.requestsPerSecond),
      `${h.latencyP99Ms} ms`,
      int(h.serverCpuUsPerRequest),
      `${(h.serverCpuUsPerRequest / run.hello.serverCpuUsPerRequest).toFixed(1)}×`,
    ]);
  }
  log(
    table(["server", "requests/s", "vs hello", "p99", "server CPU µs/req", "CPU vs hello"], httpRows, [1, 2, 3, 4, 5]),
  );

  log("\nBulk ingestion: POST /events/batch, sequential (API) vs raw COPY of as many equivalent rows into events");
  const ingestRows: string[][] = [];
  for (const e of run.engines) {
    if (e.skipped) {
      ingestRows.push([e.name, "—", "—", "—", "—", `skipped: ${e.skipped}`]);
      continue;
    }
    for (const p of e.phases)
      ingestRows.push([
        e.name,
        int(p.batchSize),
        int(p.events),
        int(p.eventsPerSecond),
        int(p.copyRowsPerSecond),
        pct(p.ratio),
      ]);
    const events = e.phases.reduce((s, p) => s + p.events, 0);
    const seconds = e.phases.reduce((s, p) => s + p.seconds, 0);
    const copySeconds = e.phases.reduce((s, p) => s + p.copySeconds, 0);
    ingestRows.push([
      `${e.name} (all)`,
      "",
      int(events),
      int(events / seconds),
      int(events / copySeconds),
      pct(copySeconds / seconds),
    ]);
  }
  log(table(["engine", "batch", "events", "API events/s", "COPY rows/s", "API ÷ COPY"], ingestRows, [1, 2, 3, 4, 5]));

  log(
    `\nScale-out: ${SCALE.operations} operations ingesting at once through one server (Citus: coordinator and 2 workers on the same cores)`,
  );
  const pg = run.concurrent.find((r) => r.engine === "PostgreSQL");
  const pgRate = pg && !("skipped" in pg) ? pg.eventsPerSecond : undefined;
  log(
    table(
      ["engine", "events", "events/s", "vs PostgreSQL", "ledgers"],
      run.concurrent.map((r) =>
        "skipped" in r
          ? [r.engine, "—", "—", "—", `skipped: ${r.skipped}`]
          : [
              r.engine,
              int(r.events),
              int(r.eventsPerSecond),
              pgRate ? pct(r.eventsPerSecond / pgRate) : "—",
              r.intact ? "intact" : "BROKEN",
            ],
      ),
      [1, 2, 3],
    ),
  );

  const reached = run.large.find((r) => !("skipped" in r)) as LargeReads | undefined;
  log(
    `\nOne large operation's reads (median of 3; reconciliation once)${reached && reached.events < reached.target ? `: ${int(reached.events)} of the ${int(reached.target)} events wanted were generated in the time allowed` : ""}`,
  );
  const readNames = reached ? Object.keys(reached.reads) : [];
  const citusReads = run.large.find((r) => r.engine === "Citus");
  const pgReads = run.large.find((r) => r.engine === "PostgreSQL");
  log(
    table(
      ["read", "events", "Citus", "PostgreSQL", "Citus ÷ PostgreSQL"],
      readNames.map((name) => {
        const c = citusReads && !("skipped" in citusReads) ? citusReads.reads[name] : undefined;
        const p = pgReads && !("skipped" in pgReads) ? pgReads.reads[name] : undefined;
        return [
          name,
          int(reached!.events),
          c === undefined ? "—" : secs(c, 3),
          p === undefined ? "—" : secs(p, 3),
          c !== undefined && p ? `${(c / p).toFixed(1)}×` : "—",
        ];
      }),
      [1, 2, 3, 4],
    ),
  );

  log(
    `\nTracking (${int(TRACKING_UNITS)} units; events generated in SQL, unit_states rebuilt (above 1,000,000 events: from each unit's last two trips), then one batch of 1,000 appended through record-events)`,
  );
  log(
    table(
      ["engine", "events", "generate", "unit_states", "progress", "reconcile", "append 1,000"],
      run.tracking.map((r) =>
        "skipped" in r
          ? [r.engine, "—", "—", "—", "—", "—", `skipped: ${r.skipped}`]
          : [
              r.engine,
              int(r.events),
              secs(r.generateSeconds),
              `${secs(r.rebuildUnitStatesSeconds)}${r.unitStatesBuiltBy === "rebuild" ? "" : " (last trips)"}`,
              secs(r.progressSeconds, 2),
              secs(r.reconcileSeconds),
              secs(r.append1000Seconds, 2),
            ],
      ),
      [1, 2, 3, 4, 5, 6],
    ),
  );

  const readRows = run.tracking.flatMap((r) =>
    "skipped" in r || !r.reads
      ? []
      : r.reads.map((x) => [
          r.engine,
          int(r.events),
          x.endpoint,
          int(x.load.requestsPerSecond),
          int(x.hello.requestsPerSecond),
          pct(x.load.requestsPerSecond / x.hello.requestsPerSecond),
          `${(x.bytes / 1024).toFixed(1)} KB`,
          `${x.firstMs.toFixed(0)} ms`,
          `${x.load.latencyP99Ms} ms`,
        ]),
  );
  for (const e of [...run.engines].reverse()) {
    const demo = e.demo;
    if (!demo) continue;
    const rate = (x: ReadResult) => x.load.requestsPerSecond;
    readRows.unshift(
      ...demo.map((x) => [
        e.name,
        "demo",
        x.endpoint,
        int(rate(x)),
        int(x.hello.requestsPerSecond),
        pct(rate(x) / x.hello.requestsPerSecond),
        kb(x.bytes),
        `${x.firstMs.toFixed(0)} ms`,
        `${x.load.latencyP99Ms} ms`,
      ]),
    );
  }
  log(
    `\nReads under autocannon -c ${LOAD.connections} (signed in), each beside a hello-world Fastify measured just before it; "first" is the first answer after the server started (computed, not cached)`,
  );
  log(
    table(
      ["engine", "events", "endpoint", "requests/s", "hello/s", "vs hello", "answer", "first", "p99"],
      readRows,
      [1, 3, 4, 5, 6, 7, 8],
    ),
  );

  log(
    `\nverify: the chain and every projection recomputed from the events (target: under ${VERIFY_TARGET_SECONDS} s at 1,000,000 events on PostgreSQL)`,
  );
  log(
    table(
      ["engine", "events", "verify", "CPU in Node", "target", "moves", "units", "ledger built in"],
      run.verified.map((r) =>
        "skipped" in r
          ? [r.engine, "—", "—", "—", "—", "—", "—", `skipped: ${r.skipped}`]
          : [
              r.engine,
              int(r.events),
              secs(r.verifySeconds),
              secs(r.cpuSeconds),
              `< ${VERIFY_TARGET_SECONDS} s`,
              int(r.checked.moves),
              int(r.checked.units),
              secs(r.buildSeconds),
            ],
      ),
      [1, 2, 3, 5, 6, 7],
    ),
  );
  log(verifyVerdict(run.verified));

  log(`\nAllocation planner (${ALLOCATION_ITEMS} items, seeded random instances)`);
  log(allocationTable(run.allocation));
  log(ALLOCATION_NOTE);

  printAppTables(run.uiSize, run.uiRender, run.fieldSize, run.fieldStart, run.fieldSync);

  log("\nPerformance targets (issue 14), each measured in this run");
  const measured = run.tracking.filter((r): r is TrackingResult => !("skipped" in r));
  // The targets of issue 14 item 6 first, one line each, NOT RUN where a part did not run; then the reads.
  const verdicts: Verdict[] = [];
  for (const e of run.engines) verdicts.push(ingestVerdict(e.name, e.phases));
  const postgres = run.engines.find((e) => e.name === "PostgreSQL");
  verdicts.push(phonesVerdict("PostgreSQL", postgres?.phones, PHONES_GOAL));
  const pglite = run.engines.find((e) => e.name === "PGlite");
  verdicts.push(growthVerdict("PGlite", ...growthFigures(pglite)));
  verdicts.push(...startupVerdicts(run.startup));
  for (const e of run.engines) if (e.name !== "PostgreSQL" && e.phones) verdicts.push(phonesVerdict(e.name, e.phones));
  for (const e of run.engines) {
    if (e.demo) verdicts.push(...demoReadVerdicts(e.name, e.demo, e.name === "PostgreSQL" ? READS_GOAL : undefined));
  }
  verdicts.push(...readVerdicts("PostgreSQL", measured, READS_GOAL), ...readVerdicts("PGlite", measured));
  for (const v of verdicts) log(`  ${verdictLine(v)}`);

  log(`\nWhole benchmark: ${secs((performance.now() - run.t0) / 1000)}; ${load()}`);
  if (loadavg()[0]! > availableParallelism())
    log("Note: the machine was oversubscribed (load average above the core count); absolute timings are pessimistic.");
}
