// Reconciliation rules over one unit's events, taken in event-time order. Each rule is
// a function from facts to findings; recording a fact is never refused because of them.
import type { LedgerEvent } from "../events.ts";
import { unitLabel } from "../units.ts";
import { cmp, sub } from "../quantity.ts";
import { PLANNED, applyOne, inTimeOrder, type UnitState } from "../unit-history.ts";
import type { Describe, Finding, ManifestLine, UnitFacts } from "./finding.ts";

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
    ...arrivedTwiceAt(unit, before, e, d),
    ...unloadedTwiceAt(unit, before, e, d),
    ...(e.type === "GoodsReceived" ? receiptDifferences(e, unit.manifest, unitLabel(unit.kind, unit.number), d) : []),
  ];
}

/** Applies events in time order from `state`, collecting what each shows. */
export function applyWithFindings(unit: UnitLabel, state: UnitState, events: readonly LedgerEvent[], d: Describe): { state: UnitState; findings: Finding[] } {
  const findings: Finding[] = [];
  for (const e of inTimeOrder(events)) {
    findings.push(...findingsAt(unit, state, e, d));
    state = applyOne(state, e);
  }
  return { state, findings };
}

const replayFindings = (unit: UnitFacts, d: Describe, step: (u: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe) => Finding[]): Finding[] => {
  const found: Finding[] = [];
  let state = PLANNED;
  for (const e of inTimeOrder(unit.events)) {
    found.push(...step(unit, state, e, d));
    state = applyOne(state, e);
  }
  return found;
};

function unloadedBeforeArrivedAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  const unloads = e.type === "GoodsUnloaded" || (e.type === "GoodsReceived" && e.unit !== undefined);
  if (!unloads || before.status !== "departed") return [];
  const verb = e.type === "GoodsUnloaded" ? "unloaded" : "received";
  return [{
    kind: "unloaded-before-arrived",
    subject: `unit:${unit.number}`,
    anchor: e.id,
    evidence: [e.id],
    explanation:
      `${unitLabel(unit.kind, unit.number)} was ${verb} at ${d.place(e.location)} on ${d.time(e.eventTime)} but its arrival was never recorded` +
      (before.departedAt ? ` (it departed ${d.place(before.departedFrom)} on ${d.time(before.departedAt)})` : "") +
      "; record the arrival (late events are welcome) or explain.",
  }];
}

function arrivedTwiceAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  const last = before.openArrival;
  if (e.type !== "UnitArrived" || !last) return [];
  return [{
    kind: "arrived-twice",
    subject: `unit:${unit.number}`,
    anchor: e.id,
    evidence: [last.id, e.id],
    explanation:
      `${unitLabel(unit.kind, unit.number)} arrived twice with no departure between: at ${d.place(last.location)} on ${d.time(last.time)} ` +
      `and at ${d.place(e.location)} on ${d.time(e.eventTime)}; record the departure between them if it moved, or explain the second record.`,
  }];
}

function unloadedTwiceAt(unit: UnitLabel, before: UnitState, e: LedgerEvent, d: Describe): Finding[] {
  if (e.type !== "GoodsUnloaded" || before.status !== "unloaded") return [];
  const empty = Object.entries(before.loaded).every(([item, q]) => cmp(before.unloaded[item] ?? "0", q) >= 0);
  if (!empty) return [];
  return [{
    kind: "unloaded-twice",
    subject: `unit:${unit.number}`,
    anchor: e.id,
    evidence: [e.id],
    explanation:
      `${unitLabel(unit.kind, unit.number)} was unloaded again at ${d.place(e.location)} on ${d.time(e.eventTime)}, after it had been emptied ` +
      `(first unloaded on ${d.time(before.unloadedAt!)}); if it was reloaded, record the loading, otherwise explain the second unloading.`,
  }];
}

/** Unloaded (or received) after departing, with no arrival recorded in between. */
export const unloadedBeforeArrived = (unit: UnitFacts, d: Describe): Finding[] => replayFindings(unit, d, unloadedBeforeArrivedAt);

/** Two arrivals with no departure between them. */
export const arrivedTwice = (unit: UnitFacts, d: Describe): Finding[] => replayFindings(unit, d, arrivedTwiceAt);

/** An unloading when everything loaded on this trip had already been unloaded. */
export const unloadedTwice = (unit: UnitFacts, d: Describe): Finding[] => replayFindings(unit, d, unloadedTwiceAt);

/** A count at receipt that differs from the manifest (or the expected quantity), or found damaged. */
export function receiptDifferences(receipt: LedgerEvent, manifest: readonly ManifestLine[], label: string, d: Describe): Finding[] {
  if (receipt.type !== "GoodsReceived") return [];
  const subject = receipt.unit ? `unit:${receipt.unit}` : `event:${receipt.id}`;
  const found: Finding[] = [];
  for (const line of receipt.lines ?? []) {
    const listed = manifest.find((m) => m.item === line.item)?.quantity;
    const expected = (receipt.unit ? listed : undefined) ?? line.expected ?? listed ?? line.quantity;
    const against = receipt.unit && listed !== undefined ? "the manifest" : "the expected quantity";
    const where = `${label ? `from ${label} ` : ""}at ${d.place(receipt.location)} on ${d.time(receipt.eventTime)}`;
    const diff = cmp(line.quantity, expected);
    const base = { subject, evidence: [receipt.id] };
    if (diff < 0) {
      found.push({ ...base, kind: "receipt-short", anchor: `${receipt.id}/${line.item}`, explanation: `Receipt of ${line.item} ${where} counted ${line.quantity} ${line.uom}, ${sub(expected, line.quantity)} short of ${against} (${expected}); find the missing goods or record the loss with an explanation.` });
    } else if (diff > 0) {
      found.push({ ...base, kind: "receipt-over", anchor: `${receipt.id}/${line.item}`, explanation: `Receipt of ${line.item} ${where} counted ${line.quantity} ${line.uom}, ${sub(line.quantity, expected)} more than ${against} (${expected}); check the count and where the extra goods came from.` });
    }
    if (line.condition === "damaged") {
      found.push({ ...base, kind: "receipt-damaged", anchor: `${receipt.id}/${line.item}/damaged`, explanation: `${line.quantity} ${line.uom} of ${line.item} in the receipt ${where} were found damaged; decide whether to write them off.` });
    }
  }
  return found;
}

/** All rules that depend on one unit's events only (not on the clock), over its full history. */
export function unitFindings(unit: UnitFacts, d: Describe): Finding[] {
  return applyWithFindings(unit, PLANNED, unit.events, d).findings;
}
