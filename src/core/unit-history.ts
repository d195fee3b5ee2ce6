// A transport unit's state as a pure function of its events ordered by event time
// (never by arrival order: events may sync late). Lifecycle: planned → loaded →
// departed → arrived → unloaded → received. Loading (or departing) after the unit was
// emptied starts a new trip, so a truck shuttling between railhead and hub is fine.
import type { LedgerEvent } from "./events.ts";
import { add } from "./quantity.ts";

export const UNIT_STATUSES = ["planned", "loaded", "departed", "arrived", "unloaded", "received"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const statusRank = (s: UnitStatus): number => UNIT_STATUSES.indexOf(s);

export interface UnitState {
  status: UnitStatus;
  trip: number;
  loadedAt?: string;
  departedAt?: string;
  departedFrom?: string;
  arrivedAt?: string;
  arrivedLocation?: string;
  unloadedAt?: string;
  unloadedLocation?: string;
  receivedAt?: string;
  lastLocation?: string;
  lastEventType?: string;
  lastEventTime?: string;
  /** The last event applied (the greatest in event-time order): a later event can be applied on top of this state. */
  lastEventId?: string;
  /** The last arrival with no departure since (the reconciliation rule "arrived twice" needs it). */
  openArrival?: { id: string; location?: string; time: string };
  /** Quantities per item in the current trip. */
  loaded: Record<string, string>;
  unloaded: Record<string, string>;
  received: Record<string, string>;
  events: number;
}

export const PLANNED: UnitState = { status: "planned", trip: 0, loaded: {}, unloaded: {}, received: {}, events: 0 };

/** Within one instant, the lifecycle order decides; then the id, so the order is total. */
const TYPE_ORDER: Record<string, number> = {
  GoodsLoaded: 1,
  GoodsShipped: 1,
  UnitDeparted: 2,
  UnitArrived: 3,
  GoodsUnloaded: 4,
  GoodsReceived: 5,
};

export function byEventTime(a: LedgerEvent, b: LedgerEvent): number {
  return (
    Date.parse(a.eventTime) - Date.parse(b.eventTime) ||
    (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Events sorted by event time, with a total order for ties. */
export const inTimeOrder = (events: readonly LedgerEvent[]): LedgerEvent[] => [...events].sort(byEventTime);

/** The full replay: every event of the unit, in event-time order, applied one by one. */
export function unitHistory(events: readonly LedgerEvent[]): UnitState {
  return inTimeOrder(events).reduce(applyOne, PLANNED);
}

/**
 * Whether `e` comes after every event already applied to `state` in event-time order
 * (ties broken as `byEventTime` does), so that `applyOne(state, e)` equals the replay of
 * all the events. An event that sorts earlier needs the replay.
 */
export function comesAfter(state: UnitState, e: LedgerEvent): boolean {
  if (state.events === 0) return true;
  if (state.lastEventTime === undefined || state.lastEventType === undefined || state.lastEventId === undefined)
    return false;
  return (
    byEventTime(
      { id: state.lastEventId, type: state.lastEventType, eventTime: state.lastEventTime } as LedgerEvent,
      e,
    ) < 0
  );
}

const emptied = (s: UnitState) => s.status === "unloaded" || s.status === "received";
const raise = (s: UnitState, to: UnitStatus): UnitStatus => (statusRank(s.status) < statusRank(to) ? to : s.status);
const addLines = (into: Record<string, string>, e: LedgerEvent) => {
  const next = { ...into };
  for (const l of e.lines ?? []) next[l.item] = add(next[l.item] ?? "0", l.quantity);
  return next;
};
/**
 * A copy of a state with every field in one order, so every state has one shape (spreading
 * states of many shapes was most of the fold's cost). Fields a state lacks stay undefined.
 */
const copyOf = (s: UnitState): UnitState => ({
  status: s.status,
  trip: s.trip,
  loadedAt: s.loadedAt,
  departedAt: s.departedAt,
  departedFrom: s.departedFrom,
  arrivedAt: s.arrivedAt,
  arrivedLocation: s.arrivedLocation,
  unloadedAt: s.unloadedAt,
  unloadedLocation: s.unloadedLocation,
  receivedAt: s.receivedAt,
  lastLocation: s.lastLocation,
  lastEventType: s.lastEventType,
  lastEventTime: s.lastEventTime,
  lastEventId: s.lastEventId,
  openArrival: s.openArrival,
  loaded: s.loaded,
  unloaded: s.unloaded,
  received: s.received,
  events: s.events,
});

/** A new trip keeps only what the unit has seen: its events, the last of them, its place and open arrival. */
const newTrip = (seen: UnitState): UnitState => ({
  ...copyOf(PLANNED),
  trip: seen.trip + 1,
  events: seen.events,
  lastEventType: seen.lastEventType,
  lastEventTime: seen.lastEventTime,
  lastEventId: seen.lastEventId,
  lastLocation: seen.lastLocation,
  openArrival: seen.openArrival,
});

/**
 * One step of the fold: the state after `e`, given the state after every event before it
 * in event-time order. The only place the lifecycle rules live: the full replay
 * (`unitHistory`) and the incremental projection of in-order events both use it.
 * It builds one new object (`next`) and fills it in; `state` is never changed.
 */
export function applyOne(state: UnitState, e: LedgerEvent): UnitState {
  const next = copyOf(state);
  next.events = state.events + 1;
  next.lastEventType = e.type;
  next.lastEventTime = e.eventTime;
  next.lastEventId = e.id;
  next.lastLocation = e.location ?? e.from ?? state.lastLocation;
  if (e.type === "UnitArrived")
    next.openArrival =
      e.location !== undefined
        ? { id: e.id, time: e.eventTime, location: e.location }
        : { id: e.id, time: e.eventTime };
  else if (e.type === "UnitDeparted") next.openArrival = undefined;
  switch (e.type) {
    case "GoodsLoaded":
    case "GoodsShipped": {
      const s = emptied(state) || state.trip === 0 ? newTrip(next) : next;
      s.status = raise(s, "loaded");
      s.loadedAt = s.loadedAt ?? e.eventTime;
      s.loaded = addLines(s.loaded, e);
      return s;
    }
    case "UnitDeparted": {
      const s = emptied(state) || state.trip === 0 ? newTrip(next) : next;
      s.status = "departed";
      s.departedAt = e.eventTime;
      s.departedFrom = e.location;
      s.arrivedAt = undefined;
      s.arrivedLocation = undefined;
      return s;
    }
    case "UnitArrived":
      next.trip = Math.max(next.trip, 1);
      next.status = raise(next, "arrived");
      next.arrivedAt = next.arrivedAt ?? e.eventTime;
      next.arrivedLocation = e.location;
      return next;
    case "GoodsUnloaded":
      next.trip = Math.max(next.trip, 1);
      next.status = raise(next, "unloaded");
      next.unloadedAt = next.unloadedAt ?? e.eventTime;
      next.unloadedLocation = e.location;
      next.unloaded = addLines(next.unloaded, e);
      return next;
    case "GoodsReceived":
      next.trip = Math.max(next.trip, 1);
      next.status = "received";
      next.receivedAt = next.receivedAt ?? e.eventTime;
      next.received = addLines(next.received, e);
      return next;
    default:
      return next;
  }
}
