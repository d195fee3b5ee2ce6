// The events table and the stock projections written in the same transaction.
import type { LedgerEvent, RecordedEvent } from "../core/events.ts";
import type { ChainHead } from "../core/chain.ts";
import type { StockMove } from "../core/moves.ts";
import type { Decimal } from "../core/quantity.ts";
import { dec } from "../core/quantity.ts";
import type { Opening, Queryable, Row } from "./db.ts";
import { copyRow, prepared } from "./db.ts";

/**
 * Locks the operation's chain head for this transaction: appends to one operation are serialised here.
 * It is an UPDATE that changes nothing rather than a SELECT … FOR UPDATE: on a Citus cluster only a
 * modification takes the shard's metadata lock, which a shard move's final switch waits for and which
 * makes a later append wait for the switch and then write to the new placement. With a SELECT first,
 * an append that began as the switch happened could lock the head on the old placement and commit
 * its events there, to be dropped with it (seen in the rebalancing test: a 201 whose event was gone).
 */
export async function lockChainHead(tx: Queryable, operationId: string): Promise<ChainHead> {
  return lockedChainHead(await tx.query(prepared(LOCK_HEAD), [operationId]), operationId);
}

const LOCK_HEAD = "update ledger_heads set last_seq = last_seq where operation_id = $1 returning last_seq, last_hash";

/** `lockChainHead` as a transaction's opening statement (sent with BEGIN); its rows go to `lockedChainHead`. */
export const chainHeadLock = (operationId: string): Opening => ({ text: LOCK_HEAD, params: [operationId] });

/** The head locked by `chainHeadLock`, from its rows. */
export function lockedChainHead(rows: readonly Row[], operationId: string): ChainHead {
  const row = rows[0] as { last_seq: number; last_hash: string } | undefined;
  if (!row) throw new Error(`operation ${operationId} vanished during an append`);
  return { seq: row.last_seq, hash: row.last_hash };
}

/** Moves the head; its parameters are `$p` (the sequence number) and `$p+1` (the hash). */
export const headUpdate = (p: number) =>
  `update ledger_heads set last_seq = $${p}, last_hash = $${p + 1} where operation_id = $1`;

export async function saveChainHead(tx: Queryable, operationId: string, head: ChainHead): Promise<void> {
  await tx.query(prepared(headUpdate(2)), [operationId, head.seq, head.hash]);
}

export async function readChainHead(db: Queryable, operationId: string): Promise<ChainHead> {
  const [row] = await db.query<{ last_seq: number; last_hash: string }>(
    "select last_seq, last_hash from ledger_heads where operation_id = $1",
    [operationId],
  );
  return { seq: row?.last_seq ?? 0, hash: row?.last_hash ?? "" };
}

export const EVENT_COLUMNS = [
  "operation_id",
  "seq",
  "id",
  "type",
  "event_time",
  "recorded_at",
  "recorded_by",
  "body",
  "prev_hash",
  "hash",
] as const;

/**
 * Rows computed from a parameter (jsonb_to_recordset, unnest) are selected from the
 * operation's ledger head, `from ledger_heads head cross join … where head.operation_id = $1`,
 * taking their operation_id from it. On PostgreSQL that joins one row by its key. On Citus
 * it makes the statement an INSERT … SELECT between co-located tables, planned as one task
 * on the operation's worker; without it the rows would be computed on the coordinator and
 * copied to the worker, which Citus commits in two phases. Every such write does this.
 */
export const FROM_ITS_HEAD = "from ledger_heads head";

/** From this many rows COPY is cheaper than one INSERT of arrays (COPY costs more to set up). */
export const COPY_FROM_ROWS = 100;

/** One INSERT of events from arrays, its parameters numbered from `p` ($1 is the operation). */
export const eventsInsert = (p: number) =>
  `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
   select head.operation_id, e.seq, e.id, e.type, e.event_time, e.recorded_at, e.recorded_by, e.body, e.prev_hash, e.hash
   ${FROM_ITS_HEAD} cross join unnest(${params(p, ["int8", "uuid", "text", "timestamptz", "timestamptz", "uuid", "jsonb", "text", "text"])})
     as e(seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
   where head.operation_id = $1`;

