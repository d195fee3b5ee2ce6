// What the live feed announces: the sequence number, hash and type of events appended
// after a known sequence number (never the event bodies).
import type { Queryable } from "./db.ts";

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
