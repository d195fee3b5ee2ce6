// Recording events: the one path by which facts enter the ledger. A batch is checked
// whole, then written in one transaction with its stock projections; nothing of a
// bad batch is stored. Retrying with the same ids is harmless. In "each" mode (the field
// app's sync) a refused or conflicting event is answered on its own and the others are
// stored, in order. Events from a phone's device credential carry their origin.
//
// Concurrent appends to one operation are gathered (group commit, ./append-queue.ts):
// the requests waiting for the operation's chain head are appended together in one
// transaction, each still decided on its own, so a refused request never stops another.
// Deciding a request's events is ./decide-request.ts; this module loads, chains and writes.
import type { EventInput, LedgerEvent, RecordedEvent } from "../core/events.ts";
import { LOSS, unitLocation, recipientsLocation } from "../core/events.ts";
import type { ChainHead } from "../core/chain.ts";
import { hashEvent } from "../core/chain.ts";
import { movesOf } from "../core/moves.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { AppendContextRows } from "../store/append-context.sql.ts";
import { loadAppendContext, loadAppendContextAndProjection } from "../store/append-context.sql.ts";
import type { MoveRow } from "../store/ledger.sql.ts";
import { chainHeadLock, lockChainHead, lockedChainHead } from "../store/ledger.sql.ts";
import type { ProjectionInputs, ProjectionLookups } from "../store/append-rows.sql.ts";
import { loadProjectionInputs, writeAppendRows } from "../store/append-rows.sql.ts";
import { READ_AHEAD_BELOW, covers, expectedLookups, narrowed, negativeStockKey } from "./append-read-ahead.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { can } from "../core/roles.ts";
import { AppError } from "./errors.ts";
import { finishBatch, planBatch, unitsOf } from "./unit-projection.ts";
import { notifyAppended } from "../store/feed.sql.ts";
import type { GroupResult } from "./append-queue.ts";
import { GroupQueue } from "./append-queue.ts";
import { cacheOf, liveCounters } from "./cache.ts";
import type { Named, NamedRow } from "../store/names.sql.ts";
import { checkStockInEventOrder, touchedPairs, type TouchedStock } from "./ledger-sense.ts";
import { findingWrites } from "./discrepancy-sync.ts";
import { findingKey } from "../core/reconcile/finding.ts";
import { writeDiscrepancies } from "../store/discrepancies.sql.ts";
import { stampOrigin } from "../core/origin.ts";
import {
  decideRequest,
  type BatchMode,
  type Outcome,
  type RecordOutcome,
  type RequestToDecide,
} from "./decide-request.ts";

export const MAX_BATCH = 10_000;
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** One caller's events, as the append queue holds them; `operation` as the caller found it when authorised. */
export interface AppendRequest extends RequestToDecide {
  operation: Operation;
  userId: string;
  now: Date;
}

export async function recordEvents(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly EventInput[],
  now: Date,
): Promise<RecordOutcome[]> {
  return (await recordBatch(db, principal, operationCode, inputs, now, "all")) as RecordOutcome[];
}

export async function recordBatch(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly EventInput[],
  now: Date,
  mode: BatchMode,
): Promise<Outcome[]> {
  if (inputs.length > MAX_BATCH)
    throw new AppError("too-large", `a batch holds at most ${MAX_BATCH} events; this one has ${inputs.length}`);
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const forbidden = (e: EventInput) => !can(role, { kind: "record", eventType: e.type });
  const refused = inputs.findIndex(forbidden);
  if (refused >= 0 && mode === "all") {
    const type = inputs[refused]!.type;
    throw new AppError(
      "forbidden",
      `your role in operation ${operationCode} is ${role}, which may not record ${type} events${inputs.length > 1 ? ` (event ${refused})` : ""}`,
    );
  }
  const origin = inputs.findIndex((e) => e.origin !== undefined);
  if (origin >= 0 && !principal.device) {
    const field = `${inputs.length > 1 ? `/events/${origin}` : ""}/origin`;
    const message = "only a device sign-in records an origin";
    throw new AppError("invalid", `${field}: only the field app's device sign-in records an event's origin`, [
      { field, message },
    ]);
  }
  const device = principal.device;
  const stamped = device ? inputs.map((e) => stampOrigin(e, device.installationId, now, CLOCK_SKEW_MS)) : inputs;
  const refusal = (e: EventInput) =>
    `your role in operation ${operationCode} is ${role}, which may not record ${e.type} events`;
  const roleRefusals = new Map(stamped.flatMap((e, i) => (forbidden(e) ? [[i, refusal(e)] as const] : [])));
  return appendQueue(db, operation.id).submit({
    operation,
    userId: principal.userId,
    inputs: stamped,
    now,
    mode,
    roleRefusals,
  });
}