export const eventParams = (records: readonly RecordedEvent[]): unknown[] => [
  records.map((r) => r.seq),
  records.map((r) => r.event.id),
  records.map((r) => r.event.type),
  records.map((r) => r.event.eventTime),
  records.map((r) => r.recordedAt),
  records.map((r) => r.recordedBy),
  records.map((r) => JSON.stringify(r.event)),
  records.map((r) => r.prevHash),
  records.map((r) => r.hash),
];

/** `$p::t0[], $p+1::t1[], …`: array parameters for unnest. */
const params = (p: number, types: readonly string[]) => types.map((t, i) => `$${p + i}::${t}[]`).join(", ");

/** Writes chained events, in the caller's transaction: COPY for many (the cheapest insert on both engines), one INSERT for few. */
export async function insertEvents(tx: Queryable, records: readonly RecordedEvent[]): Promise<void> {
  if (records.length === 0) return;
  if (records.length < COPY_FROM_ROWS) {
    await tx.query(prepared(eventsInsert(2)), [records[0]!.operationId, ...eventParams(records)]);
    return;
  }
  let rows = "";
  for (const r of records) {
    const e = r.event;
    rows += `${copyRow([r.operationId, r.seq, e.id, e.type, e.eventTime, r.recordedAt, r.recordedBy, JSON.stringify(e), r.prevHash, r.hash])}\n`;
  }
  await tx.copyText("events", EVENT_COLUMNS, rows);
}

/** One INSERT of stock moves from arrays, its parameters numbered from `p` ($1 is the operation). */
export const movesInsert = (p: number) =>
  `insert into stock_moves (operation_id, seq, line, item_code, quantity, from_code, to_code, event_time)
   select head.operation_id, m.seq, m.line, m.item, m.quantity, m.from_code, m.to_code, m.event_time
   ${FROM_ITS_HEAD} cross join unnest(${params(p, ["int8", "int4", "text", "numeric", "text", "text", "timestamptz"])})
     as m(seq, line, item, quantity, from_code, to_code, event_time)
   where head.operation_id = $1`;

export const moveParams = (moves: readonly MoveRow[]): unknown[] => [
  moves.map((m) => m.seq),
  moves.map((m) => m.line),
  moves.map((m) => m.item),
  moves.map((m) => m.quantity),
  moves.map((m) => m.from),
  moves.map((m) => m.to),
  moves.map((m) => m.eventTime),
];

export interface MoveRow extends StockMove {
  seq: number;
  line: number;
  eventTime: string;
}

export const MOVE_COLUMNS = [
  "operation_id",
  "seq",
  "line",
  "item_code",
  "quantity",
  "from_code",
  "to_code",
  "event_time",
] as const;

/** Writes moves (COPY) and adds them to the balances (one upsert of the summed changes), in the caller's transaction. */
export async function postMoves(tx: Queryable, operationId: string, moves: readonly MoveRow[]): Promise<void> {
  if (moves.length === 0) return;
  if (moves.length < COPY_FROM_ROWS) {
    await tx.query(prepared(movesInsert(2)), [operationId, ...moveParams(moves)]);
  } else {
    let rows = "";
    for (const m of moves)
      rows += `${copyRow([operationId, m.seq, m.line, m.item, m.quantity, m.from, m.to, m.eventTime])}\n`;
    await tx.copyText("stock_moves", MOVE_COLUMNS, rows);
  }
  await addToBalances(tx, operationId, balanceChanges(moves));
}

export interface BalanceChange {
  location: string;
  item: string;
  sum: Decimal;
  /** Decimal places of the widest quantity summed: SQL's sum of numerics keeps it, so replaying in other batches stores the same text. */
  scale: number;
}

/** The moves summed per (location, item): out of `from`, into `to`. */
export function balanceChanges(moves: readonly MoveRow[]): BalanceChange[] {
  const changes = new Map<string, BalanceChange>();
  const add = (location: string, item: string, quantity: string, sign: 1 | -1) => {
    const key = `${location}\u0000${item}`;
    const dot = quantity.indexOf(".");
    const scale = dot < 0 ? 0 : quantity.length - dot - 1;
    const change = changes.get(key);
    const amount = sign === 1 ? dec(quantity) : dec(quantity).neg();
    if (!change) changes.set(key, { location, item, sum: amount, scale });
    else {
      change.sum = change.sum.plus(amount);
      change.scale = Math.max(change.scale, scale);
    }
  };
  for (const m of moves) {
    add(m.from, m.item, m.quantity, -1);
    add(m.to, m.item, m.quantity, 1);
  }
  return [...changes.values()];
}

