// Projections of the tracking features written in the append's transaction: the
// state of every unit a batch touches (advanced by its new events when they come after
// the last one applied, replayed from all its events in event-time order otherwise)
// and the discrepancies that depend on those units' events alone.
import type { LedgerEvent, RecordedEvent } from "../core/events.ts";
import type { UnitState } from "../core/unit-history.ts";
import { PLANNED, comesAfter, inTimeOrder, unitHistory } from "../core/unit-history.ts";
import { UNIT_EVENT_KINDS } from "../core/reconcile/finding.ts";
import type { Describe, Finding, ManifestLine } from "../core/reconcile/finding.ts";
import { applyWithFindings, receiptDifferences, unitFindings } from "../core/reconcile/unit-rules.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findManifests, findUnits } from "../store/units.sql.ts";
import {
  clearUnitStates,
  loadUnitEvents,
  loadUnitStates,
  unitsWithEvents,
  upsertUnitStates,
} from "../store/unit-states.sql.ts";
import { describerFor, syncFindings } from "./discrepancy-sync.ts";

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

/**
 * After an append: the units touched by the batch, and counts at receipt that name no
 * unit. A unit whose new events all come after its last applied event (in event-time
 * order) is advanced from its stored state, one `applyOne` per event; a unit with an
 * event that arrived out of order is replayed from its whole history.
 */
export async function projectBatch(
  tx: Queryable,
  operation: Operation,
  records: readonly RecordedEvent[],
  now: Date,
): Promise<void> {
  const byUnit = new Map<string, LedgerEvent[]>();
  for (const { event } of records)
    if (event.unit !== undefined) byUnit.set(event.unit, [...(byUnit.get(event.unit) ?? []), event]);
  const units = [...byUnit.keys()];
  const receipts = records.map((r) => r.event).filter((e) => e.type === "GoodsReceived" && e.unit === undefined);
  if (units.length === 0 && receipts.length === 0) return;
  const d = await describerFor(tx, operation);
  const stored = await loadUnitStates(tx, operation.id, units);
  const inOrder = units.filter((u) => comesAfter(stored.get(u) ?? PLANNED, inTimeOrder(byUnit.get(u)!)[0]!));
  const outOfOrder = units.filter((u) => !inOrder.includes(u));
  await advanceUnits(
    tx,
    operation,
    inOrder.map((u) => ({ unit: u, state: stored.get(u) ?? PLANNED, events: byUnit.get(u)! })),
    now,
    d,
  );
  await projectUnits(tx, operation, outOfOrder, now, d);
  if (receipts.length > 0) {
    const findings = receipts.flatMap((r) => receiptDifferences(r, [], undefined, d));
    await syncFindings(
      tx,
      operation.id,
      findings,
      { kinds: ["receipt-short", "receipt-over", "receipt-damaged"], subjects: receipts.map((r) => `event:${r.id}`) },
      now,
    );
  }
}

/** Applies in-order events on top of the stored states; the findings are only those the new events show. */
async function advanceUnits(
  tx: Queryable,
  operation: Operation,
  advances: readonly { unit: string; state: UnitState; events: readonly LedgerEvent[] }[],
  now: Date,
  d: Describe,
): Promise<void> {
  if (advances.length === 0) return;
  const units = advances.map((a) => a.unit);
  const registered = await findUnits(tx, operation.id, units);
  const receiving = advances.filter((a) => a.events.some((e) => e.type === "GoodsReceived")).map((a) => a.unit);
  const manifests =
    receiving.length > 0 ? await findManifests(tx, operation.id, receiving) : new Map<string, ManifestLine[]>();
  const findings: Finding[] = [];
  const states = advances.map(({ unit, state, events }) => {
    const next = applyWithFindings(
      { number: unit, kind: registered.get(unit)?.kind, manifest: manifests.get(unit) ?? [] },
      state,
      events,
      d,
    );
    findings.push(...next.findings);
    return { unit, state: next.state };
  });
  await upsertUnitStates(tx, operation.id, states);
  if (findings.length > 0)
    await syncFindings(
      tx,
      operation.id,
      findings,
      { kinds: UNIT_EVENT_KINDS, subjects: [...new Set(findings.map((f) => f.subject))] },
      now,
      { keepUnfound: true },
    );
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
