// The events table and the stock projections written in the same transaction.
import type { LedgerEvent, RecordedEvent } from "../core/events.ts";
import type { ChainHead } from "../core/chain.ts";
import type { StockMove } from "../core/moves.ts";
import type { Queryable } from "./db.ts";

/** Locks the operation's chain head for this transaction: appends to one operation are serialised here. */
export async function lockChainHead(tx: Queryable, operationId: string): Promise<ChainHead> {
  const [row] = await tx.query<{ last_seq: number; last_hash: string }>(
    "select last_seq, last_hash from operations where id = $1 for update",
    [operationId],
  );
  if (!row) throw new Error(`operation ${operationId} vanished during an append`);
  return { seq: row.last_seq, hash: row.last_hash };
}

export async function saveChainHead(tx: Queryable, operationId: string, head: ChainHead): Promise<void> {
  await tx.query("update operations set last_seq = $2, last_hash = $3 where id = $1", [operationId, head.seq, head.hash]);
}

export async function readChainHead(db: Queryable, operationId: string): Promise<ChainHead> {
  const [row] = await db.query<{ last_seq: number; last_hash: string }>("select last_seq, last_hash from operations where id = $1", [operationId]);
  return { seq: row?.last_seq ?? 0, hash: row?.last_hash ?? "" };
}

/** Events already stored under any of these ids, with their sequence numbers. */
export async function findEventsById(tx: Queryable, operationId: string, ids: readonly string[]): Promise<Map<string, { seq: number; event: LedgerEvent }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; seq: number; body: LedgerEvent }>(
    "select id, seq, body from events where operation_id = $1 and id = any($2::uuid[])",
    [operationId, ids],
  );
  return new Map(rows.map((r) => [r.id, { seq: r.seq, event: r.body }]));
}

export async function insertEvents(tx: Queryable, records: readonly RecordedEvent[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    operation_id: r.operationId,
    seq: r.seq,
    id: r.event.id,
    type: r.event.type,
    event_time: r.event.eventTime,
    recorded_at: r.recordedAt,
    recorded_by: r.recordedBy,
    body: r.event,
    prev_hash: r.prevHash,
    hash: r.hash,
  }));
  await tx.query(
    `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
     select operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash
     from jsonb_to_recordset($1::jsonb) as r(operation_id uuid, seq bigint, id uuid, type text, event_time timestamptz,
       recorded_at timestamptz, recorded_by uuid, body jsonb, prev_hash text, hash text)`,
    [JSON.stringify(rows)],
  );
}

export interface MoveRow extends StockMove {
  seq: number;
  line: number;
  eventTime: string;
}

/** Writes moves and adds them to the balances, set-based, in the caller's transaction. */
export async function postMoves(tx: Queryable, operationId: string, moves: readonly MoveRow[]): Promise<void> {
  if (moves.length === 0) return;
  const json = JSON.stringify(moves);
  const recordset = `jsonb_to_recordset($2::jsonb) as m(seq bigint, line integer, item text, quantity numeric, "from" text, "to" text, "eventTime" timestamptz)`;
  await tx.query(
    `insert into stock_moves (operation_id, seq, line, item_code, quantity, from_code, to_code, event_time)
     select $1, m.seq, m.line, m.item, m.quantity, m."from", m."to", m."eventTime" from ${recordset}`,
    [operationId, json],
  );
  await tx.query(
    `insert into stock_balances (operation_id, location_code, item_code, quantity)
     select $1, d.location, d.item, sum(d.delta) from (
       select m."from" as location, m.item, -m.quantity as delta from ${recordset}
       union all
       select m."to", m.item, m.quantity from ${recordset}
     ) d group by d.location, d.item
     on conflict (operation_id, location_code, item_code)
     do update set quantity = stock_balances.quantity + excluded.quantity`,
    [operationId, json],
  );
}

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
    row.id !== row.body.id ? "its id column differs from the recorded event"
    : row.type !== row.body.type ? "its type column differs from the recorded event"
    : row.event_time.getTime() !== Date.parse(row.body.eventTime) ? "its event_time column differs from the recorded event"
    : undefined;
  return mismatch ? { record, mismatch } : { record };
}

/** Reads an operation's events in sequence order, a page at a time. */
export async function* readEvents(db: Queryable, operationId: string, afterSeq = 0, pageSize = 5000): AsyncGenerator<ReturnType<typeof recordOf>> {
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

/** Locks the operation's row for this transaction: its appends, rebuilds and reconciliation runs take turns. */
export async function lockOperation(tx: Queryable, operationId: string): Promise<void> {
  await tx.query("select 1 from operations where id = $1 for update", [operationId]);
}

/** Every event of one transport unit, in the order stored (callers sort by event time). */
export async function eventsOfUnit(db: Queryable, operationId: string, unit: string): Promise<{ seq: number; recordedAt: Date; event: LedgerEvent }[]> {
  const rows = await db.query<{ seq: number; recorded_at: Date; body: LedgerEvent }>(
    "select seq, recorded_at, body from events where operation_id = $1 and body ->> 'unit' = $2",
    [operationId, unit],
  );
  return rows.map((r) => ({ seq: r.seq, recordedAt: r.recorded_at, event: r.body }));
}

/** Counts at receipt that name no unit (a warehouse count), as stored. */
export async function unitlessReceipts(db: Queryable, operationId: string): Promise<LedgerEvent[]> {
  const rows = await db.query<{ body: LedgerEvent }>("select body from events where operation_id = $1 and type = 'GoodsReceived' and body ->> 'unit' is null", [operationId]);
  return rows.map((r) => r.body);
}
