// What verify checks of the events, wherever it runs (a worker thread or the main one).
// A batch of lines (store/verify.sql.ts `readEventLines`) is read, each event's hash
// recomputed from its content and its stored previous hash, its derived columns compared
// with its body, and the stock moves it implies written as COPY-ready CSV. Batches are
// independent, so they can be checked side by side; linking events to each other stays
// with the caller. Each checker also folds the states of the units it owns (`owns`), from
// every batch in sequence order, so the fold runs beside the hashing, not after it.
import { hashEvent } from "../core/chain.ts";
import type { RecordedEvent } from "../core/events.ts";
import { movesOf } from "../core/moves.ts";
import { PLANNED, applyOne, comesAfter, type UnitState } from "../core/unit-history.ts";
import type { MoveRow } from "../store/ledger.sql.ts";
import { eventLineUnit, expectedMovesCsv, parseEventLine } from "../store/verify.sql.ts";

export interface BatchCheck {
  /** The first event (by seq) whose content no longer matches its hash, if any. */
  altered: number | null;
  /** The first event whose derived columns (id, type, event_time) disagree with its body. */
  mismatch: { seq: number; reason: string } | null;
  /** The moves the events imply, as CSV for verify_moves (empty when none). */
  csv: string;
  moves: number;
}

/** A unit's state folded forward, or "replay": an event came out of event-time order, so replay all of them. */
export type Folded = UnitState | "replay";

export interface EventChecker {
  /** Reads a batch in sequence order: folds its owned units, and with `hash` checks it whole. */
  check(lines: readonly string[], hash: boolean): BatchCheck | null;
  /** The units folded so far. */
  folded(): Map<string, Folded>;
}

/** Which of `shards` checkers owns a unit's fold: a string hash (FNV-1a), stable across threads. */
export function shardOf(unit: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) h = Math.imul(h ^ unit.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

export function eventChecker(operationId: string, shard = 0, shards = 1): EventChecker {
  const folded = new Map<string, Folded>();
  const fold = (record: RecordedEvent) => {
    const unit = record.event.unit;
    if (unit === undefined) return;
    const state = folded.get(unit) ?? PLANNED;
    folded.set(unit, state !== "replay" && comesAfter(state, record.event) ? applyOne(state, record.event) : "replay");
  };
  return {
    check(lines, hash) {
      if (!hash) {
        for (const line of lines) {
          const unit = eventLineUnit(line);
          if (unit !== "" && shardOf(unit, shards) === shard) fold(parseEventLine(operationId, line).record);
        }
        return null;
      }
      let altered: number | null = null;
      let mismatch: BatchCheck["mismatch"] = null;
      const moves: MoveRow[] = [];
      for (const line of lines) {
        const parsed = parseEventLine(operationId, line);
        const r = parsed.record;
        if (mismatch === null && parsed.mismatch) mismatch = { seq: r.seq, reason: parsed.mismatch };
        if (altered === null && hashEvent(r) !== r.hash) altered = r.seq;
        // Line numbers as the append path gives them (record-events.ts movesOfRecords).
        const implied = movesOf(r.event);
        for (let line = 0; line < implied.length; line++)
          moves.push({ ...implied[line]!, seq: r.seq, line, eventTime: r.event.eventTime });
        const unit = r.event.unit;
        if (unit !== undefined && shardOf(unit, shards) === shard) fold(r);
      }
      return { altered, mismatch, csv: expectedMovesCsv(moves), moves: moves.length };
    },
    folded: () => folded,
  };
}
