// Stock in event-time order, from the moves themselves: for each checked place and item, the
// first instant at or after a moment at which its running balance was below zero. The balance
// after an instant is the balance now less every later move, so no opening balance is needed;
// all moves at one instant count together. (reconcile runs the same rule in SQL over the whole
// ledger, store/stock-sense.sql.ts; an append runs it here, on the few moves after its own.)
import type { Decimal } from "./quantity.ts";
import { dec } from "./quantity.ts";

/** A place and item to check, from `since` on, with its balance now. */
export interface CheckedStock {
  location: string;
  item: string;
  /** ISO 8601, or "-infinity". */
  since: string;
  balance: string;
}

/** A stored move, its time as UTC text to the microsecond (`YYYY-MM-DDTHH:MM:SS.ffffff`), with its event's id. */
export interface TimedMove {
  from: string;
  to: string;
  item: string;
  time: string;
  seq: number;
  eventId: string;
  quantity: string;
}

export interface FirstNegative {
  location: string;
  item: string;
  /** ISO 8601 in UTC to the millisecond. */
  time: string;
  /** Without trailing zeros. */
  balance: string;
  /** The ids of the events at that instant, in sequence order. */
  evidence: string[];
}

/** `since` in the moves' time format; "-infinity" before every time. */
function sinceKey(since: string): string {
  if (since === "-infinity") return "";
  return `${new Date(since).toISOString().slice(0, 23)}000`;
}

interface Instant {
  time: string;
  delta: Decimal;
  events: Map<number, string>;
}

/** For each checked pair, the first instant at or after its `since` its balance was below zero (in place, item order). */
export function firstNegativeInstants(pairs: readonly CheckedStock[], moves: readonly TimedMove[]): FirstNegative[] {
  const checked = new Map(pairs.map((p) => [`${p.location}\u0000${p.item}`, { pair: p, since: sinceKey(p.since) }]));
  const instants = new Map<string, Map<string, Instant>>();
  const add = (location: string, m: TimedMove, delta: Decimal) => {
    const key = `${location}\u0000${m.item}`;
    const c = checked.get(key);
    if (!c || m.time < c.since) return;
    let byTime = instants.get(key);
    if (!byTime) instants.set(key, (byTime = new Map()));
    const instant = byTime.get(m.time) ?? { time: m.time, delta: dec(0), events: new Map<number, string>() };
    instant.delta = instant.delta.plus(delta);
    instant.events.set(m.seq, m.eventId);
    byTime.set(m.time, instant);
  };
  for (const m of moves) {
    if (m.from === m.to) continue;
    add(m.to, m, dec(m.quantity));
    add(m.from, m, dec(m.quantity).neg());
  }
  const out: FirstNegative[] = [];
  for (const [key, byTime] of instants) {
    const { pair } = checked.get(key)!;
    let later = dec(0);
    let first: { instant: Instant; balance: Decimal } | undefined;
    for (const instant of [...byTime.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))) {
      const balance = dec(pair.balance).minus(later);
      if (balance.isNegative() && !balance.isZero()) first = { instant, balance };
      later = later.plus(instant.delta);
    }
    if (!first) continue;
    out.push({
      location: pair.location,
      item: pair.item,
      time: `${first.instant.time.slice(0, 23)}Z`,
      balance: first.balance.toFixed(),
      evidence: [...first.instant.events].sort((a, b) => a[0] - b[0]).map(([, id]) => id),
    });
  }
  const order = (p: FirstNegative) => `${p.location}\u0000${p.item}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/**
 * An event time (ISO 8601 with an offset, as events hold it) in the moves' time format, or undefined
 * when a JavaScript date cannot hold it exactly (a fraction finer than a millisecond, a year outside
 * 0000-9999): then the moves are read as the database stored them.
 */
export function movesTimeOf(eventTime: string): string | undefined {
  const fraction = /T[^.]*\.(\d+)/.exec(eventTime)?.[1] ?? "";
  if (/[1-9]/.test(fraction.slice(3))) return undefined;
  const at = new Date(eventTime);
  if (Number.isNaN(at.getTime())) return undefined;
  const iso = at.toISOString();
  return /^\d{4}-/.test(iso) ? `${iso.slice(0, 23)}000` : undefined;
}
