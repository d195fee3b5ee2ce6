// Projections of the tracking features written in the append's transaction: the
// state of every unit a batch touches (advanced by its new events when they come after
// the last one applied, replayed from all its events in event-time order otherwise)
// and the discrepancies that depend on those units' events alone.
import type { LedgerEvent, RecordedEvent } from "../core/events.ts";
import type { UnitState } from "../core/unit-history.ts";
import { PLANNED, comesAfter, inTimeOrder, unitHistory } from "../core/unit-history.ts";
import { UNIT_EVENT_KINDS } from "../core/reconcile/finding.ts";
import type { Describe, Finding } from "../core/reconcile/finding.ts";
import { applyWithFindings, receiptDifferences, unitFindings } from "../core/reconcile/unit-rules.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findManifests, findUnits } from "../store/units.sql.ts";
import { clearUnitStates, loadUnitEvents, unitsWithEvents, upsertUnitStates } from "../store/unit-states.sql.ts";
import type { ProjectionInputs } from "../store/append-rows.sql.ts";
import { describerFor, describerOf, syncFindings } from "./discrepancy-sync.ts";

/** Recomputes the state and the event-based discrepancies of these units. */
export async function projectUnits(
  tx: Queryable,
  operation: Operation,
  units: readonly string[],
  now: Date,
  d?: Describe,
): Promise<Finding[]> {
  if (units.length === 0) return [];
  const events = await loadUnitEvents(tx, operation.id, units);
  // A unit without events is planned: it has no row, as after a rebuild.
  const withEvents = units.filter((u) => (events.get(u)?.length ?? 0) > 0);
  await upsertUnitStates(
    tx,
    operation.id,
    withEvents.map((unit) => ({ unit, state: unitHistory(events.get(unit)!) })),
  );
  const registered = await findUnits(tx, operation.id, units);
  const manifests = await findManifests(tx, operation.id, units);
  const describe = d ?? (await describerFor(tx, operation));
  const findings = units.flatMap((number) =>
    unitFindings(
      {
        number,
        kind: registered.get(number)?.kind,
        events: events.get(number) ?? [],
        manifest: manifests.get(number) ?? [],
      },
      describe,
    ),
  );
  await syncFindings(
    tx,
    operation.id,
    findings,
    { kinds: UNIT_EVENT_KINDS, subjects: units.map((u) => `unit:${u}`) },
    now,
  );
  return findings;
}

/** An append's unit projection, worked out before its events are written (the states go with them). */
export interface BatchProjection {
  /** Units whose new events all come after their last applied one, advanced from their stored state. */
  states: { unit: string; state: UnitState }[];
  /** What those new events show (only those: nothing stored is superseded by them). */
  findings: Finding[];
  /** Units with an event that arrived out of order: replayed from their whole history once the events are stored. */
  outOfOrder: string[];
  /** Counts at receipt that name no unit. */
  receipts: LedgerEvent[];
  describe: Describe;
}

/** The units a batch's events name, with their new events, and those among them that receive goods. */
export function unitsOf(records: readonly RecordedEvent[]): {
  byUnit: Map<string, LedgerEvent[]>;
  receiving: string[];
} {
  const byUnit = new Map<string, LedgerEvent[]>();
  for (const { event } of records)
    if (event.unit !== undefined) byUnit.set(event.unit, [...(byUnit.get(event.unit) ?? []), event]);
  const receiving = [...byUnit.keys()].filter((u) => byUnit.get(u)!.some((e) => e.type === "GoodsReceived"));
  return { byUnit, receiving };
}

/**
 * Before an append's events are written: the units touched by the batch, with one read of
 * their stored states, registrations, manifests and the operation's names. A unit whose new
 * events all come after its last applied event (in event-time order) is advanced from its
 * stored state, one `applyOne` per event; the others are left to `finishBatch`. `found`: what
 * `loadProjectionInputs` read for the units of `unitsOf(records)`.
 */
export function planBatch(
  operation: Operation,
  records: readonly RecordedEvent[],
  found: ProjectionInputs,
): BatchProjection {
  const { byUnit } = unitsOf(records);
  const units = [...byUnit.keys()];
  const receipts = records.map((r) => r.event).filter((e) => e.type === "GoodsReceived" && e.unit === undefined);
  const describe = describerOf(found.named, operation);
  const inOrder = units.filter((u) => comesAfter(found.states.get(u) ?? PLANNED, inTimeOrder(byUnit.get(u)!)[0]!));
  const findings: Finding[] = [];
  const states = inOrder.map((unit) => {
    const next = applyWithFindings(
      { number: unit, kind: found.registered.get(unit)?.kind, manifest: found.manifests.get(unit) ?? [] },
      found.states.get(unit) ?? PLANNED,
      byUnit.get(unit)!,
      describe,
    );
    findings.push(...next.findings);
    return { unit, state: next.state };
  });
  return { states, findings, outOfOrder: units.filter((u) => !inOrder.includes(u)), receipts, describe };
}

/**
 * After the events and `plan.states` are written: the units replayed and the counts at receipt
 * (`plan.findings` are written by the caller, with the append's other findings).
 */
export async function finishBatch(
  tx: Queryable,
  operation: Operation,
  plan: BatchProjection,
  now: Date,
): Promise<void> {
  const { receipts, describe: d } = plan;
  await projectUnits(tx, operation, plan.outOfOrder, now, d);
  if (receipts.length > 0) {
    const found = receipts.flatMap((r) => receiptDifferences(r, [], undefined, d));
    await syncFindings(
      tx,
      operation.id,
      found,
      { kinds: ["receipt-short", "receipt-over", "receipt-damaged"], subjects: receipts.map((r) => `event:${r.id}`) },
      now,
    );
  }
}

/** Rebuilds the unit_states projection of an operation from its events (part of `rebuild`). */
export async function rebuildUnitStates(tx: Queryable, operation: Operation, chunk = 500): Promise<number> {
  await clearUnitStates(tx, operation.id);
  const units = await unitsWithEvents(tx, operation.id);
  for (let i = 0; i < units.length; i += chunk) {
    const part = units.slice(i, i + chunk);
    const events = await loadUnitEvents(tx, operation.id, part);
    await upsertUnitStates(
      tx,
      operation.id,
      part.map((unit) => ({ unit, state: unitHistory(events.get(unit) ?? []) })),
    );
  }
  return units.length;
}
