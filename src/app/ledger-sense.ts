// Ledger sense at once: when an append moves stock, the places and items it touched are
// checked in event-time order straight away (in the append's transaction), so a real
// place going below zero at any moment opens a discrepancy when it is recorded, not at
// the next reconcile. A late receipt that fills the hole supersedes it the same way.
// (Unloading from a unit that was never loaded is a unit rule: unit-projection.ts runs it.)
import type { MoveRow } from "../store/ledger.sql.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { VIRTUAL_KINDS } from "../core/catalogue.ts";
import type { Describe } from "../core/reconcile/finding.ts";
import { negativeStock } from "../core/reconcile/operation-rules.ts";
import { finding } from "../core/reconcile/explain.ts";
import type { DiscrepancyWrite, StoredDiscrepancy } from "../store/discrepancies.sql.ts";
import type { RealPair, StockPair } from "../store/stock-sense.sql.ts";
import { firstNegativesFromMoves, movesAtPairsSince, negativePointsOf } from "../store/stock-sense.sql.ts";
import { movesTimeOf, type TimedMove } from "../core/stock-order.ts";
import { balanceKey } from "../store/append-rows.sql.ts";
import type { ItemRef, LocationRef } from "../core/catalogue.ts";
import { dec, type Decimal } from "../core/quantity.ts";
import { describerFor, findingWrites } from "./discrepancy-sync.ts";

const subjectOf = (location: string, item: string) => `stock:${location}|${item}`;

/** What the stock check of an append needs, all known before its rows are written. */
export interface TouchedStock {
  /** The pairs the new moves touched (`touchedPairs`). */
  pairs: readonly StockPair[];
  /** Negative-stock discrepancies stored about them, whatever their status. */
  stored: readonly StoredDiscrepancy[];
  /** The catalogue entries the append's events name (every end of every move among them). */
  places: ReadonlyMap<string, LocationRef>;
  items: ReadonlyMap<string, ItemRef>;
  /** Balances stored before the append (by `balanceKey`), and the moves it adds. */
  balancesBefore: ReadonlyMap<string, string>;
  moves: readonly Pick<MoveRow, "from" | "to" | "item" | "quantity" | "seq" | "eventTime">[];
  /** The event id of each new move's seq, and the last sequence number stored before the append. */
  eventIds: ReadonlyMap<number, string>;
  storedUpTo: number;
  /** The moves stored before the append at the places and items it could touch, from `since` on, when read with its lookups. */
  readAhead?: { since: string; moves: readonly TimedMove[] } | undefined;
}

/** The append's own moves as the database would give them back, or undefined when a time cannot be written so. */
function ownMoves(touched: TouchedStock): TimedMove[] | undefined {
  const own: TimedMove[] = [];
  for (const m of touched.moves) {
    const time = movesTimeOf(m.eventTime);
    const eventId = touched.eventIds.get(m.seq);
    if (time === undefined || eventId === undefined) return undefined;
    own.push({ from: m.from, to: m.to, item: m.item, quantity: m.quantity, seq: m.seq, time, eventId });
  }
  return own;
}

/** The stored moves read ahead, when they start no later than every pair is checked from. */
function storedAhead(pairs: readonly RealPair[], touched: TouchedStock): readonly TimedMove[] | undefined {
  const ahead = touched.readAhead;
  if (!ahead) return undefined;
  const since = new Date(ahead.since).toISOString();
  const early = pairs.some((p) => p.since === "-infinity" || new Date(p.since).toISOString() < since);
  return early ? undefined : ahead.moves;
}

/**
 * The first negative moments of the pairs: from the stored moves (read ahead, or read now up to the
 * last event stored before the append) and the append's own, in the process; when an own move's time
 * cannot be written as the database writes it, from the moves as stored.
 */
async function firstNegativesOf(tx: Queryable, operationId: string, pairs: readonly RealPair[], touched: TouchedStock) {
  const own = ownMoves(touched);
  if (!own) return firstNegativesFromMoves(tx, operationId, pairs);
  const stored = storedAhead(pairs, touched) ?? (await movesAtPairsSince(tx, operationId, pairs, touched.storedUpTo));
  return negativePointsOf(pairs, [...stored, ...own]);
}

