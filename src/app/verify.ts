// `verify` beyond the hash chain: in one repeatable-read snapshot, the events are read
// once in sequence order as text (each hash recomputed, each event's moves recomputed by
// core/moves.ts and copied into a temporary table, each unit's state folded forward by
// core/unit-history.ts, on worker threads), then stock_moves and stock_balances are compared with the moves
// in SQL (EXCEPT both ways), every unit's state with unit_states, and each
// publication's recorded ledger head with the chain. A unit whose events were recorded
// out of event-time order is replayed from all its events, as the projection does.
import { chainVerifier, type ChainCheck, type ChainHead } from "../core/chain.ts";
import { unitHistory } from "../core/unit-history.ts";
import { DRIFT_TABLES, unitStateDrift, type Drift, type DriftTable } from "../core/drift.ts";
import type { Db, Tx } from "../store/db.ts";
import { batchPool, defaultWorkers } from "../verify/pool.ts";
import { mergeSums, movesCsvOfLines, type BatchCheck, type Folded } from "../verify/batch.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { readChainHead } from "../store/ledger.sql.ts";
import { loadUnitEvents, loadUnitStates } from "../store/unit-states.sql.ts";
import * as store from "../store/verify.sql.ts";
import { expectedMovesDigest, type ExpectedBalance, type SeqRange } from "../store/verify.sql.ts";
import type { Principal } from "./principal.ts";
import { authoriseRole } from "./authorise-role.ts";

/** At most this many drifts are listed per table (all are counted). */
export const DRIFT_LIMIT = 100;
const BATCH = 5000;
/** Below this many events the batches are checked in this thread: starting workers would cost more. */
const WORKERS_FROM = 20_000;
const UNIT_CHUNK = 1000;

export interface LedgerVerification {
  operation: string;
  ok: boolean;
  head: ChainHead;
  chain: ChainCheck;
  /** The first drifts of each table, in table order. */
  drift: Drift[];
  /** How many drifts each table has in all. */
  driftCounts: Record<DriftTable, number>;
  checked: { events: number; moves: number; balances: number; units: number; publications: number };
}

export type VerifyProgress = (phase: string, done: number, total: number) => void;

export interface VerifyOptions {
  /** Worker threads for hashing, moves and unit states (default: one per core, none for a small ledger). */
  workers?: number;
  /** Events per batch read and checked (default 5,000; tests use small ones to cross batches). */
  batch?: number;
}

export async function verifyLedger(
  db: Db,
  operation: Operation,
  onProgress?: VerifyProgress,
  options: VerifyOptions = {},
): Promise<LedgerVerification> {
  return db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    await store.allowLargeComparisons(tx);
    const head = await readChainHead(tx, operation.id);
    const workers = options.workers ?? (head.seq >= WORKERS_FROM ? defaultWorkers() : 0);
    const read = await readLedger(tx, operation, head, workers, options.batch ?? BATCH, onProgress);
    const { chain, folded } = read;
    const drift: Drift[] = [];
    const counts = Object.fromEntries(DRIFT_TABLES.map((t) => [t, 0])) as Record<DriftTable, number>;
    if (!chain.ok) {
      drift.push({
        table: "events",
        key: `seq ${chain.seq}`,
        seq: chain.seq,
        expected: "an unbroken hash chain",
        found: chain.reason,
      });
      counts.events = 1;
    }
    onProgress?.("stock", 0, 1);
    const moves = await store.movesDrift(tx, operation.id, head.seq, read.differing, DRIFT_LIMIT);
    drift.push(...moves.rows.map((r) => ({ table: "stock_moves" as const, ...clean(r) })));
    counts.stock_moves = moves.total;
    const balances = await store.balancesDrift(tx, operation.id, read.balances, DRIFT_LIMIT);
    drift.push(...balances.rows.map((r) => ({ table: "stock_balances" as const, ...clean(r) })));
    counts.stock_balances = balances.total;
    onProgress?.("stock", 1, 1);
    const units = await unitStates(tx, operation, folded, onProgress);
    drift.push(...units.drift.slice(0, DRIFT_LIMIT));
    counts.unit_states = units.drift.length;
    const publications = await store.publicationsDrift(tx, operation.id);
    drift.push(
      ...publications.rows
        .slice(0, DRIFT_LIMIT)
        .map(({ publication, ...r }) => ({ table: "publications" as const, ...clean(r), publication })),
    );
    counts.publications = publications.rows.length;
    return {
      operation: operation.code,
      ok: drift.length === 0,
      head,
      chain,
      drift,
      driftCounts: counts,
      checked: {
        events: chain.checked,
        moves: read.moves,
        balances: read.balances.length,
        units: units.checked,
        publications: publications.checked,
      },
    };
  });
}

const clean = (r: store.DriftRow): Omit<Drift, "table"> => ({
  key: r.key,
  expected: r.expected,
  found: r.found,
  ...(r.seq !== null && { seq: r.seq }),
  ...(r.item !== null && { item: r.item }),
  ...(r.location !== null && { location: r.location }),
});

interface LedgerRead {
  chain: ChainCheck;
  folded: Map<string, Folded>;
  /** Each place and item's sum of the recomputed moves (every pair moved). */
  balances: ExpectedBalance[];
  moves: number;
  /** Ranges of events whose stored moves differ from the recomputed ones (copied into verify_moves). */
  differing: SeqRange[];
}

