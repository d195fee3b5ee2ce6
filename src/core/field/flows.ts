// The field app's tasks as events: what one confirmation on the phone records. Pure: the
// time (already corrected, core/field/clock.ts) and random ids arrive as arguments; steps
// of a unit's trip get ids derived from the unit and trip (core/field/ids.ts), so two
// phones recording the same step never make two facts.
import type { EventInput, LineInput, OriginInput } from "../events.ts";
import type { WsUnit } from "../working-set.ts";
import { stepId } from "./ids.ts";
import type { DiscrepancyKind } from "../reconcile/finding.ts";

export interface Stamp {
  eventTime: string;
  origin: OriginInput;
}

/** A line as counted: as the manifest says, short, or damaged. */
export interface CountedLine {
  item: string;
  expected: string;
  counted: string;
  condition: "good" | "short" | "damaged";
}

/** What a unit should carry now: its manifest on its first trip, otherwise what this trip loaded. */
export function expectedCargo(unit: WsUnit): { item: string; quantity: string }[] {
  const loaded = Object.entries(unit.loaded).map(([item, quantity]) => ({ item, quantity }));
  return unit.manifest.length > 0 && unit.trip <= 1 ? unit.manifest : loaded.length > 0 ? loaded : unit.manifest;
}

/** Whether this trip's arrival is in the ledger (a unit unloaded with no arrival recorded has none: "9 arrived, 17 unloaded"). */
export function arrivalKnown(unit: WsUnit, location: string): boolean {
  return unit.arrivedAt !== null && (unit.arrivedLocation === null || unit.arrivedLocation === location);
}

/**
 * Whether this trip's unloading is already a fact: in the ledger the phone last read (its
 * time or the unit's state), or on the phone itself. Unloading it again would record a second
 * unloading and a second count, stored beside the first and counted again in the day's figures.
 */
export function unloadedAlready(unit: WsUnit, onPhone: boolean): boolean {
  return onPhone || unit.unloadedAt !== null || unit.status === "unloaded" || unit.status === "received";
}

/**
 * What a unit being unloaded here lacks in the ledger (and on this phone) for its trip to have
 * brought it: no departure (it was loaded but never left), or no loading and no departure (its
 * trip never began). The phone still records what happened, but says so before Confirm, with the
 * discrepancy reconciliation will show (core/reconcile): facts are recorded, never fixed quietly.
 */
export type MissingBeforeUnloading =
  | { missing: "departure"; discrepancy: Extract<DiscrepancyKind, "arrived-never-departed"> }
  | { missing: "loading-and-departure"; discrepancy: Extract<DiscrepancyKind, "unloaded-never-loaded"> };

export function missingBeforeUnloading(unit: WsUnit, departureOnPhone: boolean): MissingBeforeUnloading | undefined {
  if (unit.departedAt !== null || departureOnPhone) return undefined;
  if (unit.status === "loaded") return { missing: "departure", discrepancy: "arrived-never-departed" };
  if (unit.status === "planned") return { missing: "loading-and-departure", discrepancy: "unloaded-never-loaded" };
  return undefined;
}

export interface Unloading {
  operation: string;
  unit: WsUnit;
  location: string;
  team?: string;
  lines: CountedLine[];
  stamp: Stamp;
  /** Record the arrival first (it is missing: the root of "9 arrived, 17 unloaded"). */
  withArrival: boolean;
}

/**
 * Unloading a car (or a truck at the hub): the arrival if it is missing, the unloading of
 * what the unit carried into this place, and the count at receipt, which posts any
 * shortfall to loss and notes damaged goods. All at one time, in lifecycle order.
 */
export function unloadingEvents(u: Unloading): EventInput[] {
  const id = (step: string) => stepId(u.operation, u.unit.number, u.unit.trip, step);
  const common = {
    eventTime: u.stamp.eventTime,
    origin: u.stamp.origin,
    ...(u.team !== undefined && { team: u.team }),
  };
  const unloaded: LineInput[] = u.lines.map((l) => ({ item: l.item, quantity: l.expected }));
  const counted: LineInput[] = u.lines.map((l) => ({
    item: l.item,
    quantity: l.condition === "good" ? l.expected : l.counted,
    expected: l.expected,
    condition: l.condition === "damaged" ? "damaged" : "good",
  }));
  const events: EventInput[] = [];
  if (u.withArrival)
    events.push({ id: id("UnitArrived"), type: "UnitArrived", unit: u.unit.number, location: u.location, ...common });
  events.push({
    id: id("GoodsUnloaded"),
    type: "GoodsUnloaded",
    unit: u.unit.number,
    location: u.location,
    lines: unloaded,
    ...common,
  });
  // Counted where it was unloaded: from the place itself, so only a shortfall moves (to loss).
  events.push({
    id: id("GoodsReceived"),
    type: "GoodsReceived",
    unit: u.unit.number,
    location: u.location,
    from: u.location,
    lines: counted,
    ...common,
  });
  return events;
}

export interface Loading {
  operation: string;
  unit: WsUnit;
  location: string;
  team?: string;
  lines: { item: string; quantity: string }[];
  departs: boolean;
  stamp: Stamp;
}

/** The trip a loading starts or continues: an emptied or unused unit starts the next one. */
export const loadingTrip = (unit: WsUnit): number =>
  ["planned", "unloaded", "received"].includes(unit.status) ? unit.trip + 1 : unit.trip;

/** Loading a truck for the road leg: goods shipped from this place into the truck, and its departure if it leaves now. */
export function loadingEvents(l: Loading): EventInput[] {
  const trip = loadingTrip(l.unit);
  const id = (step: string) => stepId(l.operation, l.unit.number, trip, step);
  const common = {
    eventTime: l.stamp.eventTime,
    origin: l.stamp.origin,
    ...(l.team !== undefined && { team: l.team }),
  };
  const events: EventInput[] = [
    {
      id: id("GoodsShipped"),
      type: "GoodsShipped",
      unit: l.unit.number,
      location: l.location,
      lines: l.lines,
      ...common,
    },
  ];
  if (l.departs)
    events.push({ id: id("UnitDeparted"), type: "UnitDeparted", unit: l.unit.number, location: l.location, ...common });
  return events;
}

export interface Distribution {
  id: string;
  neighbourhood: string;
  team?: string;
  lines: { item: string; quantity: string }[];
  households: number;
  people: number;
  note?: string;
  stamp: Stamp;
}

/** Goods handed out at a distribution point: counts of households and people only, never who. */
export function distributionEvent(d: Distribution): EventInput {
  return {
    id: d.id,
    type: "GoodsDistributed",
    eventTime: d.stamp.eventTime,
    origin: d.stamp.origin,
    location: d.neighbourhood,
    neighbourhood: d.neighbourhood,
    lines: d.lines,
    households: d.households,
    people: d.people,
    ...(d.team !== undefined && { team: d.team }),
    ...(d.note !== undefined && d.note.trim() !== "" && { note: d.note.trim() }),
  };
}

export interface HandOverInput {
  id: string;
  from: string;
  organisation: string;
  lines: { item: string; quantity: string }[];
  note?: string;
  stamp: Stamp;
}

/** Equipment handed over into an organisation's custody (sent through the hand-over endpoint, which creates the custody place). */
export function handOverEvent(h: HandOverInput): EventInput {
  return {
    id: h.id,
    type: "EquipmentHandedOver",
    eventTime: h.stamp.eventTime,
    origin: h.stamp.origin,
    from: h.from,
    to: `custody:${h.organisation}`,
    lines: h.lines,
    ...(h.note !== undefined && h.note.trim() !== "" && { note: h.note.trim() }),
  };
}
