// Recording events: the one path by which facts enter the ledger. A batch is checked
// whole, then written in one transaction with its stock projections; nothing of a
// bad batch is stored. Retrying with the same ids is harmless. In "each" mode (the field
// app's sync) a refused or conflicting event is answered on its own and the others are
// stored, in order. Events from a phone's device credential carry their origin.
import type { EventInput, LedgerEvent, RecordedEvent } from "../core/events.ts";
import { LOSS, unitLocation, recipientsLocation } from "../core/events.ts";
import type { DecideContext, FieldError } from "../core/decide.ts";
import { decideEvent } from "../core/decide.ts";
import { hashEvent, sameEvent } from "../core/chain.ts";
import { movesOf } from "../core/moves.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findItemRefs, findLocationRefs, findUoms } from "../store/catalogue.sql.ts";
import type { MoveRow } from "../store/ledger.sql.ts";
import { findEventsById, insertEvents, lockChainHead, postMoves, saveChainHead } from "../store/ledger.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { can } from "../core/roles.ts";
import { AppError } from "./errors.ts";
import { findTeamCodes } from "../store/tracking.sql.ts";
import { projectBatch } from "./unit-projection.ts";
import { notifyAppended } from "../store/feed.sql.ts";
import { stampOrigin } from "../core/origin.ts";
import { checkStockInEventOrder } from "./ledger-sense.ts";

export const MAX_BATCH = 10_000;
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface RecordOutcome {
  id: string;
  seq: number;
  status: "created" | "duplicate";
}

/** An event the "each" mode did not store, with the reasons. */
export interface RefusedOutcome {
  id: string;
  status: "refused" | "conflict";
  errors: FieldError[];
}

/** "all": the batch is stored whole or not at all. "each": every event is answered on its own. */
export type BatchMode = "all" | "each";

export async function recordEvents(db: Db, principal: Principal, operationCode: string, inputs: readonly EventInput[], now: Date): Promise<RecordOutcome[]> {
  return (await recordBatch(db, principal, operationCode, inputs, now, "all")) as RecordOutcome[];
}

export async function recordBatch(
  db: Db, principal: Principal, operationCode: string, inputs: readonly EventInput[], now: Date, mode: BatchMode,
): Promise<(RecordOutcome | RefusedOutcome)[]> {
  if (inputs.length > MAX_BATCH) throw new AppError("too-large", `a batch holds at most ${MAX_BATCH} events; this one has ${inputs.length}`);
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const forbidden = (e: EventInput) => !can(role, { kind: "record", eventType: e.type });
  const refused = inputs.findIndex(forbidden);
  if (refused >= 0 && mode === "all") {
    const type = inputs[refused]!.type;
    throw new AppError("forbidden", `your role in operation ${operationCode} is ${role}, which may not record ${type} events${inputs.length > 1 ? ` (event ${refused})` : ""}`);
  }
  const origin = inputs.findIndex((e) => e.origin !== undefined);
  if (origin >= 0 && !principal.device) {
    const field = `${inputs.length > 1 ? `/events/${origin}` : ""}/origin`;
    const message = "only a device sign-in records an origin";
    throw new AppError("invalid", `${field}: only the field app's device sign-in records an event's origin`, [{ field, message }]);
  }
  const device = principal.device;
  const stamped = device ? inputs.map((e) => stampOrigin(e, device.installationId, now, CLOCK_SKEW_MS)) : inputs;
  const refusal = (e: EventInput) => `your role in operation ${operationCode} is ${role}, which may not record ${e.type} events`;
  const roleRefusals = new Map(stamped.flatMap((e, i) => (forbidden(e) ? [[i, refusal(e)] as const] : [])));
  return db.transaction((tx) => appendInTransaction(tx, operation, principal.userId, stamped, now, mode, roleRefusals));
}

