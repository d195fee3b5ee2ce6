// The situation report for a period: reads the figures from the ledger in one
// repeatable-read transaction (so they all stand at one ledger head, which the report
// names), then builds the document with the pure builder.
import type { Lang, ReportDocument } from "../core/reports/document.ts";
import type { SitrepData } from "../core/reports/sitrep/data.ts";
import { buildSitrep } from "../core/reports/sitrep/build.ts";
import { periodErrors } from "../core/reports/sitrep/period.ts";
import { dayIn } from "../core/calendar.ts";
import type { Db } from "../store/db.ts";
import { listItems, listLocations } from "../store/catalogue.sql.ts";
import { listConsignments, listLegs, listTeams } from "../store/tracking.sql.ts";
import { stageFigure } from "../store/progress.sql.ts";
import { listNeeds, listPlans } from "../store/allocation.sql.ts";
import { listDiscrepancies } from "../store/discrepancies.sql.ts";
import * as sql from "../store/sitrep.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface SitrepRequest {
  from: string;
  to: string;
  lang: Lang;
}

export async function sitrepData(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: Omit<SitrepRequest, "lang">,
  now: Date,
): Promise<SitrepData> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const errors = periodErrors(request.from, request.to, dayIn(operation.timeZone, now));
  if (errors.length > 0)
    throw new AppError("bad-request", `The period is not valid: ${errors[0]!.field} ${errors[0]!.message}.`, errors);
  const period: sql.Period = { from: request.from, to: request.to, timeZone: operation.timeZone };
  const id = operation.id;
  return db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    const locations = await listLocations(tx, id);
    const progress: SitrepData["progress"] = [];
    const legs: SitrepData["legs"] = [];
    for (const c of await listConsignments(tx, id)) {
      const arrived = await stageFigure(tx, id, c.code, "arrived", request.to, operation.timeZone);
      const unloaded = await stageFigure(tx, id, c.code, "unloaded", request.to, operation.timeZone);
      progress.push({
        code: c.code,
        name: c.name,
        ...(c.names && { names: c.names }),
        planned: c.plannedUnits,
        mode: c.mode,
        arrived: { reached: arrived.reached, recorded: arrived.recorded, inferred: arrived.implied },
        unloaded: unloaded.reached,
      });
      legs.push(...(await listLegs(tx, id, c.code)).map((l) => ({ consignment: c.code, ...l })));
    }
    const hub = locations.find((l) => l.kind === "hub-warehouse")?.code ?? null;
    const plans = await listPlans(tx, id);
    const plan = plans.find((p) => p.status === "approved") ?? plans[0];
    return {
      operation: { code: operation.code, name: operation.name, timeZone: operation.timeZone, names: operation.names },
      period: { from: request.from, to: request.to },
      generatedAt: now.toISOString(),
      ledger: await sql.ledgerHead(tx, id),
      items: (await listItems(tx, id)).map(({ code, name, uom, kind, names }) => ({
        code,
        name,
        uom,
        kind,
        ...(names && { names }),
      })),
      locations: locations.map(({ code, name, kind, names }) => ({ code, name, kind, ...(names && { names }) })),
      eventsInPeriod: await sql.countEventsInPeriod(tx, id, period),
      arrivals: await sql.unitEventsInPeriod(tx, id, "UnitArrived", period),
      inferredArrivals: await sql.inferredArrivalsInPeriod(tx, id, period),
      unloadings: await sql.unitEventsInPeriod(tx, id, "GoodsUnloaded", period),
      legs,
      progress,
      stock: await sql.balancesAtEnd(tx, id, period),
      hub,
      intoHub: hub ? await sql.movedIntoInPeriod(tx, id, hub, period) : [],
      needs: (await listNeeds(tx, id)).map(({ neighbourhood, item, quantity, households, people }) => ({
        neighbourhood,
        item,
        quantity,
        households,
        people,
      })),
      distributedToDate: await sql.distributedByEnd(tx, id, period),
      distributions: await sql.distributionsInPeriod(tx, id, period),
      plan: plan
        ? {
            status: plan.status,
            createdAt: plan.createdAt,
            lines: plan.lines.map(({ neighbourhood, item, quantity }) => ({ neighbourhood, item, quantity })),
          }
        : null,
      teams: (await listTeams(tx, id)).map(({ code, name, names }) => ({ code, name, ...(names && { names }) })),
      recording: await sql.eventsRecordedInPeriod(tx, id, period),
      discrepancies: (await listDiscrepancies(tx, id, { status: "open" })).map(
        ({ kind, subject, explanation, facts }) => ({ kind, subject, explanation, facts }),
      ),
    };
  });
}

export async function situationReport(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: SitrepRequest,
  now: Date,
): Promise<ReportDocument> {
  return buildSitrep(await sitrepData(db, principal, operationCode, request, now), request.lang);
}