/** The pairs at real places, with their kind, unit of measure and balance once the moves are written. */
function realPairs(checked: readonly StockPair[], touched: TouchedStock): RealPair[] {
  const change = new Map<string, Decimal>();
  const add = (location: string, item: string, amount: Decimal) => {
    const key = balanceKey(location, item);
    change.set(key, (change.get(key) ?? dec(0)).plus(amount));
  };
  for (const m of touched.moves) {
    add(m.from, m.item, dec(m.quantity).neg());
    add(m.to, m.item, dec(m.quantity));
  }
  return checked.flatMap((p) => {
    const kind = touched.places.get(p.location)?.kind;
    const uom = touched.items.get(p.item)?.uom;
    if (kind === undefined || uom === undefined || VIRTUAL_KINDS.includes(kind)) return [];
    const key = balanceKey(p.location, p.item);
    const balance = dec(touched.balancesBefore.get(key) ?? "0").plus(change.get(key) ?? 0);
    return [{ ...p, kind, uom, balance: balance.toFixed() }];
  });
}

/** The subject of a negative-stock discrepancy about a pair. */
export const stockSubject = (p: StockPair): string => subjectOf(p.location, p.item);

/** The places and items moves touched, each from its earliest new move (both ends of every move). */
export function touchedPairs(moves: readonly Pick<MoveRow, "from" | "to" | "item" | "eventTime">[]): StockPair[] {
  const since = new Map<string, StockPair>();
  for (const m of moves) {
    for (const location of [m.from, m.to]) {
      const key = subjectOf(location, m.item);
      const t = new Date(m.eventTime).toISOString();
      const known = since.get(key);
      if (!known || t < known.since) since.set(key, { location, item: m.item, since: t });
    }
  }
  return [...since.values()];
}

/**
 * Checks the stock an append moved: opens a negative-stock discrepancy for a real place
 * that went below zero at or after its earliest new move, keeps one that went below zero
 * earlier (nothing before that moment changed), and supersedes one the new moves explain.
 * `touched`: the pairs of the moves (`touchedPairs`), and the negative-stock discrepancies
 * stored about them, whatever their status (read with the append's other lookups: nothing
 * the append writes before this check changes them). Returns what to write (the caller writes it
 * with the append's other findings, in one statement).
 */
export async function checkStockInEventOrder(
  tx: Queryable,
  operation: Operation,
  touched: TouchedStock,
  now: Date,
  describe?: Describe,
): Promise<DiscrepancyWrite[]> {
  const { pairs } = touched;
  if (pairs.length === 0) return [];
  const stored = touched.stored.filter((s) => s.status === "open" || s.status === "explained");
  const storedAt = new Map(
    stored.map((s) => [s.subject, s.facts?.kind === "negative-stock" ? s.facts.time : undefined]),
  );
  // A stored finding from before structured facts has no time: check its place from the beginning.
  const checked = pairs.map((p) =>
    storedAt.has(subjectOf(p.location, p.item)) && storedAt.get(subjectOf(p.location, p.item)) === undefined
      ? { ...p, since: "-infinity" }
      : p,
  );
  const points = await firstNegativesOf(tx, operation.id, realPairs(checked, touched), touched);
  if (points.length === 0 && stored.length === 0) return [];
  const d = describe ?? (await describerFor(tx, operation));
  const since = new Map(checked.map((p) => [subjectOf(p.location, p.item), p.since]));
  // A place already below zero before its earliest new move still first went below zero then, by as
  // much (nothing before that moment changed): a later negative moment found now is not the first.
  const earlier = (subject: string) => {
    const at = storedAt.get(subject);
    return at !== undefined && at < since.get(subject)!;
  };
  const found = points.flatMap((p) => negativeStock(p, d)).filter((f) => !earlier(f.subject));
  for (const s of stored)
    if (earlier(s.subject) && s.facts)
      found.push(
        finding({ kind: "negative-stock", subject: s.subject, anchor: "", evidence: s.evidence, facts: s.facts }, d),
      );
  return findingWrites(found, touched.stored).writes;
}