async function addToBalances(tx: Queryable, operationId: string, changes: readonly BalanceChange[]): Promise<void> {
  await tx.query(prepared(balancesUpsert(2)), [operationId, ...balanceParams(changes)]);
}

/** One upsert adding summed changes to the balances, its parameters numbered from `p` ($1 is the operation). */
export const balancesUpsert = (p: number) =>
  `insert into stock_balances (operation_id, location_code, item_code, quantity)
   select head.operation_id, c.location, c.item, c.quantity
   ${FROM_ITS_HEAD} cross join unnest(${params(p, ["text", "text", "numeric"])}) as c(location, item, quantity)
   where head.operation_id = $1
   on conflict (operation_id, location_code, item_code)
   do update set quantity = stock_balances.quantity + excluded.quantity`;

export const balanceParams = (changes: readonly BalanceChange[]): unknown[] => [
  changes.map((c) => c.location),
  changes.map((c) => c.item),
  changes.map((c) => c.sum.toFixed(c.scale)),
];

interface EventRow {
  operation_id: string;
  seq: number;
  id: string;
  type: string;
  event_time: Date;
  recorded_at: Date;
  recorded_by: string;
  body: LedgerEvent;
  prev_hash: string;
  hash: string;
}

/** A stored row as the chain sees it; derived columns that disagree with the body are reported. */
export function recordOf(row: EventRow): { record: RecordedEvent; mismatch?: string } {
  const record: RecordedEvent = {
    operationId: row.operation_id,
    seq: row.seq,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    event: row.body,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  const mismatch =
    row.id !== row.body.id
      ? "its id column differs from the recorded event"
      : row.type !== row.body.type
        ? "its type column differs from the recorded event"
        : row.event_time.getTime() !== Date.parse(row.body.eventTime)
          ? "its event_time column differs from the recorded event"
          : undefined;
  return mismatch ? { record, mismatch } : { record };
}

/** Reads an operation's events in sequence order, a page at a time. */
export async function* readEvents(
  db: Queryable,
  operationId: string,
  afterSeq = 0,
  pageSize = 5000,
): AsyncGenerator<ReturnType<typeof recordOf>> {
  let after = afterSeq;
  for (;;) {
    const rows = await db.query<EventRow>(
      `select operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash
       from events where operation_id = $1 and seq > $2 order by seq limit $3`,
      [operationId, after, pageSize],
    );
    for (const row of rows) yield recordOf(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function clearStockProjections(tx: Queryable, operationId: string): Promise<void> {
  await tx.query("delete from stock_balances where operation_id = $1", [operationId]);
  await tx.query("delete from stock_moves where operation_id = $1", [operationId]);
}

/** Locks the operation's ledger head for this transaction: its appends, rebuilds and reconciliation runs take turns. */
export async function lockOperation(tx: Queryable, operationId: string): Promise<void> {
  await lockChainHead(tx, operationId);
}

/** Every event of one transport unit, in the order stored (callers sort by event time). */
export async function eventsOfUnit(
  db: Queryable,
  operationId: string,
  unit: string,
): Promise<{ seq: number; recordedAt: Date; event: LedgerEvent }[]> {
  const rows = await db.query<{ seq: number; recorded_at: Date; body: LedgerEvent }>(
    "select seq, recorded_at, body from events where operation_id = $1 and body ->> 'unit' = $2 order by seq",
    [operationId, unit],
  );
  return rows.map((r) => ({ seq: r.seq, recordedAt: r.recorded_at, event: r.body }));
}

/** Counts at receipt that name no unit (a warehouse count), as stored. */
export async function unitlessReceipts(db: Queryable, operationId: string): Promise<LedgerEvent[]> {
  const rows = await db.query<{ body: LedgerEvent }>(
    "select body from events where operation_id = $1 and type = 'GoodsReceived' and body ->> 'unit' is null order by seq",
    [operationId],
  );
  return rows.map((r) => r.body);
}