/**
 * The operation's names (places, items, consignments: for explaining findings) as an append last
 * read them, kept while no table holding names changed (the `names` change counter, read when the
 * group starts, before it reads anything). Every group read them before; with hundreds of
 * transport units among the places, that read was the costliest part of the projection read.
 */
export interface RememberedNames {
  get(): Record<Named, NamedRow[]> | undefined;
  set(named: Record<Named, NamedRow[]>): void;
}

function rememberedNames(db: Db, operationId: string): RememberedNames | undefined {
  const counters = liveCounters(db);
  if (!counters) return undefined;
  const version = counters.version("names");
  const cache = cacheOf<Record<Named, NamedRow[]>>(db, "append-names", 100);
  return {
    get: () => cache.get(operationId, version, () => 0),
    set: (named) => cache.set(operationId, version, named),
  };
}

const queues = new WeakMap<Db, Map<string, GroupQueue<AppendRequest, Outcome[]>>>();

/** This process's queue of appends to one operation: concurrent requests share a transaction. */
function appendQueue(db: Db, operationId: string): GroupQueue<AppendRequest, Outcome[]> {
  let byOperation = queues.get(db);
  if (!byOperation) queues.set(db, (byOperation = new Map()));
  let queue = byOperation.get(operationId);
  if (!queue) {
    queue = new GroupQueue<AppendRequest, Outcome[]>({
      // The newest request carries the freshest view of the operation (its name, time zone).
      // The transaction opens by locking the chain head (with BEGIN, in one round trip where the engine can).
      run: (take) =>
        db.transaction((tx, opened) => {
          const group = take();
          const operation = group.at(-1)!.operation;
          const head = opened && lockedChainHead(opened, operationId);
          return appendGroup(tx, operation, group, rememberedNames(db, operation.id), head);
        }, chainHeadLock(operationId)),
      weight: (request) => request.inputs.length,
      maxWeight: MAX_BATCH,
      onIdle: () => byOperation.delete(operationId),
    });
    byOperation.set(operationId, queue);
  }
  return queue;
}

/**
 * Appends a group of requests in the caller's transaction: locks the chain head once (unless
 * the caller did, passing `locked`), decides each request against what is stored and what the
 * requests before it added, chains and writes the accepted ones, and reports each request's own result.
 */
export async function appendGroup(
  tx: Queryable,
  operation: Operation,
  requests: readonly AppendRequest[],
  names?: RememberedNames,
  locked?: ChainHead,
): Promise<GroupResult<Outcome[]>[]> {
  const head = locked ?? (await lockChainHead(tx, operation.id));
  const inputs = requests.flatMap((r) => r.inputs);
  const remembered = names?.get();
  const expected = inputs.length < READ_AHEAD_BELOW ? expectedLookups(inputs) : undefined;
  const { stored, teams, ahead, ...ctx } = await loadContext(tx, operation, inputs, expected, !remembered);
  const accepted = new Map<string, LedgerEvent>();
  const decided = requests.map((r) => decideRequest(r, { ...ctx, now: r.now }, operation, teams, stored, accepted));

  let last: ChainHead = head;
  const records: RecordedEvent[] = [];
  decided.forEach((d, i) => {
    if (!d.ok) return;
    const chained = chain(operation.id, requests[i]!.userId, last, d.fresh, requests[i]!.now);
    records.push(...chained);
    last = chained.at(-1) ?? last;
  });
  const seqById = new Map(records.map((r) => [r.event.id, r.seq]));
  const catalogue = { places: ctx.locations, items: ctx.items };
  await writeAppend(tx, operation, records, latest(requests), catalogue, { names, remembered, ahead });
  return decided.map((d) => {
    if (!d.ok) return d;
    return {
      ok: true,
      value: d.outcomes.map((o) => ("seq" in o && o.seq === -1 ? { ...o, seq: seqById.get(o.id)! } : o)),
    };
  });
}

/**
 * Everything an append stores, in its transaction: the events, their moves and balances, the
 * unit projections (with their unit rules), the stock checked in event-time order from the
 * earliest new move, the new head. For a group, the records of every accepted request at once:
 * the discrepancies left open are those request-by-request appends would leave.
 */
