// Reconciliation over a whole operation: every rule, against `now`, synced into the
// stored discrepancies. Also: changing a discrepancy's status (with a note, kept in
// its history) and recording figures claimed in reports to compare with the ledger.
import { v7 as uuidv7 } from "uuid";
import type { DiscrepancyKind, DiscrepancyStatus, Finding } from "../core/reconcile/finding.ts";
import { DISCREPANCY_KINDS, UNIT_EVENT_KINDS } from "../core/reconcile/finding.ts";
import type { Claim } from "../core/reconcile/operation-rules.ts";
import {
  DEFAULT_STALE_DAYS,
  claimDiffers,
  moreUnitsThanPlanned,
  negativeStock,
  staleInTransit,
} from "../core/reconcile/operation-rules.ts";
import { receiptDifferences, unitFindings } from "../core/reconcile/unit-rules.ts";
import { VIRTUAL_KINDS } from "../core/catalogue.ts";
import type { Describe, ExplainLang } from "../core/reconcile/describe.ts";
import { explainedIn } from "./discrepancy-text.ts";
import { allNegativePoints } from "../store/stock-sense.sql.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { countUnitsByConsignment, findManifests, findUnits, unverifiedUnits } from "../store/units.sql.ts";
import { lockOperation, unitlessReceipts } from "../store/ledger.sql.ts";
import { listUnitStates, loadUnitEvents, unitsWithEvents } from "../store/unit-states.sql.ts";
import { findConsignment, listConsignments } from "../store/tracking.sql.ts";
import { stageFigure } from "../store/progress.sql.ts";
import type { HistoryEntry, StoredDiscrepancy } from "../store/discrepancies.sql.ts";
import * as store from "../store/discrepancies.sql.ts";
import { dayIn, dayStanding } from "../core/calendar.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { authoriseRole } from "./authorise-role.ts";
import { describerFor, syncFindings } from "./discrepancy-sync.ts";

/** Kinds the full run evaluates; unit-event kinds are kept current by every append unless `replayUnits`. */
export const fullRunKinds = (replayUnits: boolean): DiscrepancyKind[] =>
  DISCREPANCY_KINDS.filter((k) => replayUnits || !UNIT_EVENT_KINDS.includes(k));

export async function findAll(
  tx: Queryable,
  operation: Operation,
  now: Date,
  staleDays: number,
  replayUnits = false,
): Promise<Finding[]> {
  const d = await describerFor(tx, operation);
  const findings: Finding[] = [];
  const units = replayUnits ? await unitsWithEvents(tx, operation.id) : [];
  for (let i = 0; i < units.length; i += 1000) {
    const chunk = units.slice(i, i + 1000);
    const [events, registered, manifests] = [
      await loadUnitEvents(tx, operation.id, chunk),
      await findUnits(tx, operation.id, chunk),
      await findManifests(tx, operation.id, chunk),
    ];
    for (const number of chunk)
      findings.push(
        ...unitFindings(
          {
            number,
            kind: registered.get(number)?.kind,
            events: events.get(number) ?? [],
            manifest: manifests.get(number) ?? [],
          },
          d,
        ),
      );
  }
  const counts = replayUnits ? await unitlessReceipts(tx, operation.id) : [];
  findings.push(...counts.flatMap((event) => receiptDifferences(event, [], undefined, d)));
  for (const u of await listUnitStates(tx, operation.id, now, { status: "departed" })) {
    const state = {
      status: "departed" as const,
      departedAt: u.departedAt ? new Date(u.departedAt).toISOString() : undefined,
      departedFrom: u.departedFrom ?? undefined,
    };
    findings.push(
      ...staleInTransit(
        { number: u.unit, kind: u.kind ?? undefined, state, ...(u.departureId && { departureId: u.departureId }) },
        now,
        d,
        staleDays,
      ),
    );
  }
  for (const point of await allNegativePoints(tx, operation.id, VIRTUAL_KINDS))
    findings.push(...negativeStock(point, d));
  for (const c of await listConsignments(tx, operation.id)) {
    findings.push(
      ...moreUnitsThanPlanned(
        { code: c.code, plannedUnits: c.plannedUnits, units: await countUnitsByConsignment(tx, operation.id, c.code) },
        d,
      ),
    );
  }
  for (const claim of await store.listClaims(tx, operation.id))
    findings.push(...(await claimFindings(tx, operation, claim, d)));
  const unverified = await unverifiedUnits(tx, operation.id);
  const stored = await store.findInScope(
    tx,
    operation.id,
    ["unverified-number"],
    unverified.map((u) => `unit:${u.number}`),
  );
  for (const s of stored) {
    const unit = unverified.find((u) => `unit:${u.number}` === s.subject)!;
    const facts = s.facts ?? { kind: "unverified-number" as const, unit: { number: unit.number, kind: unit.kind } };
    findings.push({
      kind: "unverified-number",
      subject: s.subject,
      anchor: "",
      evidence: s.evidence,
      facts,
      explanation: s.explanation,
    });
  }
  return findings;
}

