// The press statement for a day: every figure is a query over the ledger and carries the
// query that produced it. The day runs from midnight to midnight in the operation's time
// zone (operations.time_zone, UTC unless set), because that is the calendar the field team
// and the press service date things by: "19 December" at the Yerevan railhead is
// 2020-12-18T20:00Z – 2020-12-19T20:00Z.
import type { Db, Queryable } from "../store/db.ts";
import * as store from "../store/press.sql.ts";
import { findConsignment, listConsignments, type Consignment } from "../store/tracking.sql.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import {
  PRESS_LANGS,
  type CargoLine,
  type ConsignmentDay,
  type Figure,
  type PressFacts,
  type PressLang,
} from "../core/reports/press/statement.ts";
import { categoryOf, groupUnloaded, type Catalogue } from "../core/reports/press/unloaded.ts";
import { renderPress } from "../core/reports/press/render.ts";
import { AppError } from "./errors.ts";
import { dayIn, dayStanding, isCalendarDay, timeIn } from "../core/calendar.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { readChainHead } from "../store/ledger.sql.ts";
import { pressDocument } from "../core/reports/press/document.ts";
import type { ReportDocument } from "../core/reports/document.ts";
import { consignmentFigures, dayFigures, planOfRecordFigures } from "./press-figures.ts";
import { stageFigure } from "../store/progress.sql.ts";

export interface PressRequest {
  date: string;
  lang: string;
  consignment?: string;
}

export interface PressResult {
  operation: string;
  date: string;
  lang: PressLang;
  timeZone: string;
  text: string;
  figures: Figure[];
  facts: PressFacts;
}

export const isPressLang = (value: string): value is PressLang => (PRESS_LANGS as readonly string[]).includes(value);

export async function pressStatement(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  request: PressRequest,
  now: Date,
): Promise<PressResult> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  if (!isCalendarDay(request.date))
    throw new AppError("invalid", `date ${request.date} is not a calendar date written YYYY-MM-DD`, [
      { field: "/date", message: "use a date such as 2020-12-19" },
    ]);
  if (!isPressLang(request.lang))
    throw new AppError(
      "invalid",
      `language ${request.lang} is not one a statement is written in: ${PRESS_LANGS.join(", ")}`,
      [{ field: "/lang", message: `must be one of ${PRESS_LANGS.join(", ")}` }],
    );
  const lang = request.lang;
  const { date } = request;
  const tz = operation.timeZone;
  const standing = dayStanding(date, tz, now);
  if (standing === "to-come") {
    const today = dayIn(tz, now);
    throw new AppError(
      "invalid",
      `${date} has not begun in the operation's time zone, ${tz} (it is ${today} there): a statement says what the ledger holds, and it holds nothing yet about days to come`,
      [{ field: "/date", message: `must be ${today} or earlier` }],
    );
  }
  if (request.consignment && !(await findConsignment(db, operation.id, request.consignment))) {
    throw new AppError("not-found", `consignment ${request.consignment} does not exist in operation ${operationCode}`, [
      { field: "/consignment", message: "unknown consignment" },
    ]);
  }
  const events = await store.eventsOnDay(db, operation.id, date, tz);
  const unloaded = await store.unloadedOnDay(db, operation.id, date, tz, request.consignment ?? null);
  const all = await listConsignments(db, operation.id);
  const chosen = request.consignment
    ? all.filter((c) => c.code === request.consignment)
    : unloaded.length > 0
      ? all.filter((c) => unloaded.some((r) => r.consignment === c.code))
      : events > 0
        ? all
        : [];
  const catalogue = await catalogueFor(db, operation.id, unloaded, chosen);
  const figures: Figure[] = dayFigures(operation, date, events, lang);
  const consignments: ConsignmentDay[] = [];
  for (const c of chosen) {
    const day = await consignmentDay(
      db,
      operation,
      c,
      date,
      unloaded.filter((r) => r.consignment === c.code),
      catalogue,
    );
    consignments.push(day);
    figures.push(...consignmentFigures(operation, date, day, lang));
  }
  const plan = events > 0 ? await store.planOfRecord(db, operation.id) : undefined;
  const outlook = plan
    ? { status: plan.status, neighbourhoods: plan.neighbourhoods, minCoverage: plan.minCoverage }
    : null;
  if (plan) figures.push(...planFigures(operation, plan, lang));
  const facts: PressFacts = {
    operation: operation.code,
    date,
    timeZone: tz,
    asOf: standing === "today" ? timeIn(tz, now) : null,
    hasEvents: events > 0,
    consignments,
    outlook,
  };
  return { operation: operation.code, date, lang, timeZone: tz, text: renderPress(facts, lang), figures, facts };
}