async function writeAppend(
  tx: Queryable,
  operation: Operation,
  records: readonly RecordedEvent[],
  now: Date,
  catalogue: Pick<TouchedStock, "places" | "items">,
  read: {
    names?: RememberedNames | undefined;
    remembered?: Record<Named, NamedRow[]> | undefined;
    /** The projection read made with the lookups (./append-read-ahead.ts), if it was. */
    ahead?: { asked: ProjectionLookups; found: ProjectionInputs } | undefined;
  },
): Promise<void> {
  const last = records.at(-1);
  if (!last) return;
  const moves = movesOfRecords(records);
  const pairs = touchedPairs(moves);
  const { byUnit, receiving } = unitsOf(records);
  const { names, remembered, ahead } = read;
  const look = {
    units: [...byUnit.keys()],
    manifestUnits: receiving,
    stock: { pairs, keys: pairs.map(negativeStockKey) },
  };
  const readAhead = ahead && covers(ahead.asked, look) ? ahead : undefined;
  const projection = readAhead
    ? narrowed(readAhead.found, look)
    : await loadProjectionInputs(tx, operation.id, look, { names: !remembered });
  if (!remembered) names?.set(projection.named);
  const found = { ...projection, named: remembered ?? projection.named };
  const units = planBatch(operation, records, found);
  const head = { seq: last.seq, hash: last.hash };
  const discrepancyKeys = [...new Set(units.findings.map(findingKey))];
  const byKey = await writeAppendRows(tx, operation.id, {
    records,
    moves,
    unitStates: units.states,
    head,
    discrepancyKeys,
  });
  await finishBatch(tx, operation, units, now);
  const since = readAhead?.asked.movesSince;
  const touched = {
    pairs,
    stored: found.negativeStock,
    ...catalogue,
    balancesBefore: found.balances,
    moves,
    eventIds: eventIdsOf(records),
    storedUpTo: records[0]!.seq - 1,
    readAhead: since === undefined ? undefined : { since, moves: readAhead!.found.moves },
  };
  const stock = await checkStockInEventOrder(tx, operation, touched, now, units.describe);
  // The new events' findings touch only the discrepancies with their keys (nothing stored is superseded by them).
  const unitWrites = findingWrites(units.findings, byKey, { keepUnfound: true }).writes;
  await writeDiscrepancies(tx, operation.id, [...unitWrites, ...stock], now, null, { lastWrite: true });
  await notifyAppended(tx, operation.id);
}

const eventIdsOf = (records: readonly RecordedEvent[]): Map<number, string> =>
  new Map(records.map((r) => [r.seq, r.event.id.toLowerCase()]));

const latest = (requests: readonly AppendRequest[]): Date =>
  new Date(Math.max(...requests.map((r) => r.now.getTime())));

/** Links new events onto the chain head. */
export function chain(
  operationId: string,
  userId: string,
  head: { seq: number; hash: string },
  events: readonly LedgerEvent[],
  now: Date,
): RecordedEvent[] {
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
  return records.flatMap((r) =>
    movesOf(r.event).map((m, line) => ({ ...m, seq: r.seq, line, eventTime: r.event.eventTime })),
  );
}

/**
 * Loads just what the events refer to (catalogue entries, teams, ids already stored); `now` is set per request.
 * With `expected`, the projection read for it in the same statement (`ahead`), the names with it when `names`.
 */
async function loadContext(
  tx: Queryable,
  operation: Operation,
  inputs: readonly EventInput[],
  expected: ProjectionLookups | undefined,
  names: boolean,
) {
  const locations = new Set<string>([LOSS]);
  const items = new Set<string>();
  const uoms = new Set<string>();
  const teams = new Set<string>();
  for (const e of inputs) {
    for (const code of [e.location, e.from, e.to, e.neighbourhood]) if (code !== undefined) locations.add(code);
    if (e.unit !== undefined) locations.add(unitLocation(e.unit));
    if (e.neighbourhood !== undefined) locations.add(recipientsLocation(e.neighbourhood));
    if (e.team !== undefined) teams.add(e.team);
    for (const l of e.lines ?? []) {
      items.add(l.item);
      if (l.uom !== undefined) uoms.add(l.uom);
    }
  }
  const look = {
    locations: [...locations],
    items: [...items],
    uoms: [...uoms],
    teams: [...teams],
    ids: inputs.map((e) => e.id.toLowerCase()),
  };
  const found: AppendContextRows & { projection?: ProjectionInputs } = expected
    ? await loadAppendContextAndProjection(tx, operation.id, look, expected, { names })
    : await loadAppendContext(tx, operation.id, look);
  return {
    ahead: expected && found.projection && { asked: expected, found: found.projection },
    operationCode: operation.code,
    locations: found.locations,
    items: found.items,
    knownUoms: found.uoms,
    clockSkewMs: CLOCK_SKEW_MS,
    teams: found.teams,
    stored: found.stored,
  };
}
