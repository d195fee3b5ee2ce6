// `npm run bench`: start-up of the CLI server, the HTTP baseline, bulk ingestion through
// the API into each engine against a raw COPY, single events from concurrent clients,
// batch ingestion as the ledger grows, progress and reads at 10⁵–10⁷ events, scale-out
// (operations ingesting at once on PostgreSQL and on a one-machine Citus cluster; one large
// operation's reads on both), and the allocation planner. Prints as it goes, then a summary
// table and a verdict per target. RELIEFLINE_BENCH_QUICK=1 for a smoke run.
import { availableParallelism, cpus, loadavg } from "node:os";
import { measureStartup, STARTUP_TARGETS, startupVerdicts, type StartupResult } from "./startup.ts";
import { autocannon, withHelloServer, type LoadResult } from "./http-baseline.ts";
import { citusEngine, pgliteEngine, postgresEngine, type EngineFactory } from "./engines.ts";
import { benchConcurrentIngest, benchLargeOperation, type IngestResult, type LargeReads } from "./scale-out.ts";
import { BENCH_OP, growLedger, prepare, runPhase, serve, type Phase, type PhaseResult } from "./ingest.ts";
import { benchPhones, type PhonesResult } from "./concurrent-append.ts";
import { benchDemoReads, type ReadResult } from "./reads.ts";
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
import {
  ALLOCATION_ITEMS,
  ALLOCATION_NOTE,
  ALLOCATION_SIZES,
  allocationTable,
  describeAllocation,
  runAllocation,
  warmUpAllocation,
  type AllocationRow,
} from "./allocation.ts";
import { TRACKING_UNITS, benchTracking, type TrackingResult } from "./tracking.ts";
import { VERIFY_TARGET_SECONDS, benchVerify, verifyVerdict } from "./verify.ts";
import { int, pct, secs, table } from "./table.ts";
import { findOperation, findOperationWithHead } from "../src/store/catalogue.sql.ts";
import { verifyOperation } from "../src/app/ledger.ts";
import { GENESIS_HASH } from "../src/core/chain.ts";
import { measureUiSize, UI_INITIAL_JS_BUDGET_BYTES, type UiSize } from "./ui-size.ts";
import { DASHBOARD_BUDGET_MS, measureUiRender, type UiRender } from "./ui-render.ts";
import {
  FIELD_JS_BUDGET_BYTES,
  FIELD_START_BUDGET_MS,
  FIELD_SYNC_BUDGET_S,
  measureFieldSize,
  measureFieldStart,
  measureFieldSync,
  type FieldSize,
  type FieldStart,
  type FieldSync,
} from "./field.ts";

// RELIEFLINE_BENCH_QUICK=1: a smoke run of the benchmark itself (small sizes, short loads).
const QUICK = process.env.RELIEFLINE_BENCH_QUICK === "1";
const PHASES: Phase[] = QUICK
  ? [
      { batchSize: 1_000, maxEvents: 2_000, budgetSeconds: 10 },
      { batchSize: 10_000, maxEvents: 10_000, budgetSeconds: 10 },
    ]
  : [
      { batchSize: 1_000, maxEvents: 20_000, budgetSeconds: 35 },
      { batchSize: 10_000, maxEvents: 30_000, budgetSeconds: 35 },
    ];
const LOAD = { connections: 50, seconds: QUICK ? 1 : 5 };
const EXISTING_STARTS = QUICK ? 1 : 3;
/** Single events: this many phones posting at once, for this long. */
const PHONES = { clients: 10, seconds: QUICK ? 3 : 10 };
/** PGlite batch ingestion as its ledger grows: batches of 10,000 up to this many events. */
const GROW_TO = QUICK ? 30_000 : 170_000;
const SIZES = QUICK ? ALLOCATION_SIZES.slice(0, 1) : ALLOCATION_SIZES;
/** Scale-out: operations ingesting at once, and the large operation (events wanted, seconds allowed for generating them). */
const SCALE = QUICK
  ? { operations: 4, batchSize: 500, seconds: 10, events: 200_000, budgetSeconds: 60 }
  : { operations: 8, batchSize: 500, seconds: 30, events: 10_000_000, budgetSeconds: 600 };

