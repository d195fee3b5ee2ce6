// Reading, verifying and replaying the ledger.
import type { ChainCheck } from "../core/chain.ts";
import { chainVerifier } from "../core/chain.ts";
import type { RecordedEvent } from "../core/events.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { Operation, OperationWithHead } from "../store/catalogue.sql.ts";
import { clearStockProjections, lockOperation, postMoves, readChainHead, readEvents } from "../store/ledger.sql.ts";
import { countLatestDayEvents } from "../store/day-events.sql.ts";
import { movesOfRecords } from "./record-events.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { rebuildUnitStates } from "./unit-projection.ts";

/** The operation a reader may follow, with its ledger head as it is now (authorise may remember an older one). */
export async function operationAtHead(db: Db, principal: Principal, operationCode: string): Promise<OperationWithHead> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const head = await readChainHead(db, operation.id);
  return { ...operation, lastSeq: head.seq, lastHash: head.hash };
}

export async function listEvents(
  db: Db,
  principal: Principal,
  operationCode: string,
  afterSeq: number,
  limit: number,
): Promise<RecordedEvent[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const out: RecordedEvent[] = [];
  for await (const { record } of readEvents(db, operation.id, afterSeq, limit)) {
    out.push(record);
    if (out.length >= limit) break;
  }
  return out;
}

export interface LatestDay {
  /** The latest calendar day with an event, in the operation's time zone (YYYY-MM-DD); null: no events yet. */
  day: string | null;
  /** Every event of that day, counted in the store. */
  total: number;
  /** Per event type, the commonest first. */
  byType: { type: string; count: number }[];
}

/** The latest day with events in the operation's time zone, every event of it counted by type. */
export async function latestDayOfEvents(
  db: Queryable,
  principal: Principal,
  operationCode: string,
): Promise<LatestDay> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const rows = await countLatestDayEvents(db, operation.id, operation.timeZone);
  return {
    day: rows[0]?.day ?? null,
    total: rows.reduce((n, r) => n + r.count, 0),
    byType: rows.map(({ type, count }) => ({ type, count })),
  };
}

/** Walks the whole chain of one operation and reports the first broken link, if any. */
export async function verifyOperation(
  db: Queryable,
  operation: Operation,
  onProgress?: (seq: number, total: number) => void,
): Promise<ChainCheck> {
  const claimed = await readChainHead(db, operation.id);
  const verifier = chainVerifier();
  for await (const { record, mismatch } of readEvents(db, operation.id)) {
    if (mismatch)
      return {
        ok: false,
        seq: record.seq,
        reason: `event ${record.seq} was altered: ${mismatch}`,
        checked: record.seq,
      };
    if (!verifier.step(record)) break;
    if (record.seq % 10_000 === 0) onProgress?.(record.seq, claimed.seq);
  }
  onProgress?.(claimed.seq, claimed.seq);
  return verifier.finish(claimed);
}

/** Rebuilds an operation's stock and unit-state projections by replaying its events. */
export async function rebuildOperation(
  db: Db,
  operation: Operation,
  onProgress?: (seq: number, total: number) => void,
): Promise<{ events: number }> {
  return db.transaction(async (tx) => {
    await lockOperation(tx, operation.id);
    return replayProjections(tx, operation, onProgress);
  });
}

/** Inside the caller's transaction: clears the operation's stock and unit-state projections and replays its events into them. */
export async function replayProjections(
  tx: Queryable,
  operation: Operation,
  onProgress?: (seq: number, total: number) => void,
): Promise<{ events: number }> {
  const claimed = await readChainHead(tx, operation.id);
  await clearStockProjections(tx, operation.id);
  let page: RecordedEvent[] = [];
  let events = 0;
  const flush = async () => {
    await postMoves(tx, operation.id, movesOfRecords(page));
    events += page.length;
    onProgress?.(events, claimed.seq);
    page = [];
  };
  for await (const { record } of readEvents(tx, operation.id)) {
    page.push(record);
    if (page.length === 5000) await flush();
  }
  await flush();
  await rebuildUnitStates(tx, operation);
  return { events };
}
