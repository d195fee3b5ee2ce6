// Progress per consignment, part and leg: units at each lifecycle step, quantities
// planned (manifests) against unloaded and received, days in transit. Every figure
// is an aggregate over the unit_states projection, so it stays cheap at 10,000 units.
import type { Queryable } from "../store/db.ts";
import type { Consignment } from "../store/tracking.sql.ts";
import { listConsignments, listParts } from "../store/tracking.sql.ts";
import type { ItemProgressRow, LegProgressRow, PartProgressRow, StageCounts } from "../store/progress.sql.ts";
import { itemProgress, legProgress, partProgress } from "../store/progress.sql.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { nextTransitTick } from "../store/unit-states.sql.ts";
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

export interface ConsignmentProgress extends Consignment {
  registered: number;
  recorded: StageCounts;
  reached: StageCounts;
  parts: PartProgress[];
  legs: Omit<LegProgressRow, "consignment">[];
}

const STAGES = ["loaded", "departed", "arrived", "unloaded", "received"] as const;
const sumStages = (rows: readonly StageCounts[]): StageCounts =>
  Object.fromEntries(STAGES.map((s) => [s, rows.reduce((n, r) => n + r[s], 0)])) as unknown as StageCounts;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function consignmentProgress(db: Queryable, principal: Principal, operationCode: string, filter: { consignment?: string }, now: Date): Promise<ConsignmentProgress[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return progressOf(db, operation, filter, now);
}

/** The progress answer as sent over HTTP: kept until the data changes or a days-in-transit figure would (./cached-read.ts). */
export async function progressAnswer(db: Queryable, principal: Principal, operationCode: string, filter: { consignment?: string }, now: Date): Promise<Answer> {
  return cachedAnswer(db, principal, operationCode, "progress", filter, now, async (operation) => ({
    value: await progressOf(db, operation, filter, now),
    validUntil: await nextTransitTick(db, operation.id, now),
  }));
}

async function progressOf(db: Queryable, operation: Operation, filter: { consignment?: string }, now: Date): Promise<ConsignmentProgress[]> {
  const consignments = (await listConsignments(db, operation.id)).filter((c) => !filter.consignment || c.code === filter.consignment);
  const parts = await partProgress(db, operation.id, now, filter.consignment);
  const items = await itemProgress(db, operation.id, filter.consignment);
  const legs = await legProgress(db, operation.id, filter.consignment);
  const out: ConsignmentProgress[] = [];
  for (const c of consignments) {
    const planned = await listParts(db, operation.id, c.code);
    const numbers = [...new Set([...planned.map((p) => p.number), ...parts.filter((p) => p.consignment === c.code).map((p) => p.part)])].sort((a, b) => a - b);
    const partRows: PartProgress[] = numbers.map((n) => {
      const row = parts.find((p) => p.consignment === c.code && p.part === n);
      const plan = planned.find((p) => p.number === n);
      const zero = { loaded: 0, departed: 0, arrived: 0, unloaded: 0, received: 0 };
      return {
        part: n, plannedUnits: plan?.plannedUnits ?? null, plannedDeparture: plan?.plannedDeparture ?? null,
        registered: row?.registered ?? 0, recorded: row?.recorded ?? zero, reached: row?.reached ?? zero,
        firstUnloadedAt: iso(row?.firstUnloadedAt ?? null), lastUnloadedAt: iso(row?.lastUnloadedAt ?? null), maxDaysInTransit: row?.maxDaysInTransit ?? null,
        items: items.filter((i) => i.consignment === c.code && i.part === n).map(({ consignment: _, part: __, ...i }) => i),
      };
    });
    out.push({
      ...c,
      registered: partRows.reduce((n, p) => n + p.registered, 0),
      recorded: sumStages(partRows.map((p) => p.recorded)),
      reached: sumStages(partRows.map((p) => p.reached)),
      parts: partRows,
      legs: legs.filter((l) => l.consignment === c.code).map(({ consignment: _, ...l }) => l),
    });
  }
  return out;
}
