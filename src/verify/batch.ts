// What verify checks of the events, wherever it runs (a worker thread or the main one).
// A batch of lines (store/verify.sql.ts `readEventLines`) is read, each event's hash
// recomputed from its content and its stored previous hash, its derived columns compared
// with its body, and the stock moves it implies written as COPY-ready CSV. Batches are
// independent, so they can be checked side by side; linking events to each other stays
// with the caller. The moves come back as a digest (compared with the stored moves' in
// SQL) and as CSV (copied in only where the digests differ); their sums per place and item
// are kept for the balances. Each checker also folds the states of the units it owns (`owns`), from
// every batch in sequence order, so the fold runs beside the hashing, not after it.
import { hashEvent } from "../core/chain.ts";
import type { RecordedEvent } from "../core/events.ts";
import { movesOf } from "../core/moves.ts";
import { Decimal } from "../core/quantity.ts";
import { PLANNED, applyOne, comesAfter, type UnitState } from "../core/unit-history.ts";
import type { MoveRow } from "../store/ledger.sql.ts";
import {
  eventLineUnit,
  expectedMovesCsv,
  expectedMovesDigest,
  parseEventLine,
  type ExpectedBalance,
} from "../store/verify.sql.ts";

export interface BatchCheck {
  /** The first event (by seq) whose content no longer matches its hash, if any. */
  altered: number | null;
  /** The first event whose derived columns (id, type, event_time) disagree with its body. */
  mismatch: { seq: number; reason: string } | null;
  /** The moves the events imply, as CSV for verify_moves (empty when none). */
  csv: string;
  /** Their digest (store/verify.sql.ts `expectedMovesDigest`). */
  digest: string;
  moves: number;
}

/** A unit's state folded forward, or "replay": an event came out of event-time order, so replay all of them. */
export type Folded = UnitState | "replay";

export interface EventChecker {
  /** Reads a batch in sequence order: folds its owned units, and with `hash` checks it whole. */
  check(lines: readonly string[], hash: boolean): BatchCheck | null;
  /** The units folded so far. */
  folded(): Map<string, Folded>;
  /** The moves of the batches checked whole, summed per place and item (every pair moved, zero sums too). */
  sums(): ExpectedBalance[];
}

/** Which of `shards` checkers owns a unit's fold: a string hash (FNV-1a), stable across threads. */
export function shardOf(unit: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) h = Math.imul(h ^ unit.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

export function eventChecker(operationId: string, shard = 0, shards = 1): EventChecker {
  const folded = new Map<string, Folded>();
  const sums = new Map<string, { location: string; item: string; sum: Decimal }>();
  const addTo = (location: string, item: string, quantity: Decimal) => {
    const key = `${location}\u0000${item}`;
    const entry = sums.get(key);
    if (entry) entry.sum = entry.sum.plus(quantity);
    else sums.set(key, { location, item, sum: quantity });
  };
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
      for (const m of moves) {
        const quantity = new Decimal(m.quantity);
        addTo(m.to, m.item, quantity);
        addTo(m.from, m.item, quantity.neg());
      }
      return {
        altered,
        mismatch,
        csv: expectedMovesCsv(moves),
        digest: expectedMovesDigest(moves),
        moves: moves.length,
      };
    },
    folded: () => folded,
    sums: () => [...sums.values()].map(({ location, item, sum }) => ({ location, item, quantity: sum.toFixed() })),
  };
}

/** The sums of several checkers as one list: a pair moved in several workers' batches is added up. */
export function mergeSums(parts: readonly (readonly ExpectedBalance[])[]): ExpectedBalance[] {
  if (parts.length === 1) return [...parts[0]!];
  const total = new Map<string, { location: string; item: string; sum: Decimal }>();
  for (const part of parts)
    for (const { location, item, quantity } of part) {
      const key = `${location}\u0000${item}`;
      const entry = total.get(key);
      if (entry) entry.sum = entry.sum.plus(quantity);
      else total.set(key, { location, item, sum: new Decimal(quantity) });
    }
  return [...total.values()].map(({ location, item, sum }) => ({ location, item, quantity: sum.toFixed() }));
}
