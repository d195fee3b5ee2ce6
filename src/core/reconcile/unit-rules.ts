// Reconciliation rules over one unit's events, taken in event-time order. Each rule is
// a function from facts to findings; recording a fact is never refused because of them.
import type { LedgerEvent } from "../events.ts";
import { cmp, sub } from "../quantity.ts";
import { PLANNED, applyOne, inTimeOrder, type UnitState } from "../unit-history.ts";
import type { Describe, Finding, ManifestLine, UnitFacts } from "./finding.ts";
import type { Happened, UnitRef } from "./facts.ts";
import { finding } from "./explain.ts";

/** Who the unit is, for explanations, and what its manifest lists (receipts are counted against it). */
export type UnitLabel = Pick<UnitFacts, "number" | "kind" | "manifest">;

/**
 * The findings one event shows, given the unit's state just before it (after every
 * earlier event in event-time order). Every unit rule is a step like this, so the full
 * replay and the incremental projection of an in-order event find the same things.
 */
export function findingsAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  return [
    ...unloadedBeforeArrivedAt(unit, before, e, d),
    ...unloadedNeverLoadedAt(unit, before, e, d),
    ...arrivedTwiceAt(unit, before, e, d),
    ...arrivedNeverDepartedAt(unit, before, e, d),
    ...unloadedTwiceAt(unit, before, e, d),
    ...(e.type === "GoodsReceived"
      ? receiptDifferences(e, unit.manifest, e.unit === undefined ? undefined : unitRef(unit), d)
      : []),
  ];
}

/** Applies events in time order from `state`, collecting what each shows. */
export function applyWithFindings(
  unit: UnitLabel,
  state: UnitState,
  events: readonly LedgerEvent[],
  d: Describe,
): { state: UnitState; findings: Finding[] } {
  const findings: Finding[] = [];
  for (const e of inTimeOrder(events)) {
    findings.push(...findingsAt(unit, state, e, d));
    state = applyOne(state, e);
  }
  return { state, findings };
}

const replayFindings = (
  unit: UnitFacts,
  d: Describe,
  step: (u: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe) => Finding[],
): Finding[] => {
  const found: Finding[] = [];
  let state = PLANNED;
  for (const e of inTimeOrder(unit.events)) {
    found.push(...step(unit, state, e, d));
    state = applyOne(state, e);
  }
  return found;
};

const unitRef = (unit: UnitLabel): UnitRef => ({
  number: unit.number,
  ...(unit.kind !== undefined && { kind: unit.kind }),
});
const happened = (e: LedgerEvent): Happened => ({
  time: e.eventTime,
  ...(e.location !== undefined && { place: e.location }),
});
const takesOff = (e: LedgerEvent) => e.type === "GoodsUnloaded" || (e.type === "GoodsReceived" && e.unit !== undefined);
const emptied = (s: UnitState) => s.status === "unloaded" || s.status === "received";

function unloadedBeforeArrivedAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  if (!takesOff(e) || before.status !== "departed") return [];
  const departed = before.departedAt
    ? { time: before.departedAt, ...(before.departedFrom !== undefined && { place: before.departedFrom }) }
    : undefined;
  return [
    finding(
      {
        kind: "unloaded-before-arrived",
        subject: `unit:${unit.number}`,
        anchor: e.id,
        evidence: [e.id],
        facts: {
          kind: "unloaded-before-arrived",
          unit: unitRef(unit),
          verb: e.type === "GoodsUnloaded" ? "unloaded" : "received",
          at: happened(e),
          ...(departed && { departed }),
        },
      },
      d,
    ),
  ];
}

/** Goods taken off a unit on a trip for which nothing was recorded as loaded on it. */
function unloadedNeverLoadedAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  if (!takesOff(e) || emptied(before) || Object.keys(before.loaded).length > 0) return [];
  return [
    finding(
      {
        kind: "unloaded-never-loaded",
        subject: `unit:${unit.number}`,
        anchor: e.id,
        evidence: [e.id],
        facts: {
          kind: "unloaded-never-loaded",
          unit: unitRef(unit),
          verb: e.type === "GoodsUnloaded" ? "unloaded" : "received",
          at: happened(e),
        },
      },
      d,
    ),
  ];
}

