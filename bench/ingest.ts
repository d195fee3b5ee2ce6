// Bulk ingestion through the HTTP API, and the raw COPY baseline it is compared with.
// The real app (buildApp) listens on a free port; batches are posted one after another
// to POST /api/operations/:op/events/batch, as a field-data importer would.
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/api/app.ts";
import type { Db } from "../src/store/db.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import { addLocations } from "../src/app/catalogue.ts";
import { ADMIN_PASSWORD, seedOperation } from "../test/helpers/fixtures.ts";
import { signInHttp } from "./cli-process.ts";
import { benchEvents, eventsCsv, EVENT_COLUMNS, fleetLocations, MOVE_COLUMNS } from "./events.ts";

export const BENCH_OP = "BENCH-OP";
const COPY_OP = "BENCH-COPY";

export interface Served {
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

export async function serve(db: Db): Promise<Served> {
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { app, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface Phase {
  batchSize: number;
  /** Events to post at most. */
  maxEvents: number;
  /** Stop after the batch that crosses this many seconds (the count is reported). */
  budgetSeconds: number;
}

export interface PhaseResult {
  batchSize: number;
  events: number;
  batches: number;
  seconds: number;
  eventsPerSecond: number;
  /** Slowest batch, seconds. */
  slowestBatch: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  /** API rate ÷ COPY rate. */
  ratio: number;
  /** Informative: API rate ÷ the rate of COPYing the events and then their stock moves (the two ledgers an append writes). */
  ratioWithMoves: number;
}

/** Seeds the ledger operation and the COPY scratch operation; signs in over HTTP. */
export async function prepare(
  db: Db,
  base: string,
): Promise<{ cookie: string; copyOp: { id: string; userId: string } }> {
  const admin = await seedOperation(db, BENCH_OP);
  await addLocations(db, admin, BENCH_OP, fleetLocations());
  const scratch = await seedOperation(db, COPY_OP);
  const cookie = await signInHttp(base, admin.email, ADMIN_PASSWORD);
  const op = await findOperation(db, COPY_OP);
  return { cookie, copyOp: { id: op!.id, userId: scratch.userId } };
}

export async function runPhase(
  db: Db,
  base: string,
  cookie: string,
  copyOp: { id: string; userId: string },
  phase: Phase,
  offset: number,
  copyHead: { seq: number; hash: string },
  log: (line: string) => void,
): Promise<{ result: PhaseResult; copyHead: { seq: number; hash: string } }> {
  // Bodies are built before the clock starts: the client's work is not the server's.
  const batches: string[] = [];
  for (let n = 0; n < phase.maxEvents; n += phase.batchSize) {
    batches.push(JSON.stringify({ events: benchEvents(Math.min(phase.batchSize, phase.maxEvents - n), offset + n) }));
  }
  const url = `${base}/api/operations/${BENCH_OP}/events/batch`;
  let events = 0;
  let slowest = 0;
  let posted = 0;
  const started = performance.now();
  for (const body of batches) {
    const t = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    const answer = (await res.json()) as { created?: number; detail?: string };
    if (res.status !== 200)
      throw new Error(`batch refused: ${res.status} ${answer.detail ?? JSON.stringify(answer).slice(0, 500)}`);
    events += answer.created!;
    posted += 1;
    slowest = Math.max(slowest, (performance.now() - t) / 1000);
    if ((performance.now() - started) / 1000 > phase.budgetSeconds) break;
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `    ${events.toLocaleString("en")} events in ${posted} batch${posted === 1 ? "" : "es"} of ${phase.batchSize.toLocaleString("en")}: ${seconds.toFixed(1)} s`,
  );

  const { csv, movesCsv, head } = eventsCsv(copyOp.id, copyOp.userId, events, copyHead);
  const copyStarted = performance.now();
  await db.copyCsv("events", EVENT_COLUMNS, csv);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const movesStarted = performance.now();
  await db.copyCsv("stock_moves", MOVE_COLUMNS, movesCsv);
  const movesSeconds = (performance.now() - movesStarted) / 1000;
  log(
    `    COPY of ${events.toLocaleString("en")} equivalent rows (${(csv.length / 1e6).toFixed(1)} MB CSV): ${copySeconds.toFixed(2)} s; ` +
      `then of their moves: ${movesSeconds.toFixed(2)} s (API ÷ COPY of both: ${((100 * (copySeconds + movesSeconds)) / seconds).toFixed(1)} %)`,
  );

  const eventsPerSecond = events / seconds;
  const copyRowsPerSecond = events / copySeconds;
  return {
    result: {
      batchSize: phase.batchSize,
      events,
      batches: posted,
      seconds,
      eventsPerSecond,
      slowestBatch: slowest,
      copySeconds,
      copyRowsPerSecond,
      ratio: eventsPerSecond / copyRowsPerSecond,
      ratioWithMoves: (copySeconds + movesSeconds) / seconds,
    },
    copyHead: head,
  };
}

/**
 * Keeps posting batches of `batchSize` until the ledger of BENCH_OP holds `upTo` events
 * (the posted events continue the cycle from `offset`); the rate of each batch, with how
 * many events the ledger held after it.
 */
export async function growLedger(
  base: string,
  cookie: string,
  offset: number,
  holding: number,
  upTo: number,
  batchSize: number,
  log: (line: string) => void,
): Promise<{ events: number; rate: number }[]> {
  const url = `${base}/api/operations/${BENCH_OP}/events/batch`;
  const out: { events: number; rate: number }[] = [];
  for (let held = holding, k = offset; held < upTo; k += batchSize) {
    const body = JSON.stringify({ events: benchEvents(batchSize, k) });
    const t = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    const answer = (await res.json()) as { created?: number; detail?: string };
    if (res.status !== 200)
      throw new Error(`batch refused: ${res.status} ${answer.detail ?? JSON.stringify(answer).slice(0, 500)}`);
    held += answer.created!;
    out.push({ events: held, rate: answer.created! / ((performance.now() - t) / 1000) });
  }
  log(
    `    ${out.map((b) => `${Math.round(b.rate).toLocaleString("en")}/s`).join(", ")} (batches of ${batchSize.toLocaleString("en")}, up to ${out.at(-1)?.events.toLocaleString("en")} events)`,
  );
  return out;
}
