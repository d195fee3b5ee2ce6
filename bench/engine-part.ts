// One engine's part of `npm run bench`: the app served on it, /api/health under load, bulk
// ingestion against a raw COPY, single events from concurrent clients, (PGlite) batches as the
// ledger grows, the demo's reads and a verify of what was ingested.
import { autocannon, type LoadResult } from "./http-baseline.ts";
import type { EngineFactory } from "./engines.ts";
import { BENCH_OP, growLedger, prepare, runPhase, serve, type PhaseResult } from "./ingest.ts";
import { benchPhones, type PhonesResult } from "./concurrent-append.ts";
import { benchDemoReads, type ReadResult } from "./reads.ts";
import { int, pct, secs } from "./table.ts";
import { findOperation, findOperationWithHead } from "../src/store/catalogue.sql.ts";
import { verifyOperation } from "../src/app/ledger.ts";
import { GENESIS_HASH } from "../src/core/chain.ts";
import { GROW_TO, LOAD, PHASES, PHONES, load, log } from "./settings.ts";

export interface EngineResult {
  name: string;
  detail?: string;
  skipped?: string;
  setupSeconds?: number;
  phases: PhaseResult[];
  health?: LoadResult;
  verifySeconds?: number;
  verified?: string;
  phones?: PhonesResult;
  /** progress, stock and units on the demo operation, each beside a hello-world measured just before it. */
  demo?: ReadResult[];
  /** Rate of each 10,000-event batch as the ledger grew (PGlite), with the events held after it. */
  growth?: { events: number; rate: number }[];
}

export async function benchEngine(factory: EngineFactory): Promise<EngineResult> {
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
      `    ${int(result.phones.eventsPerSecond)} events/s, p50 ${result.phones.p50Ms} ms, p99 ${result.phones.p99Ms} ms; answers ${JSON.stringify(result.phones.statuses)}; the clients' own CPU ${result.phones.clientCpuUsPerEvent} µs/event`,
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
    const demoRates = result.demo.map(
      (r) =>
        `${r.endpoint} ${int(r.load.requestsPerSecond)}/s (${kb(r.bytes)}; hello-world ${int(r.hello.requestsPerSecond)}/s)`,
    );
    log(`    ${demoRates.join(", ")}`);

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

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The fresh ledger's batch rate (the last ingestion phase) and the grown one's (its last two batches). */
export function growthFigures(
  e: EngineResult | undefined,
): [{ events: number; rate: number }?, { events: number; rate: number }?] {
  if (!e?.growth?.length || e.phases.length === 0) return [];
  const last = e.growth.slice(-2);
  return [
    { events: e.phases.reduce((n, p) => n + p.events, 0), rate: e.phases.at(-1)!.eventsPerSecond },
    { events: last.at(-1)!.events, rate: last.reduce((n, b) => n + b.rate, 0) / last.length },
  ];
}