const log = (line = "") => console.log(line);
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} on ${availableParallelism()} cores`;

interface EngineResult {
  name: string;
  detail?: string;
  skipped?: string;
  setupSeconds?: number;
  phases: PhaseResult[];
  health?: LoadResult;
  verifySeconds?: number;
  verified?: string;
  phones?: PhonesResult;
  /** progress, stock and units on the demo operation, beside a hello-world measured just before. */
  demo?: { hello: LoadResult; reads: ReadResult[] };
  /** Rate of each 10,000-event batch as the ledger grew (PGlite), with the events held after it. */
  growth?: { events: number; rate: number }[];
}

async function benchEngine(factory: EngineFactory): Promise<EngineResult> {
  log(`\n== Ingestion through the API: ${factory.name} ==`);
  const opened = await factory.open();
  if ("skipped" in opened) {
    log(`  SKIPPED: ${opened.skipped}`);
    return { name: factory.name, skipped: opened.skipped, phases: [] };
  }
  const { db } = opened;
  log(`  ${opened.detail}; created and migrated in ${secs(opened.setupSeconds)}`);
  const served = await serve(db);
  const result: EngineResult = {
    name: factory.name,
    detail: opened.detail,
    setupSeconds: opened.setupSeconds,
    phases: [],
  };
  try {
    const { cookie, copyOp } = await prepare(db, served.base);

    log(`  /api/health under autocannon -c ${LOAD.connections} -d ${LOAD.seconds} (${load()})`);
    result.health = await autocannon(`${served.base}/api/health`, LOAD.connections, LOAD.seconds);
    log(
      `    ${int(result.health.requestsPerSecond)} requests/s, p50 ${result.health.latencyP50Ms} ms, p99 ${result.health.latencyP99Ms} ms, ${result.health.non2xx} non-2xx, ${result.health.errors} errors; server CPU ${int(result.health.serverCpuUsPerRequest)} µs/request`,
    );

    let offset = 0;
    let copyHead = { seq: 0, hash: GENESIS_HASH };
    for (const phase of PHASES) {
      log(
        `  batches of ${int(phase.batchSize)} (up to ${int(phase.maxEvents)} events or ~${phase.budgetSeconds} s; ${load()})`,
      );
      const { result: r, copyHead: head } = await runPhase(
        db,
        served.base,
        cookie,
        copyOp,
        phase,
        offset,
        copyHead,
        log,
      );
      result.phases.push(r);
      offset += r.events;
      copyHead = head;
      log(
        `    API ${int(r.eventsPerSecond)} events/s; COPY ${int(r.copyRowsPerSecond)} rows/s; API/COPY ${pct(r.ratio)} (slowest batch ${secs(r.slowestBatch, 2)})`,
      );
    }

    log(`  single events: ${PHONES.clients} clients posting one at a time for ${PHONES.seconds} s (${load()})`);
    result.phones = await benchPhones(served.base, cookie, PHONES.clients, PHONES.seconds, offset);
    log(
      `    ${int(result.phones.eventsPerSecond)} events/s, p50 ${result.phones.p50Ms} ms, p99 ${result.phones.p99Ms} ms; answers ${JSON.stringify(result.phones.statuses)}`,
    );

    if (factory.name === "PGlite") {
      log(`  batches of 10,000 as the ledger grows to ${int(GROW_TO)} events (${load()})`);
      const held = (await findOperationWithHead(db, BENCH_OP))!.lastSeq;
      result.growth = await growLedger(served.base, cookie, offset + 10_000_000, held, GROW_TO, 10_000, log);
    }

    log(
      `  reads on the demo operation, autocannon -c ${LOAD.connections} -d ${LOAD.seconds} each, signed in (${load()})`,
    );
    result.demo = await benchDemoReads(db, served.base, LOAD.connections, LOAD.seconds);
    const demoRates = result.demo.reads.map((r) => `${r.endpoint} ${int(r.load.requestsPerSecond)}/s (${kb(r.bytes)})`);
    log(`    hello-world ${int(result.demo.hello.requestsPerSecond)}/s; ${demoRates.join(", ")}`);

    const started = performance.now();
    const check = await verifyOperation(db, (await findOperation(db, BENCH_OP))!);
    result.verifySeconds = (performance.now() - started) / 1000;
    result.verified = check.ok ? `intact, ${int(check.head.seq)} events` : `BROKEN at ${check.seq}: ${check.reason}`;
    log(`  verify ${BENCH_OP}: ${result.verified} in ${secs(result.verifySeconds, 2)}`);
    return result;
  } finally {
    await served.close();
    await opened.dispose();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The fresh ledger's batch rate (the last ingestion phase) and the grown one's (its last two batches). */
function growthFigures(
  e: EngineResult | undefined,
): [{ events: number; rate: number }?, { events: number; rate: number }?] {
  if (!e?.growth?.length || e.phases.length === 0) return [];
  const last = e.growth.slice(-2);
  return [
    { events: e.phases.reduce((n, p) => n + p.events, 0), rate: e.phases.at(-1)!.eventsPerSecond },
    { events: last.at(-1)!.events, rate: last.reduce((n, b) => n + b.rate, 0) / last.length },
  ];
}

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

  // ---- summary ----
  log("\n================ Summary ================");
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log("\nStart-up (reliefline start, spawn → /api/health 200)");
  if ("failed" in startup) {
    log(`  not measured: reliefline start failed (${startup.failed})`);
  } else {
    const existing = startup.existing.map((r) => r.seconds);
    log(
      table(
        ["data folder", "seconds", "target", "of which Node+modules"],
        [
          ["new", secs(startup.fresh.seconds), `≤ ${STARTUP_TARGETS.freshSeconds} s`, secs(startup.fresh.loadSeconds)],
          [
            `existing (median of ${existing.length}; min ${secs(Math.min(...existing))})`,
            secs(median(existing)),
            `≤ ${STARTUP_TARGETS.existingSeconds} s`,
            secs(median(startup.existing.map((r) => r.loadSeconds))),
          ],
          ["existing, through npm start", secs(startup.viaNpm.seconds), "", secs(startup.viaNpm.loadSeconds)],
        ],
        [1, 3],
      ),
    );
  }

  log(`\nHTTP baseline (autocannon -c ${LOAD.connections}, ${LOAD.seconds} s)`);
  const httpRows = [
    [
      "hello-world Fastify",
      int(hello.requestsPerSecond),
      "100.0 %",
      `${hello.latencyP99Ms} ms`,
      int(hello.serverCpuUsPerRequest),
      "1.0×",
    ],
  ];
  for (const e of engines) {
    if (!e.health) continue;
    const h = e.health;
    httpRows.push([
      `/api/health, real app on ${e.name}`,
      int(h.requestsPerSecond),
      pct(h.requestsPerSecond / hello.requestsPerSecond),
      `${h.latencyP99Ms} ms`,
      int(h.serverCpuUsPerRequest),
      `${(h.serverCpuUsPerRequest / hello.serverCpuUsPerRequest).toFixed(1)}×`,
    ]);
  }
  log(
    table(["server", "requests/s", "vs hello", "p99", "server CPU µs/req", "CPU vs hello"], httpRows, [1, 2, 3, 4, 5]),
  );

  log("\nBulk ingestion: POST /events/batch, sequential (API) vs raw COPY of as many equivalent rows into events");
  const ingestRows: string[][] = [];
  for (const e of engines) {
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
  const pg = concurrent.find((r) => r.engine === "PostgreSQL");
  const pgRate = pg && !("skipped" in pg) ? pg.eventsPerSecond : undefined;
  log(
    table(
      ["engine", "events", "events/s", "vs PostgreSQL", "ledgers"],
      concurrent.map((r) =>
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

  const reached = large.find((r) => !("skipped" in r)) as LargeReads | undefined;
  log(
    `\nOne large operation's reads (median of 3; reconciliation once)${reached && reached.events < reached.target ? `: ${int(reached.events)} of the ${int(reached.target)} events wanted were generated in the time allowed` : ""}`,
  );
  const readNames = reached ? Object.keys(reached.reads) : [];
  const citusReads = large.find((r) => r.engine === "Citus");
  const pgReads = large.find((r) => r.engine === "PostgreSQL");
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
      tracking.map((r) =>
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

  const readRows = tracking.flatMap((r) =>
    "skipped" in r || !r.reads || !r.hello
      ? []
      : r.reads.map((x) => [
          r.engine,
          int(r.events),
          x.endpoint,
          int(x.load.requestsPerSecond),
          int(r.hello!.requestsPerSecond),
          pct(x.load.requestsPerSecond / r.hello!.requestsPerSecond),
          `${(x.bytes / 1024).toFixed(1)} KB`,
          `${x.firstMs.toFixed(0)} ms`,
          `${x.load.latencyP99Ms} ms`,
        ]),
  );
  for (const e of [...engines].reverse()) {
    const demo = e.demo;
    if (!demo) continue;
    const rate = (x: ReadResult) => x.load.requestsPerSecond;
    readRows.unshift(
      ...demo.reads.map((x) => [
        e.name,
        "demo",
        x.endpoint,
        int(rate(x)),
        int(demo.hello.requestsPerSecond),
        pct(rate(x) / demo.hello.requestsPerSecond),
        kb(x.bytes),
        `${x.firstMs.toFixed(0)} ms`,
        `${x.load.latencyP99Ms} ms`,
      ]),
    );
  }
  log(
    `\nReads under autocannon -c ${LOAD.connections} (signed in), beside a hello-world Fastify measured just before; "first" is the first answer after the server started (computed, not cached)`,
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
      verified.map((r) =>
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
  log(verifyVerdict(verified));

  log(`\nAllocation planner (${ALLOCATION_ITEMS} items, seeded random instances)`);
  log(allocationTable(allocation));
  log(ALLOCATION_NOTE);

  log("\nOperations-room UI");
  const uiRows: string[][] = [];
  if ("failed" in uiSize)
    uiRows.push(["initial JS (gzip)", "—", `≤ ${UI_INITIAL_JS_BUDGET_BYTES / 1024} KB`, `failed: ${uiSize.failed}`]);
  else
    uiRows.push([
      "initial JS (gzip)",
      `${(uiSize.gzipBytes / 1024).toFixed(1)} KB`,
      `≤ ${UI_INITIAL_JS_BUDGET_BYTES / 1024} KB`,
      `${(uiSize.bytes / 1024).toFixed(0)} KB raw`,
    ]);
  if ("failed" in uiRender || "skipped" in uiRender) {
    uiRows.push([
      "dashboard rendered (demo, Chromium)",
      "—",
      `≤ ${DASHBOARD_BUDGET_MS} ms`,
      "failed" in uiRender ? `failed: ${uiRender.failed}` : `skipped: ${uiRender.skipped}`,
    ]);
  } else {
    uiRows.push([
      `dashboard painted with its figures (median of ${uiRender.runs})`,
      `${uiRender.dashboardMs.toFixed(0)} ms`,
      `≤ ${DASHBOARD_BUDGET_MS} ms`,
      `${(uiRender.dashboardMs / uiRender.helloMs).toFixed(1)}× the hello page`,
    ]);
    uiRows.push(["dashboard, first load (cold cache)", `${uiRender.dashboardColdMs.toFixed(0)} ms`, "", ""]);
    uiRows.push([
      "dashboard figures seen by the test driver (median)",
      `${uiRender.dashboardSeenMs.toFixed(0)} ms`,
      "",
      "its polling waits on a busy renderer",
    ]);
    uiRows.push(["baseline: static hello page, same browser", `${uiRender.helloMs.toFixed(0)} ms`, "", ""]);
  }
  log(table(["UI", "measured", "target", "note"], uiRows, [1]));

  log("\nField app (phone at 360 × 640, Chromium)");
  const fieldRows: string[][] = [];
  if ("failed" in fieldSize)
    fieldRows.push(["initial JS (gzip)", "—", `≤ ${FIELD_JS_BUDGET_BYTES / 1024} KB`, `failed: ${fieldSize.failed}`]);
  else
    fieldRows.push([
      "initial JS (gzip)",
      `${(fieldSize.gzipBytes / 1024).toFixed(1)} KB`,
      `≤ ${FIELD_JS_BUDGET_BYTES / 1024} KB`,
      `${(fieldSize.bytes / 1024).toFixed(0)} KB raw; the operations room's is beside it above`,
    ]);
  if ("failed" in fieldStart || "skipped" in fieldStart) {
    fieldRows.push([
      "offline start, 10,000 units",
      "—",
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      "failed" in fieldStart ? `failed: ${fieldStart.failed}` : `skipped: ${fieldStart.skipped}`,
    ]);
  } else {
    fieldRows.push([
      `offline start → task list painted, ${int(fieldStart.units)} units (median of ${fieldStart.runs})`,
      `${fieldStart.startMs.toFixed(0)} ms`,
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      `${(fieldStart.startMs / fieldStart.helloMs).toFixed(1)}× the hello page`,
    ]);
    fieldRows.push([
      "offline: a unit opened from the phone's store",
      `${fieldStart.unitMs.toFixed(0)} ms`,
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      "",
    ]);
    fieldRows.push(["baseline: offline start, 50 units", `${fieldStart.smallStartMs.toFixed(0)} ms`, "", ""]);
    fieldRows.push(["baseline: static hello page, same browser", `${fieldStart.helloMs.toFixed(0)} ms`, "", ""]);
  }
  for (const r of fieldSync) {
    if ("failed" in r) fieldRows.push([`sync of queued events, ${r.engine}`, "—", "", `failed: ${r.failed}`]);
    else if (r.skipped) fieldRows.push([`sync of queued events, ${r.engine}`, "—", "", `skipped: ${r.skipped}`]);
    else {
      fieldRows.push([
        `sync of ${int(r.events)} queued events, ${r.engine}`,
        secs(r.seconds, 2),
        r.engine === "PostgreSQL" ? `≤ ${FIELD_SYNC_BUDGET_S} s` : "",
        `${(r.seconds / r.directSeconds).toFixed(1)}× posting them from Node`,
      ]);
      fieldRows.push([
        `baseline: ${int(r.events)} events posted from Node, ${r.engine}`,
        secs(r.directSeconds, 2),
        "",
        "batches of 200, mode=each",
      ]);
    }
  }
  log(table(["field app", "measured", "target", "note"], fieldRows, [1]));

  log("\nPerformance targets (issue 14), each measured in this run");
  const measured = tracking.filter((r): r is TrackingResult => !("skipped" in r));
  // The targets of issue 14 item 6 first, one line each, NOT RUN where a part did not run; then the reads.
  const verdicts: Verdict[] = [];
  for (const e of engines) verdicts.push(ingestVerdict(e.name, e.phases));
  const postgres = engines.find((e) => e.name === "PostgreSQL");
  verdicts.push(phonesVerdict("PostgreSQL", postgres?.phones, PHONES_GOAL));
  const pglite = engines.find((e) => e.name === "PGlite");
  verdicts.push(growthVerdict("PGlite", ...growthFigures(pglite)));
  verdicts.push(...startupVerdicts(startup));
  for (const e of engines) if (e.name !== "PostgreSQL" && e.phones) verdicts.push(phonesVerdict(e.name, e.phones));
  for (const e of engines) {
    if (e.demo) verdicts.push(...demoReadVerdicts(e.name, e.demo, e.name === "PostgreSQL" ? READS_GOAL : undefined));
  }
  verdicts.push(...readVerdicts("PostgreSQL", measured, READS_GOAL), ...readVerdicts("PGlite", measured));
  for (const v of verdicts) log(`  ${verdictLine(v)}`);

  log(`\nWhole benchmark: ${secs((performance.now() - t0) / 1000)}; ${load()}`);
  if (loadavg()[0]! > availableParallelism())
    log("Note: the machine was oversubscribed (load average above the core count); absolute timings are pessimistic.");
}

await main();