async function claimFindings(tx: Queryable, operation: Operation, claim: Claim, d: Describe): Promise<Finding[]> {
  const c = await findConsignment(tx, operation.id, claim.consignment);
  const figure = await stageFigure(tx, operation.id, claim.consignment, claim.metric, claim.asOf, operation.timeZone);
  return claimDiffers(claim, { ...figure, planned: c?.plannedUnits ?? 0 }, d);
}

export interface ReconcileResult {
  opened: number;
  superseded: number;
  open: StoredDiscrepancy[];
}

/**
 * Runs the rules that depend on the clock or on the whole operation. Rules over one
 * unit's events already ran when its events were recorded; `replayUnits` runs them
 * again over every unit (cost grows with the number of events).
 */
export async function reconcileOperation(
  db: Db,
  principal: Principal,
  operationCode: string,
  now: Date,
  staleDays = DEFAULT_STALE_DAYS,
  replayUnits = false,
): Promise<ReconcileResult> {
  const { operation } = await authoriseRole(
    db,
    principal,
    operationCode,
    ["admin", "logistician"],
    "run reconciliation",
  );
  const counts = await db.transaction(async (tx) => {
    await lockOperation(tx, operation.id);
    return syncFindings(
      tx,
      operation.id,
      await findAll(tx, operation, now, staleDays, replayUnits),
      { kinds: fullRunKinds(replayUnits) },
      now,
    );
  });
  return { ...counts, open: await store.listDiscrepancies(db, operation.id, { status: "open" }) };
}

export type DiscrepancyView = StoredDiscrepancy & { history: HistoryEntry[] };

export async function listDiscrepancies(
  db: Db,
  principal: Principal,
  operationCode: string,
  filter: { status?: string; kind?: string; lang?: ExplainLang },
): Promise<DiscrepancyView[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const { lang = "en", ...where } = filter;
  const rows = await explainedIn(db, operation, await store.listDiscrepancies(db, operation.id, where), lang);
  const history = await store.historyOf(
    db,
    operation.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, history: history.get(r.id) ?? [] }));
}

export async function changeDiscrepancyStatus(
  db: Db,
  principal: Principal,
  operationCode: string,
  id: string,
  change: { status: Exclude<DiscrepancyStatus, "superseded">; note: string },
  now: Date,
): Promise<DiscrepancyView> {
  const { operation } = await authoriseRole(
    db,
    principal,
    operationCode,
    ["admin", "logistician"],
    "change the status of a discrepancy",
  );
  const found = await store.findDiscrepancy(db, operation.id, id);
  if (!found) throw notFound(`discrepancy ${id} in operation ${operationCode}`);
  if (change.note.trim() === "")
    throw new AppError("invalid", "say why in a note", [{ field: "/note", message: "a note is required" }]);
  await db.transaction(async (tx) => {
    // The operation's write lock: two status changes at once each get their own history entry.
    await lockOperation(tx, operation.id);
    await store.writeDiscrepancies(
      tx,
      operation.id,
      [{ ...found, status: change.status, note: change.note }],
      now,
      principal.userId,
    );
  });
  const history = await store.historyOf(db, operation.id, [id]);
  return { ...(await store.findDiscrepancy(db, operation.id, id))!, history: history.get(id) ?? [] };
}

export type NewClaim = Omit<Claim, "id">;

/** Records a figure claimed in a report and compares it with the ledger straight away. */
export async function recordClaim(
  db: Db,
  principal: Principal,
  operationCode: string,
  input: NewClaim,
  now: Date,
): Promise<{ claim: Claim; findings: Finding[] }> {
  const { operation } = await authoriseRole(
    db,
    principal,
    operationCode,
    ["admin", "logistician", "press-officer"],
    "record a claimed figure",
  );
  const today = dayIn(operation.timeZone, now);
  if (dayStanding(input.asOf, operation.timeZone, now) === "to-come") {
    throw new AppError(
      "invalid",
      `a claim as of ${input.asOf} cannot be compared with the ledger: that day has not begun in the operation's time zone, ${operation.timeZone} (it is ${today} there)`,
      [{ field: "/asOf", message: `must be ${today} or earlier` }],
    );
  }
  if (!(await findConsignment(db, operation.id, input.consignment))) {
    throw new AppError("invalid", `unknown consignment ${input.consignment}`, [
      { field: "/consignment", message: `unknown consignment ${input.consignment}` },
    ]);
  }
  const claim: Claim = { id: uuidv7(), ...input };
  const findings = await db.transaction(async (tx) => {
    await store.insertClaim(tx, operation.id, claim, principal.userId, now);
    const found = await claimFindings(tx, operation, claim, await describerFor(tx, operation));
    await syncFindings(tx, operation.id, found, { kinds: ["claim-differs"], subjects: [`claim:${claim.id}`] }, now);
    return found;
  });
  return { claim, findings };
}

export async function listClaims(db: Db, principal: Principal, operationCode: string): Promise<Claim[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listClaims(db, operation.id);
}
