// Progress per consignment, part and leg: units at each lifecycle step, quantities
// planned (manifests) against unloaded and received, days in transit. Every figure
// is an aggregate over the unit_states projection, so it stays cheap at 10,000 units.
import type { Queryable } from "../store/db.ts";
import type { Consignment } from "../store/tracking.sql.ts";
import { listConsignments, listParts } from "../store/tracking.sql.ts";
import type { ItemProgressRow, LegProgressRow, PartProgressRow, StageCounts } from "../store/progress.sql.ts";
import {
  itemProgress,
  legProgress,
  partProgress,
  stageFigure,
  type Stage,
  type StageFigure,
} from "../store/progress.sql.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { nextTransitTick } from "../store/unit-states.sql.ts";
import { notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import type { Answer } from "./cached-read.ts";
import { cachedAnswer } from "./cached-read.ts";
import { authorise } from "./principal.ts";

export interface PartProgress extends Omit<PartProgressRow, "firstUnloadedAt" | "lastUnloadedAt" | "consignment"> {
  plannedUnits: number | null;
  plannedDeparture: string | null;
  firstUnloadedAt: string | null;
  lastUnloadedAt: string | null;
  items: Omit<ItemProgressRow, "consignment" | "part">[];
}

/**
 * The figure that leads wherever arrived units are counted: the units the ledger implies
 * arrived (their arrival or a later step recorded), with the recorded figure and the gap.
 */
export interface LeadFigure {
  stage: "arrived";
  planned: number;
  /** Units that reached the step or a later one: "26 of 54 arrived". */
  reached: number;
  /** Units with the step itself recorded: "9 arrivals recorded". */
  recorded: number;
  /** reached − recorded: "17 inferred from their unloading". */
  inferred: number;
}

export const leadFigure = (planned: number, recorded: StageCounts, reached: StageCounts): LeadFigure => ({
  stage: "arrived",
  planned,
  reached: reached.arrived,
  recorded: recorded.arrived,
  inferred: reached.arrived - recorded.arrived,
});

export interface ConsignmentProgress extends Consignment {
  registered: number;
  recorded: StageCounts;
  reached: StageCounts;
  lead: LeadFigure;
  parts: PartProgress[];
  legs: Omit<LegProgressRow, "consignment">[];
}

const STAGES = ["loaded", "departed", "arrived", "unloaded", "received"] as const;
const sumStages = (rows: readonly StageCounts[]): StageCounts =>
  Object.fromEntries(STAGES.map((s) => [s, rows.reduce((n, r) => n + r[s], 0)])) as unknown as StageCounts;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function consignmentProgress(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  filter: { consignment?: string },
  now: Date,
): Promise<ConsignmentProgress[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return progressOf(db, operation, filter, now);
}

/** The progress answer as sent over HTTP: kept until the data changes or a days-in-transit figure would (./cached-read.ts). */
export async function progressAnswer(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  filter: { consignment?: string },
  now: Date,
): Promise<Answer> {
  return cachedAnswer(db, principal, operationCode, "progress", filter, now, async (operation) => ({
    value: await progressOf(db, operation, filter, now),
    validUntil: await nextTransitTick(db, operation.id, now),
  }));
}

async function progressOf(
  db: Queryable,
  operation: Operation,
  filter: { consignment?: string },
  now: Date,
): Promise<ConsignmentProgress[]> {
  const consignments = (await listConsignments(db, operation.id)).filter(
    (c) => !filter.consignment || c.code === filter.consignment,
  );
  const parts = await partProgress(db, operation.id, now, filter.consignment);
  const items = await itemProgress(db, operation.id, filter.consignment);
  const legs = await legProgress(db, operation.id, filter.consignment);
  const out: ConsignmentProgress[] = [];
  for (const c of consignments) {
    const planned = await listParts(db, operation.id, c.code);
    const numbers = [
      ...new Set([
        ...planned.map((p) => p.number),
        ...parts.filter((p) => p.consignment === c.code).map((p) => p.part),
      ]),
    ].sort((a, b) => a - b);
    const partRows: PartProgress[] = numbers.map((n) => {
      const row = parts.find((p) => p.consignment === c.code && p.part === n);
      const plan = planned.find((p) => p.number === n);
      const zero = { loaded: 0, departed: 0, arrived: 0, unloaded: 0, received: 0 };
      return {
        part: n,
        plannedUnits: plan?.plannedUnits ?? null,
        plannedDeparture: plan?.plannedDeparture ?? null,
        registered: row?.registered ?? 0,
        recorded: row?.recorded ?? zero,
        reached: row?.reached ?? zero,
        firstUnloadedAt: iso(row?.firstUnloadedAt ?? null),
        lastUnloadedAt: iso(row?.lastUnloadedAt ?? null),
        maxDaysInTransit: row?.maxDaysInTransit ?? null,
        items: items
          .filter((i) => i.consignment === c.code && i.part === n)
          .map(({ consignment: _, part: __, ...i }) => i),
      };
    });
    const recorded = sumStages(partRows.map((p) => p.recorded));
    const reached = sumStages(partRows.map((p) => p.reached));
    out.push({
      ...c,
      registered: partRows.reduce((n, p) => n + p.registered, 0),
      recorded,
      reached,
      lead: leadFigure(c.plannedUnits, recorded, reached),
      parts: partRows,
      legs: legs.filter((l) => l.consignment === c.code).map(({ consignment: _, ...l }) => l),
    });
  }
  return out;
}

/**
 * Units of a consignment that reached a step or a later one by the end of a day in the
 * operation's time zone (or now when `asOf` is null), with the recorded figure, the gap
 * and the events that imply it: the one reusable "what the ledger implies" figure.
 */
export async function reachedFigure(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  consignment: string,
  stage: Stage,
  asOf: string | null,
): Promise<StageFigure & { planned: number }> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const c = (await listConsignments(db, operation.id)).find((x) => x.code === consignment);
  if (!c) throw notFound(`consignment ${consignment} in operation ${operationCode}`);
  return {
    ...(await stageFigure(db, operation.id, consignment, stage, asOf, operation.timeZone)),
    planned: c.plannedUnits,
  };
}
