// What verify checks of a batch of events on its own, wherever it runs (a worker thread
// or the main one): each event's hash recomputed from its content and its stored previous
// hash, and the stock moves it implies as COPY-ready CSV. Batches are independent, so they
// can be checked side by side; linking events to each other stays with the caller.
import { hashEvent } from "../core/chain.ts";
import type { RecordedEvent } from "../core/events.ts";
import { movesOf } from "../core/moves.ts";
import { expectedMovesCsv } from "../store/verify.sql.ts";

export interface BatchCheck {
  /** The first event (by seq) whose content no longer matches its hash, if any. */
  altered: number | null;
  /** The moves the events imply, as CSV for verify_moves (empty when none). */
  csv: string;
  moves: number;
}

export function checkBatch(records: readonly RecordedEvent[]): BatchCheck {
  let altered: number | null = null;
  const moves = [];
  for (const r of records) {
    if (altered === null && hashEvent(r) !== r.hash) altered = r.seq;
    // Line numbers as the append path gives them (record-events.ts movesOfRecords).
    moves.push(...movesOf(r.event).map((m, line) => ({ ...m, seq: r.seq, line, eventTime: r.event.eventTime })));
  }
  return { altered, csv: expectedMovesCsv(moves), moves: moves.length };
}
