// Reading units: the board of units with their last known place, and one unit with
// its manifest, its timeline (in event-time order) and its discrepancies.
import type { LedgerEvent } from "../core/events.ts";
import { unitHistory, byEventTime, type UnitState } from "../core/unit-history.ts";
import type { ManifestLine } from "../core/reconcile/finding.ts";
import type { Db } from "../store/db.ts";
import type { TransportUnit } from "../store/units.sql.ts";
import { findManifests, findUnits } from "../store/units.sql.ts";
import type { UnitStateRow } from "../store/unit-states.sql.ts";
import { listUnitStates } from "../store/unit-states.sql.ts";
import type { StoredDiscrepancy } from "../store/discrepancies.sql.ts";
import { listDiscrepancies } from "../store/discrepancies.sql.ts";
import { eventsOfUnit } from "../store/ledger.sql.ts";
import { notFound } from "./errors.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import { explainedIn } from "./discrepancy-text.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface UnitBoardRow extends Omit<UnitStateRow, "departedAt" | "arrivedAt" | "unloadedAt" | "lastEventTime" | "departureId"> {
  departedAt: string | null;
  arrivedAt: string | null;
  unloadedAt: string | null;
  lastEventTime: string | null;
  /** The unit's manifest: what it carries (empty when none was given). */
  cargo: ManifestLine[];
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function unitBoard(db: Db, principal: Principal, operationCode: string, filter: { consignment?: string; status?: string }, now: Date): Promise<UnitBoardRow[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const rows = await listUnitStates(db, operation.id, now, filter);
  const manifests = await findManifests(db, operation.id, rows.length > 500 ? undefined : rows.map((r) => r.unit));
  return rows.map(({ departureId: _, ...r }) => ({
    ...r, departedAt: iso(r.departedAt), arrivedAt: iso(r.arrivedAt), unloadedAt: iso(r.unloadedAt), lastEventTime: iso(r.lastEventTime), cargo: manifests.get(r.unit) ?? [],
  }));
}

export interface UnitView {
  unit: TransportUnit;
  state: UnitState;
  manifest: ManifestLine[];
  timeline: { seq: number; recordedAt: string; event: LedgerEvent }[];
  discrepancies: StoredDiscrepancy[];
}

export async function getUnit(db: Db, principal: Principal, operationCode: string, number: string, lang: ExplainLang = "en"): Promise<UnitView> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const unit = (await findUnits(db, operation.id, [number])).get(number);
  if (!unit) throw notFound(`transport unit ${number} in operation ${operationCode}`);
  const rows = await eventsOfUnit(db, operation.id, number);
  const timeline = rows.map((r) => ({ seq: r.seq, recordedAt: new Date(r.recordedAt).toISOString(), event: r.event })).sort((a, b) => byEventTime(a.event, b.event));
  return {
    unit,
    state: unitHistory(timeline.map((t) => t.event)),
    manifest: (await findManifests(db, operation.id, [number])).get(number) ?? [],
    timeline,
    discrepancies: await explainedIn(db, operation, await listDiscrepancies(db, operation.id, { subject: `unit:${number}` }), lang),
  };
}