/** An arrival on a trip that was loaded but never departed: it cannot have come from anywhere. */
function arrivedNeverDepartedAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  if (e.type !== "UnitArrived" || before.status !== "loaded") return [];
  const loaded = before.loadedAt
    ? { time: before.loadedAt, ...(before.lastLocation !== undefined && { place: before.lastLocation }) }
    : undefined;
  return [
    finding(
      {
        kind: "arrived-never-departed",
        subject: `unit:${unit.number}`,
        anchor: e.id,
        evidence: [e.id],
        facts: { kind: "arrived-never-departed", unit: unitRef(unit), at: happened(e), ...(loaded && { loaded }) },
      },
      d,
    ),
  ];
}

function arrivedTwiceAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  const last = before.openArrival;
  if (e.type !== "UnitArrived" || !last) return [];
  return [
    finding(
      {
        kind: "arrived-twice",
        subject: `unit:${unit.number}`,
        anchor: e.id,
        evidence: [last.id, e.id],
        facts: {
          kind: "arrived-twice",
          unit: unitRef(unit),
          first: { time: last.time, ...(last.location !== undefined && { place: last.location }) },
          second: happened(e),
        },
      },
      d,
    ),
  ];
}

function unloadedTwiceAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  if (e.type !== "GoodsUnloaded" || before.status !== "unloaded") return [];
  const empty = Object.entries(before.loaded).every(([item, q]) => cmp(before.unloaded[item] ?? "0", q) >= 0);
  if (!empty) return [];
  return [
    finding(
      {
        kind: "unloaded-twice",
        subject: `unit:${unit.number}`,
        anchor: e.id,
        evidence: [e.id],
        facts: { kind: "unloaded-twice", unit: unitRef(unit), at: happened(e), firstUnloadedAt: before.unloadedAt! },
      },
      d,
    ),
  ];
}

/** Unloaded (or received) after departing, with no arrival recorded in between. */
export const unloadedBeforeArrived = (unit: UnitFacts, d: Describe): Finding[] =>
  replayFindings(unit, d, unloadedBeforeArrivedAt);

/** Two arrivals with no departure between them. */
export const arrivedTwice = (unit: UnitFacts, d: Describe): Finding[] => replayFindings(unit, d, arrivedTwiceAt);

/** An unloading when everything loaded on this trip had already been unloaded. */
export const unloadedTwice = (unit: UnitFacts, d: Describe): Finding[] => replayFindings(unit, d, unloadedTwiceAt);

/** A count at receipt that differs from the manifest (or the expected quantity), or found damaged. */
export function receiptDifferences(
  receipt: LedgerEvent,
  manifest: readonly ManifestLine[],
  unit: UnitRef | undefined,
  d: Describe,
): Finding[] {
  if (receipt.type !== "GoodsReceived") return [];
  const subject = receipt.unit ? `unit:${receipt.unit}` : `event:${receipt.id}`;
  const found: Finding[] = [];
  for (const line of receipt.lines ?? []) {
    const listed = manifest.find((m) => m.item === line.item)?.quantity;
    const expected = (receipt.unit ? listed : undefined) ?? line.expected ?? listed ?? line.quantity;
    const against = receipt.unit && listed !== undefined ? ("manifest" as const) : ("expected" as const);
    const where = { item: line.item, uom: line.uom, at: happened(receipt), ...(unit && { unit }) };
    const diff = cmp(line.quantity, expected);
    const base = { subject, evidence: [receipt.id] };
    if (diff !== 0) {
      const kind = diff < 0 ? ("receipt-short" as const) : ("receipt-over" as const);
      const difference = diff < 0 ? sub(expected, line.quantity) : sub(line.quantity, expected);
      found.push(
        finding(
          {
            ...base,
            kind,
            anchor: `${receipt.id}/${line.item}`,
            facts: { kind, ...where, counted: line.quantity, expected, difference, against },
          },
          d,
        ),
      );
    }
    if (line.condition === "damaged") {
      found.push(
        finding(
          {
            ...base,
            kind: "receipt-damaged",
            anchor: `${receipt.id}/${line.item}/damaged`,
            facts: { kind: "receipt-damaged", ...where, quantity: line.quantity },
          },
          d,
        ),
      );
    }
  }
  return found;
}

/** All rules that depend on one unit's events only (not on the clock), over its full history. */
export function unitFindings(unit: UnitFacts, d: Describe): Finding[] {
  return applyWithFindings(unit, PLANNED, unit.events, d).findings;
}
