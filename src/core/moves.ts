// Double entry: every event that moves goods is a list of moves of an item from one
// location to another. Nothing appears or vanishes, so each item's balances sum to zero.
import type { LedgerEvent } from "./events.ts";
import { LOSS, unitLocation } from "./events.ts";
import { cmp, isZero, sub } from "./quantity.ts";

export interface StockMove {
  item: string;
  quantity: string;
  from: string;
  to: string;
}

/** The moves a recorded event implies; a pure function of the event alone. */
export function movesOf(event: LedgerEvent): StockMove[] {
  const lines = event.lines ?? [];
  if (event.type === "GoodsReceived") return receiptMoves(event);
  if (!event.from || !event.to) return [];
  const { from, to } = event;
  return lines.filter((l) => !isZero(l.quantity)).map((l) => ({ item: l.item, quantity: l.quantity, from, to }));
}

/**
 * A count at receipt: the counted quantity comes in from where it was (the unit, or
 * the location itself when it was unloaded earlier); a shortfall goes to loss, and an
 * excess comes from loss, so the difference stays explainable.
 */
function receiptMoves(event: LedgerEvent): StockMove[] {
  const at = event.location!;
  const from = event.from ?? (event.unit ? unitLocation(event.unit) : at);
  const moves: StockMove[] = [];
  for (const line of event.lines ?? []) {
    const expected = line.expected ?? line.quantity;
    const shortfall = cmp(expected, line.quantity) > 0 ? sub(expected, line.quantity) : "0";
    const excess = cmp(line.quantity, expected) > 0 ? sub(line.quantity, expected) : "0";
    const counted = cmp(line.quantity, expected) > 0 ? expected : line.quantity;
    if (from !== at && !isZero(counted)) moves.push({ item: line.item, quantity: counted, from, to: at });
    if (!isZero(shortfall)) moves.push({ item: line.item, quantity: shortfall, from, to: LOSS });
    if (!isZero(excess)) moves.push({ item: line.item, quantity: excess, from: LOSS, to: at });
  }
  return moves;
}
