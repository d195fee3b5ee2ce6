// Projections of the tracking features written in the append's transaction: the
// state of every unit a batch touches (replayed from its events in event-time order)
// and the discrepancies that depend on those units' events alone.
import type { RecordedEvent } from "../core/events.ts";
import { unitHistory } from "../core/unit-history.ts";
import { UNIT_EVENT_KINDS } from "../core/reconcile/finding.ts";
import type { Describe, Finding } from "../core/reconcile/finding.ts";
import { receiptDifferences, unitFindings } from "../core/reconcile/unit-rules.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findManifests, findUnits } from "../store/units.sql.ts";
import { clearUnitStates, loadUnitEvents, unitsWithEvents, upsertUnitStates } from "../store/unit-states.sql.ts";
import { describerFor, syncFindings } from "./discrepancy-sync.ts";

/** Recomputes the state and the event-based discrepancies of these units. */
export async function projectUnits(tx: Queryable, operation: Operation, units: readonly string[], now: Date, d?: Describe): Promise<Finding[]> {
  if (units.length === 0) return [];
  const events = await loadUnitEvents(tx, operation.id, units);
  // A unit without events is planned: it has no row, as after a rebuild.
  const withEvents = units.filter((u) => (events.get(u)?.length ?? 0) > 0);
  await upsertUnitStates(tx, operation.id, withEvents.map((unit) => ({ unit, state: unitHistory(events.get(unit)!) })));
  const registered = await findUnits(tx, operation.id, units);
  const manifests = await findManifests(tx, operation.id, units);
  const describe = d ?? (await describerFor(tx, operation));
  const findings = units.flatMap((number) => unitFindings({ number, kind: registered.get(number)?.kind, events: events.get(number) ?? [], manifest: manifests.get(number) ?? [] }, describe));
  await syncFindings(tx, operation.id, findings, { kinds: UNIT_EVENT_KINDS, subjects: units.map((u) => `unit:${u}`) }, now);
  return findings;
}

/** After an append: units touched by the batch, and counts at receipt that name no unit. */
export async function projectBatch(tx: Queryable, operation: Operation, records: readonly RecordedEvent[], now: Date): Promise<void> {
  const units = [...new Set(records.flatMap((r) => (r.event.unit === undefined ? [] : [r.event.unit])))];
  const receipts = records.map((r) => r.event).filter((e) => e.type === "GoodsReceived" && e.unit === undefined);
  if (units.length === 0 && receipts.length === 0) return;
  const d = await describerFor(tx, operation);
  await projectUnits(tx, operation, units, now, d);
  if (receipts.length > 0) {
    const findings = receipts.flatMap((r) => receiptDifferences(r, [], "", d));
    await syncFindings(tx, operation.id, findings, { kinds: ["receipt-short", "receipt-over", "receipt-damaged"], subjects: receipts.map((r) => `event:${r.id}`) }, now);
  }
}

/** Rebuilds the unit_states projection of an operation from its events (part of `rebuild`). */
export async function rebuildUnitStates(tx: Queryable, operation: Operation, chunk = 500): Promise<number> {
  await clearUnitStates(tx, operation.id);
  const units = await unitsWithEvents(tx, operation.id);
  for (let i = 0; i < units.length; i += chunk) {
    const part = units.slice(i, i + chunk);
    const events = await loadUnitEvents(tx, operation.id, part);
    await upsertUnitStates(tx, operation.id, part.map((unit) => ({ unit, state: unitHistory(events.get(unit) ?? []) })));
  }
  return units.length;
}
