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
import type { LedgerEvent, RecordedEvent } from "../core/events.ts";
import { movesOf } from "../core/moves.ts";
import { Decimal } from "../core/quantity.ts";
import { PLANNED, applyOne, comesAfter, type UnitState } from "../core/unit-history.ts";
import type { MoveRow } from "../store/ledger.sql.ts";
import {
  eventLineBody,
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
  /** The digest of the moves the events imply (store/verify.sql.ts `expectedMovesDigest`). */
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

/**
 * Sums of quantities per place and item, exact: whole quantities are added as numbers while
 * the sum stays a safe integer, anything else (fractions, or past 2^53) with decimal.js.
 */
function balanceSums() {
  const sums = new Map<string, { location: string; item: string; whole: number; rest: Decimal | null }>();
  return {
    add(location: string, item: string, quantity: string, sign: 1 | -1) {
      const key = `${location}\u0000${item}`;
      let entry = sums.get(key);
      if (!entry) sums.set(key, (entry = { location, item, whole: 0, rest: null }));
      const whole = WHOLE.test(quantity) ? sign * Number(quantity) : NaN;
      if (Number.isSafeInteger(entry.whole + whole)) entry.whole += whole;
      else entry.rest = (entry.rest ?? new Decimal(0)).plus(new Decimal(quantity).times(sign));
    },
    list: (): ExpectedBalance[] =>
      [...sums.values()].map(({ location, item, whole, rest }) => ({
        location,
        item,
        quantity: (rest ?? new Decimal(0)).plus(whole).toFixed(),
      })),
  };
}
const WHOLE = /^-?\d{1,15}$/;

/** The moves a batch's events imply, with their seq, line and time (record-events.ts `movesOfRecords`). */
function impliedMoves(records: readonly RecordedEvent[]): MoveRow[] {
  const moves: MoveRow[] = [];
  for (const r of records) {
    const implied = movesOf(r.event);
    for (let line = 0; line < implied.length; line++)
      moves.push({ ...implied[line]!, seq: r.seq, line, eventTime: r.event.eventTime });
  }
  return moves;
}

/** The moves a batch of lines implies, as CSV for verify_moves (wanted only where the digests differ). */
export const movesCsvOfLines = (operationId: string, lines: readonly string[]): string =>
  expectedMovesCsv(impliedMoves(lines.map((l) => parseEventLine(operationId, l).record)));

export function eventChecker(operationId: string, shard = 0, shards = 1): EventChecker {
  const folded = new Map<string, Folded>();
  const sums = balanceSums();
  const fold = (event: LedgerEvent) => {
    const unit = event.unit;
    if (unit === undefined) return;
    const state = folded.get(unit) ?? PLANNED;
    folded.set(unit, state !== "replay" && comesAfter(state, event) ? applyOne(state, event) : "replay");
  };
  return {
    check(lines, hash) {
      if (!hash) {
        for (const line of lines) {
          const unit = eventLineUnit(line);
          if (unit !== "" && shardOf(unit, shards) === shard) fold(JSON.parse(eventLineBody(line)) as LedgerEvent);
        }
        return null;
      }
      let altered: number | null = null;
      let mismatch: BatchCheck["mismatch"] = null;
      const records: RecordedEvent[] = [];
      for (const line of lines) {
        const parsed = parseEventLine(operationId, line);
        const r = parsed.record;
        if (mismatch === null && parsed.mismatch) mismatch = { seq: r.seq, reason: parsed.mismatch };
        if (altered === null && hashEvent(r) !== r.hash) altered = r.seq;
        const unit = r.event.unit;
        if (unit !== undefined && shardOf(unit, shards) === shard) fold(r.event);
        records.push(r);
      }
      const moves = impliedMoves(records);
      for (const m of moves) {
        sums.add(m.to, m.item, m.quantity, 1);
        sums.add(m.from, m.item, m.quantity, -1);
      }
      return { altered, mismatch, digest: expectedMovesDigest(moves), moves: moves.length };
    },
    folded: () => folded,
    sums: () => sums.list(),
  };
}

/** The sums of several checkers as one list: a pair moved in several workers' batches is added up. */
export function mergeSums(parts: readonly (readonly ExpectedBalance[])[]): ExpectedBalance[] {
  if (parts.length === 1) return [...parts[0]!];
  const total = balanceSums();
  for (const part of parts) for (const { location, item, quantity } of part) total.add(location, item, quantity, 1);
  return total.list();
}
