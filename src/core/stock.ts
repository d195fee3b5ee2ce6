// Balances as a pure fold over moves: the same rule the store applies in SQL, used by
// tests and by anything that needs stock without a database.
import type { LedgerEvent } from "./events.ts";
import type { StockMove } from "./moves.ts";
import { movesOf } from "./moves.ts";
import { add, isZero, neg, sum } from "./quantity.ts";

/** Balances keyed by `location|item`. */
export type Balances = ReadonlyMap<string, string>;

export const balanceKey = (location: string, item: string): string => `${location}|${item}`;

export function applyMoves(balances: Balances, moves: readonly StockMove[]): Balances {
  const next = new Map(balances);
  for (const m of moves) {
    const fromKey = balanceKey(m.from, m.item);
    const toKey = balanceKey(m.to, m.item);
    next.set(fromKey, add(next.get(fromKey) ?? "0", neg(m.quantity)));
    next.set(toKey, add(next.get(toKey) ?? "0", m.quantity));
  }
  return next;
}

/** Each item's total over all locations; double entry keeps every total at zero. */
export function totalsByItem(balances: Balances): Map<string, string> {
  const byItem = new Map<string, string[]>();
  for (const [key, qty] of balances) {
    const item = key.slice(key.indexOf("|") + 1);
    byItem.set(item, [...(byItem.get(item) ?? []), qty]);
  }
  return new Map([...byItem].map(([item, qs]) => [item, sum(qs)]));
}

export const isConserved = (balances: Balances): boolean => [...totalsByItem(balances).values()].every(isZero);

/** The stock fold: balances after one more recorded event. */
export const evolve = (balances: Balances, event: LedgerEvent): Balances => applyMoves(balances, movesOf(event));