async function appendInTransaction(
  tx: Queryable, operation: Operation, userId: string, inputs: readonly EventInput[], now: Date,
  mode: BatchMode = "all", roleRefusals: ReadonlyMap<number, string> = new Map(),
): Promise<(RecordOutcome | RefusedOutcome)[]> {
  const head = await lockChainHead(tx, operation.id);
  const ctx = await loadContext(tx, operation, inputs, now);
  const stored = await findEventsById(tx, operation.id, inputs.map((e) => e.id.toLowerCase()));
  const teams = await findTeamCodes(tx, operation.id, [...new Set(inputs.flatMap((e) => (e.team === undefined ? [] : [e.team])))]);

  const errors: FieldError[] = [];
  const outcomes: (RecordOutcome | RefusedOutcome)[] = [];
  const fresh: LedgerEvent[] = [];
  const inBatch = new Map<string, LedgerEvent>();
  inputs.forEach((input, i) => {
    const prefix = inputs.length > 1 && mode === "all" ? `/events/${i}` : "";
    const refuse = (status: RefusedOutcome["status"], found: FieldError[]) =>
      mode === "each" ? outcomes.push({ id: input.id.toLowerCase(), status, errors: found }) : errors.push(...found.map((e) => ({ ...e, field: prefix + e.field })));
    const forbidden = roleRefusals.get(i);
    if (forbidden) return refuse("refused", [{ field: "/type", message: forbidden }]);
    const decision = decideEvent(input, ctx);
    const unknownTeam = input.team !== undefined && !teams.has(input.team) ? [{ field: "/team", message: `unknown team ${input.team} in operation ${operation.code}; add it first (POST /api/operations/${operation.code}/teams)` }] : [];
    if (!decision.ok || unknownTeam.length > 0) return refuse("refused", [...(decision.ok ? [] : decision.errors), ...unknownTeam]);
    const event = decision.event;
    const earlier = stored.get(event.id)?.event ?? inBatch.get(event.id);
    if (earlier && !sameEvent(earlier, event)) {
      return refuse("conflict", [{ field: "/id", message: `event ${event.id} was already recorded with different content; history is never overwritten, so record a correction as a new event` }]);
    }
    if (earlier) return outcomes.push({ id: event.id, seq: stored.get(event.id)?.seq ?? -1, status: "duplicate" });
    inBatch.set(event.id, event);
    fresh.push(event);
    outcomes.push({ id: event.id, seq: -1, status: "created" });
  });
  if (errors.length > 0) {
    const conflict = errors.every((e) => e.field.endsWith("/id"));
    throw new AppError(conflict ? "conflict" : "invalid", summarise(errors, inputs.length), errors);
  }

  const records = chain(operation.id, userId, head, fresh, now);
  const seqById = new Map(records.map((r) => [r.event.id, r.seq]));
  for (const o of outcomes) if ("seq" in o && o.seq === -1) o.seq = seqById.get(o.id)!;
  await insertEvents(tx, records);
  const moves = movesOfRecords(records);
  await postMoves(tx, operation.id, moves);
  await projectBatch(tx, operation, records, now);
  await checkStockInEventOrder(tx, operation, moves, now);
  const last = records.at(-1);
  if (last) {
    await saveChainHead(tx, operation.id, { seq: last.seq, hash: last.hash });
    await notifyAppended(tx, operation.id);
  }
  return outcomes;
}

/** The answer to a batch: counts by outcome and each event's result. */
export function summariseBatch(results: readonly (RecordOutcome | RefusedOutcome)[], mode: BatchMode) {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const each = mode === "each" ? { refused: count("refused"), conflicts: count("conflict") } : {};
  return { created: count("created"), duplicates: count("duplicate"), ...each, results: [...results] };
}

/** Links new events onto the chain head. */
export function chain(operationId: string, userId: string, head: { seq: number; hash: string }, events: readonly LedgerEvent[], now: Date): RecordedEvent[] {
  const recordedAt = now.toISOString();
  let prev = head;
  return events.map((event) => {
    const unhashed = { operationId, seq: prev.seq + 1, recordedAt, recordedBy: userId, event, prevHash: prev.hash };
    const record = { ...unhashed, hash: hashEvent(unhashed) };
    prev = { seq: record.seq, hash: record.hash };
    return record;
  });
}

export function movesOfRecords(records: readonly RecordedEvent[]): MoveRow[] {
  return records.flatMap((r) => movesOf(r.event).map((m, line) => ({ ...m, seq: r.seq, line, eventTime: r.event.eventTime })));
}

/** Loads just the catalogue entries the batch refers to. */
async function loadContext(tx: Queryable, operation: Operation, inputs: readonly EventInput[], now: Date): Promise<DecideContext> {
  const locations = new Set<string>([LOSS]);
  const items = new Set<string>();
  const uoms = new Set<string>();
  for (const e of inputs) {
    for (const code of [e.location, e.from, e.to, e.neighbourhood]) if (code !== undefined) locations.add(code);
    if (e.unit !== undefined) locations.add(unitLocation(e.unit));
    if (e.neighbourhood !== undefined) locations.add(recipientsLocation(e.neighbourhood));
    for (const l of e.lines ?? []) {
      items.add(l.item);
      if (l.uom !== undefined) uoms.add(l.uom);
    }
  }
  return {
    operationCode: operation.code,
    locations: await findLocationRefs(tx, operation.id, [...locations]),
    items: await findItemRefs(tx, operation.id, [...items]),
    knownUoms: await findUoms(tx, [...uoms]),
    now,
    clockSkewMs: CLOCK_SKEW_MS,
  };
}

function summarise(errors: readonly FieldError[], batchSize: number): string {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  const scope = batchSize > 1 ? "Nothing in this batch was recorded" : "The event was not recorded";
  return `${scope}: ${first.field} ${first.message}${more}.`;
}
