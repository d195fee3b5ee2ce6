// A small append reads its projection inputs (unit states, registrations, manifests, balances,
// stored negative-stock findings) with the lookups it makes before deciding, in one round trip
// instead of two. Before deciding, what the accepted events will touch is not known, only what
// the incoming events could touch: the read asks for that, and is then narrowed to exactly what
// the accepted events touch, so the projections see the same inputs as a read made afterwards.
// When the accepted events touch something the read did not ask for, it is not used. It also reads
// the stored moves at those places and items from the earliest event's time on, which is all the
// stock check in event-time order needs besides the append's own moves (ledger-sense.ts).
import type { EventInput } from "../core/events.ts";
import { LOSS, recipientsLocation, unitLocation } from "../core/events.ts";
import { findingKey } from "../core/reconcile/finding.ts";
import type { ProjectionInputs, ProjectionLookups } from "../store/append-rows.sql.ts";
import { balanceKey } from "../store/append-rows.sql.ts";
import { stockSubject } from "./ledger-sense.ts";

/** Appends of fewer events read ahead (a group of single events from phones holds a few). */
export const READ_AHEAD_BELOW = 100;

/** A negative-stock finding's key: its kind, subject and empty anchor (core/reconcile/operation-rules.ts). */
export const negativeStockKey = (pair: { location: string; item: string }): string =>
  findingKey({ kind: "negative-stock", subject: stockSubject({ ...pair, since: "" }), anchor: "" });

/**
 * What the events could touch, whatever is decided: their units (with manifests for receipts), and
 * every place an event names or implies (core/decide.ts `endpoints`, core/moves.ts) with each of its items.
 */
export function expectedLookups(inputs: readonly EventInput[]): ProjectionLookups {
  const units = new Set<string>();
  const manifestUnits = new Set<string>();
  const pairs = new Map<string, { location: string; item: string }>();
  for (const e of inputs) {
    if (e.unit !== undefined) units.add(e.unit);
    if (e.unit !== undefined && e.type === "GoodsReceived") manifestUnits.add(e.unit);
    const places = [e.location, e.from, e.to, LOSS];
    if (e.unit !== undefined) places.push(unitLocation(e.unit));
    if (e.neighbourhood !== undefined) places.push(recipientsLocation(e.neighbourhood));
    for (const line of e.lines ?? [])
      for (const location of places)
        if (location !== undefined) pairs.set(balanceKey(location, line.item), { location, item: line.item });
  }
  const stock = { pairs: [...pairs.values()], keys: [...pairs.values()].map(negativeStockKey) };
  const movesSince = earliestTime(inputs.filter((e) => e.lines?.length));
  return { units: [...units], manifestUnits: [...manifestUnits], stock, ...(movesSince && { movesSince }) };
}

/** The earliest of the events' times that parse (one that does not is refused, and moves nothing). */
function earliestTime(inputs: readonly EventInput[]): string | undefined {
  const times = inputs.map((e) => Date.parse(e.eventTime)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
}

/** Whether a read of `asked` covers `wanted`. */
export function covers(asked: ProjectionLookups, wanted: ProjectionLookups): boolean {
  const has = <T>(all: readonly T[], some: readonly T[]) => {
    const set = new Set(all);
    return some.every((x) => set.has(x));
  };
  const pairKeys = (l: ProjectionLookups) => l.stock.pairs.map((p) => balanceKey(p.location, p.item));
  return (
    has(asked.units, wanted.units) &&
    has(asked.manifestUnits, wanted.manifestUnits) &&
    has(asked.stock.keys, wanted.stock.keys) &&
    has(pairKeys(asked), pairKeys(wanted))
  );
}

/** What a read would have found had it asked for `wanted` only (the names are kept whole). */
export function narrowed(found: ProjectionInputs, wanted: ProjectionLookups): ProjectionInputs {
  const units = new Set(wanted.units);
  const manifestUnits = new Set(wanted.manifestUnits);
  const keys = new Set(wanted.stock.keys);
  const pairs = new Set(wanted.stock.pairs.map((p) => balanceKey(p.location, p.item)));
  const only = <V>(map: ReadonlyMap<string, V>, wantedKeys: ReadonlySet<string>) =>
    new Map([...map].filter(([k]) => wantedKeys.has(k)));
  return {
    states: only(found.states, units),
    registered: only(found.registered, units),
    manifests: only(found.manifests, manifestUnits),
    named: found.named,
    negativeStock: found.negativeStock.filter((d) => keys.has(d.key)),
    balances: only(found.balances, pairs),
    moves: found.moves,
  };
}