/**
 * One pass over the events in sequence order, read as lines of text: the links of the chain
 * are checked here, while batches are read, hashed, their moves recomputed and their units'
 * states folded on worker threads (../verify/pool.ts). Each batch's moves are compared with
 * the stored ones by digest; where they differ they are COPYed into verify_moves for the
 * row-by-row comparison. The earliest failure of the chain wins.
 */
async function readLedger(
  tx: Tx,
  operation: Operation,
  head: ChainHead,
  workers: number,
  batch: number,
  onProgress?: VerifyProgress,
): Promise<LedgerRead> {
  await store.createExpectedMoves(tx);
  const links = chainVerifier(undefined, { hashes: false });
  const pool = batchPool(operation.id, workers);
  const inFlight: { check: Promise<BatchCheck>; range: SeqRange; lines: string[] }[] = [];
  const differing: SeqRange[] = [];
  let moves = 0;
  let altered: number | null = null;
  let mismatched: ChainCheck | undefined;
  const compare = async (range: SeqRange, digest: string, lines: readonly string[]) => {
    if ((await store.movesDigest(tx, operation.id, ...range)) === digest) return;
    differing.push(range);
    await store.copyExpectedMoves(tx, movesCsvOfLines(operation.id, lines));
  };
  const drain = async (keep: number) => {
    while (inFlight.length > keep) {
      const { check: pending, range, lines } = inFlight.shift()!;
      const check = await pending;
      if (altered === null && check.altered !== null) altered = check.altered;
      if (!mismatched && check.mismatch)
        mismatched = {
          ok: false,
          seq: check.mismatch.seq,
          reason: `event ${check.mismatch.seq} was altered: ${check.mismatch.reason}`,
          checked: check.mismatch.seq,
        };
      moves += check.moves;
      await compare(range, check.digest, lines);
    }
  };
  let finished: Awaited<ReturnType<typeof pool.finish>>;
  let after = 0;
  try {
    onProgress?.("events", 0, head.seq);
    let next = store.readEventLines(tx, operation.id, after, head.seq, batch);
    for (;;) {
      const lines = await next;
      for (const line of lines) links.step(store.eventLineLink(line));
      if (lines.length > 0) {
        const last = store.eventLineLink(lines.at(-1)!).seq;
        // The next page is asked for before this one's checks are awaited: the database reads it meanwhile.
        if (lines.length === batch) {
          next = store.readEventLines(tx, operation.id, last, head.seq, batch);
          next.catch(() => undefined); // awaited below; a failure while this batch is checked is not unhandled
        }
        inFlight.push({ check: pool.check(lines), range: [after, last], lines });
        after = last;
        await drain(2 * Math.max(1, workers));
        onProgress?.("events", after, head.seq);
      }
      if (lines.length < batch) break;
    }
    await drain(0);
    finished = await pool.finish();
  } finally {
    await pool.close();
  }
  // Events missing at the end of the chain: their stored moves, if any, are compared with none.
  if (after < head.seq) await compare([after, head.seq], expectedMovesDigest([]), []);
  onProgress?.("events", head.seq, head.seq);
  const linked = links.finish(head);
  const hashed: ChainCheck | undefined =
    altered === null
      ? undefined
      : {
          ok: false,
          seq: altered,
          reason: `event ${altered} was altered: its content no longer matches its hash`,
          checked: altered,
        };
  const failures = [mismatched, hashed, linked.ok ? undefined : linked].filter(
    (f): f is Extract<ChainCheck, { ok: false }> => f !== undefined && !f.ok,
  );
  const chain = failures.sort((a, b) => a.seq - b.seq)[0] ?? linked;
  return { chain, folded: finished.folded, balances: mergeSums(finished.sums), moves, differing };
}

/** Every unit's state (folded forward, or replayed from all its events) against the stored state, a chunk of units at a time. */
async function unitStates(
  tx: Tx,
  operation: Operation,
  folded: ReadonlyMap<string, Folded>,
  onProgress?: VerifyProgress,
): Promise<{ drift: Drift[]; checked: number }> {
  const units = [...folded.keys()].sort();
  const drift: Drift[] = [];
  for (let i = 0; i < units.length; i += UNIT_CHUNK) {
    const chunk = units.slice(i, i + UNIT_CHUNK);
    const replay = chunk.filter((u) => folded.get(u) === "replay");
    const events = await loadUnitEvents(tx, operation.id, replay);
    const stored = await loadUnitStates(tx, operation.id, chunk);
    for (const unit of chunk) {
      const state = folded.get(unit)!;
      drift.push(
        ...unitStateDrift(unit, state === "replay" ? unitHistory(events.get(unit) ?? []) : state, stored.get(unit)),
      );
    }
    onProgress?.("units", Math.min(i + UNIT_CHUNK, units.length), units.length);
  }
  const orphans = await store.statesWithoutEvents(tx, operation.id);
  const found = await loadUnitStates(tx, operation.id, orphans);
  for (const unit of orphans) drift.push(...unitStateDrift(unit, undefined, found.get(unit)));
  return { drift, checked: units.length + orphans.length };
}

/** The admin API's verify: operation admins (and system administrators) only. */
export async function verifyOperationLedger(
  db: Db,
  principal: Principal,
  operationCode: string,
): Promise<LedgerVerification> {
  const { operation } = await authoriseRole(
    db,
    principal,
    operationCode,
    ["admin"],
    "verify the ledger and its projections",
  );
  return verifyLedger(db, operation);
}
