// Reading units: the board of units with their last known place, and one unit with
// its manifest, its timeline (in event-time order) and its discrepancies.
import type { LedgerEvent } from "../core/events.ts";
import { unitHistory, byEventTime, type UnitState } from "../core/unit-history.ts";
import type { ManifestLine } from "../core/reconcile/finding.ts";
import type { Db } from "../store/db.ts";
import type { TransportUnit } from "../store/units.sql.ts";
import { findManifests, findUnits } from "../store/units.sql.ts";
import type { BoardKey, UnitStateRow } from "../store/unit-states.sql.ts";
import { listUnitBoardPage, nextTransitTick } from "../store/unit-states.sql.ts";
import type { StoredDiscrepancy } from "../store/discrepancies.sql.ts";
import { listDiscrepancies } from "../store/discrepancies.sql.ts";
import { eventsOfUnit } from "../store/ledger.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Answer } from "./cached-read.ts";
import { cachedAnswer } from "./cached-read.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import { explainedIn } from "./discrepancy-text.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface UnitBoardRow extends Omit<
  UnitStateRow,
  "departedAt" | "arrivedAt" | "unloadedAt" | "lastEventTime" | "departureId"
> {
  departedAt: string | null;
  arrivedAt: string | null;
  unloadedAt: string | null;
  lastEventTime: string | null;
  /** The unit's manifest: what it carries (empty when none was given). */
  cargo: ManifestLine[];
}

export interface UnitBoardQuery {
  consignment?: string;
  status?: string;
  kind?: string;
  /** Part of the unit number; spaces and dashes are ignored, as is case. */
  q?: string;
  limit?: number;
  /** Where the previous page ended (its `next`). */
  cursor?: string;
}

export interface UnitBoardPage {
  units: UnitBoardRow[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
  /** Units matching the filters, on all pages. */
  total: number;
}

export const BOARD_PAGE = { default: 100, max: 1000 } as const;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** One page of the unit board: units with their state, last place and cargo, in board order. */
export async function unitBoard(
  db: Db,
  principal: Principal,
  operationCode: string,
  query: UnitBoardQuery,
  now: Date,
): Promise<UnitBoardPage> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return boardPageOf(db, operation.id, query, now);
}

/** The board page as sent over HTTP: kept until the data changes or a days-in-transit figure would (./cached-read.ts). */
export async function unitBoardAnswer(
  db: Db,
  principal: Principal,
  operationCode: string,
  query: UnitBoardQuery,
  now: Date,
): Promise<Answer> {
  const after = decodeCursor(query.cursor);
  return cachedAnswer(db, principal, operationCode, "units", query, now, async (operation) => ({
    value: await boardPageOf(db, operation.id, query, now, after),
    validUntil: await nextTransitTick(db, operation.id, now),
  }));
}

async function boardPageOf(
  db: Db,
  operationId: string,
  query: UnitBoardQuery,
  now: Date,
  after = decodeCursor(query.cursor),
): Promise<UnitBoardPage> {
  const limit = Math.min(query.limit ?? BOARD_PAGE.default, BOARD_PAGE.max);
  const number = query.q?.replace(/[\s-]/g, "").toUpperCase();
  const filter = {
    consignment: query.consignment,
    status: query.status,
    kind: query.kind,
    number: number || undefined,
  };
  const { rows, total } = await listUnitBoardPage(db, operationId, now, filter, after, limit + 1);
  const page = rows.slice(0, limit);
  const manifests = await findManifests(
    db,
    operationId,
    page.map((r) => r.unit),
  );
  return {
    units: page.map(({ key: _, ...r }) => ({
      ...r,
      departedAt: iso(r.departedAt),
      arrivedAt: iso(r.arrivedAt),
      unloadedAt: iso(r.unloadedAt),
      lastEventTime: iso(r.lastEventTime),
      cargo: manifests.get(r.unit) ?? [],
    })),
    next: rows.length > limit ? encodeCursor(page.at(-1)!.key) : null,
    total,
  };
}

/** A cursor is the last row's sort key, opaque to clients (base64url JSON). */
const encodeCursor = (key: BoardKey): string =>
  Buffer.from(JSON.stringify([key.noConsignment, key.consignment, key.part, key.unit])).toString("base64url");

function decodeCursor(cursor: string | undefined): BoardKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [noConsignment, consignment, part, unit] = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as unknown[];
    if (
      typeof noConsignment === "boolean" &&
      typeof consignment === "string" &&
      Number.isSafeInteger(part) &&
      typeof unit === "string"
    ) {
      return { noConsignment, consignment, part: part as number, unit };
    }
  } catch {
    // falls through to the refusal below
  }
  throw new AppError(
    "bad-request",
    "the cursor is not one this server gave: pass the `next` of the previous page unchanged",
    [{ field: "/cursor", message: "not a cursor from a previous page" }],
  );
}

export interface UnitView {
  unit: TransportUnit;
  state: UnitState;
  manifest: ManifestLine[];
  timeline: { seq: number; recordedAt: string; event: LedgerEvent }[];
  discrepancies: StoredDiscrepancy[];
}

export async function getUnit(
  db: Db,
  principal: Principal,
  operationCode: string,
  number: string,
  lang: ExplainLang = "en",
): Promise<UnitView> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const unit = (await findUnits(db, operation.id, [number])).get(number);
  if (!unit) throw notFound(`transport unit ${number} in operation ${operationCode}`);
  const rows = await eventsOfUnit(db, operation.id, number);
  const timeline = rows
    .map((r) => ({ seq: r.seq, recordedAt: new Date(r.recordedAt).toISOString(), event: r.event }))
    .sort((a, b) => byEventTime(a.event, b.event));
  return {
    unit,
    state: unitHistory(timeline.map((t) => t.event)),
    manifest: (await findManifests(db, operation.id, [number])).get(number) ?? [],
    timeline,
    discrepancies: await explainedIn(
      db,
      operation,
      await listDiscrepancies(db, operation.id, { subject: `unit:${number}` }),
      lang,
    ),
  };
}
