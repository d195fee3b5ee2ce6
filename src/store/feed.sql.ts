// What the live feed announces: the sequence number, hash and type of events appended
// after a known sequence number (never the event bodies), and the notification that says
// an operation's ledger grew.
import type { Queryable, Tx } from "./db.ts";
import { prepared } from "./db.ts";

export interface AppendedEvent {
  seq: number;
  hash: string;
  type: string;
}

export async function eventsAfter(
  db: Queryable,
  operationId: string,
  afterSeq: number,
  limit: number,
): Promise<AppendedEvent[]> {
  const rows = await db.query<AppendedEvent>(
    "select seq, hash, type from events where operation_id = $1 and seq > $2 order by seq limit $3",
    [operationId, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, type: r.type }));
}

/** The channel every server process listens on; the payload is the operation's id. */
export const LEDGER_CHANNEL = "reliefline_ledger";

/**
 * Tells every listening process, once this transaction commits, that the operation's
 * ledger grew. Sent by the application in the append's transaction rather than by a
 * trigger: on Citus a trigger on `events` fires on the worker holding the shard, where
 * nobody listens, while this statement reads no table and runs on the coordinator, which
 * delivers it after the worker's commit. On PostgreSQL it goes with the COMMIT (no round trip of its own).
 */
export async function notifyAppended(
  tx: Queryable & Partial<Pick<Tx, "notifyAtCommit">>,
  operationId: string,
): Promise<void> {
  if (tx.notifyAtCommit) return tx.notifyAtCommit(LEDGER_CHANNEL, operationId);
  await tx.query(prepared("select pg_notify($1, $2)"), [LEDGER_CHANNEL, operationId]);
}