async function consignmentDay(
  db: Queryable,
  operation: Operation,
  c: Consignment,
  date: string,
  rows: store.UnloadedLine[],
  catalogue: Catalogue,
): Promise<ConsignmentDay> {
  const kinds = await store.unitKindsOf(db, operation.id, c.code);
  const categories = new Map<string, number>();
  for (const k of kinds) categories.set(categoryOf(k.kind), (categories.get(categoryOf(k.kind)) ?? 0) + k.units);
  const category = ([...categories].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "unit") as ConsignmentDay["category"];
  const unloaded = groupUnloaded(rows, catalogue);
  const leg = await store.lastLeg(db, operation.id, c.code);
  let onward: ConsignmentDay["onward"] = null;
  // Only when the cars were unloaded short of the destination: the cargo then goes on along the last leg.
  if (leg && rows.length > 0 && !rows.some((r) => r.location === c.destination)) {
    const delivered = await store.deliveredOnDay(
      db,
      operation.id,
      date,
      operation.timeZone,
      c.destination,
      unloaded.cargo.map((l) => l.item.code),
    );
    const destination = catalogue.locations.get(c.destination) ?? {
      code: c.destination,
      name: c.destination,
      names: {},
    };
    onward = {
      mode: leg.mode,
      destination,
      cargo: delivered.map((d): CargoLine => ({
        item: catalogue.items.get(d.item)!,
        quantity: d.quantity,
        carriers: [],
      })),
    };
  }
  const arrived = await stageFigure(db, operation.id, c.code, "arrived", date, operation.timeZone);
  const unloadedByEnd = await stageFigure(db, operation.id, c.code, "unloaded", date, operation.timeZone);
  const progress = {
    arrived: arrived.reached,
    arrivedRecorded: arrived.recorded,
    arrivedInferred: arrived.implied,
    unloaded: unloadedByEnd.reached,
  };
  return {
    code: c.code,
    name: c.name,
    ...(c.names && { names: c.names }),
    plannedUnits: c.plannedUnits,
    category,
    unloaded,
    onward,
    progress,
  };
}

async function catalogueFor(
  db: Queryable,
  operationId: string,
  rows: store.UnloadedLine[],
  consignments: Consignment[],
): Promise<Catalogue> {
  const items = await store.itemsNamed(db, operationId, [...new Set(rows.map((r) => r.item))]);
  const locations = await store.locationsNamed(db, operationId, [
    ...new Set([...rows.map((r) => r.location), ...consignments.map((c) => c.destination)]),
  ]);
  const teams = await store.teamsNamed(db, operationId, [...new Set(rows.flatMap((r) => (r.team ? [r.team] : [])))]);
  return {
    items: new Map(items.map((i) => [i.code, i])),
    locations: new Map(locations.map((l) => [l.code, l])),
    teams: new Map(teams.map((t) => [t.code, t])),
  };
}

function planFigures(
  operation: Operation,
  plan: { id: string; status: "draft" | "approved"; minCoverage: number; neighbourhoods: number },
  lang: PressLang,
): Figure[] {
  return planOfRecordFigures(operation, plan, lang);
}

/** The statement as a report document (for PDF and HTML), stamped with the ledger head it was read at. */
export async function pressStatementDocument(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: PressRequest,
  now: Date,
): Promise<ReportDocument> {
  // One snapshot: the figures and the head in the footer stand at the same ledger state.
  return db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    const result = await pressStatement(tx, principal, operationCode, request, now);
    const { operation } = await authorise(tx, principal, operationCode, { kind: "read" });
    const ledger = await readChainHead(tx, operation.id);
    return pressDocument({
      operation,
      date: result.date,
      lang: result.lang,
      text: result.text,
      figures: result.figures,
      ledger,
      generatedAt: now.toISOString(),
    });
  });
}
