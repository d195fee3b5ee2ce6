// Allocation plans: solve (HiGHS, in a worker) from the needs and the hub's stock, store as a
// draft, approve. Approval dispatches the plan as GoodsShipped events from the hub to each
// neighbourhood through recordEvents, with ids derived from the plan id and neighbourhood,
// so approving again records nothing twice.
import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { isWholeItem } from "../core/catalogue.ts";
import type { EventInput } from "../core/events.ts";
import { cmp, sum } from "../core/quantity.ts";
import { AllocationInputError, type AllocationProblem, type AllocationTransport } from "../core/allocation/types.ts";
import { solveAllocation } from "../allocation/solve-in-worker.ts";
import type { Db } from "../store/db.ts";
import { findLocationRefs, listItems, listLocations } from "../store/catalogue.sql.ts";
import * as store from "../store/allocation.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import type { RecordOutcome } from "./decide-request.ts";

/** Precision a plan hands out in, by unit of measure: tonnes to the kg, m³ to the hundredth, m², kg and litres to the tenth. */
const PLAN_DECIMALS: Record<string, number> = { TNE: 3, MTQ: 2, MTK: 1, KGM: 1, LTR: 1 };
const planDecimals = (uom: string): number => PLAN_DECIMALS[uom] ?? 2;

export interface PlanRequest {
  hub?: string;
  transport?: AllocationTransport;
  timeLimitSeconds?: number;
}

export async function createPlan(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: PlanRequest,
  now: Date,
): Promise<store.StoredPlan> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "plan" });
  const hub = request.hub ?? (await listLocations(db, operation.id, "hub-warehouse"))[0]?.code;
  if (!hub)
    throw new AppError("invalid", "operation has no hub warehouse to plan from", [
      { field: "/hub", message: "name the warehouse the goods leave from" },
    ]);
  const hubRef = (await findLocationRefs(db, operation.id, [hub])).get(hub);
  if (!hubRef || !["hub-warehouse", "warehouse", "distribution-point"].includes(hubRef.kind)) {
    throw new AppError("invalid", `No plan was made: /hub ${hub} is not a warehouse of operation ${operationCode}.`, [
      {
        field: "/hub",
        message: hubRef ? `location ${hub} is a ${hubRef.kind}, not a warehouse` : `unknown location ${hub}`,
      },
    ]);
  }
  const needs = await store.listNeeds(db, operation.id);
  if (needs.length === 0)
    throw new AppError(
      "invalid",
      "No plan was made: no needs are recorded for this operation; add needs first (POST /needs or reliefline import needs).",
      [{ field: "/needs", message: "no needs recorded" }],
    );
  const stock = await store.stockAt(db, operation.id, hub);
  const catalogue = new Map((await listItems(db, operation.id)).map((i) => [i.code, i]));
  const codes = [...new Set(needs.map((n) => n.item))];
  const problem: AllocationProblem = {
    items: codes.map((code) => {
      const it = catalogue.get(code)!;
      const whole = isWholeItem(it);
      return {
        code,
        stock: stock.get(code) ?? "0",
        integer: whole,
        decimals: whole ? 0 : planDecimals(it.uom),
        ...(it.weightKg && { weightKg: it.weightKg }),
        ...(it.volumeM3 && { volumeM3: it.volumeM3 }),
      };
    }),
    needs: needs.map((n) => ({
      neighbourhood: n.neighbourhood,
      item: n.item,
      quantity: n.quantity,
      priority: n.priority,
    })),
    ...(request.transport && { transport: request.transport }),
  };
  const result = await solveAllocation(problem, { timeLimitSeconds: request.timeLimitSeconds ?? 60 }).catch(
    (e: unknown) => {
      if (e instanceof AllocationInputError) {
        const m = /^items\[(\d+)\]\.(weightKg|volumeM3)$/.exec(e.field);
        if (m)
          throw new AppError(
            "invalid",
            `No plan was made: item ${codes[Number(m[1])]} has no ${m[2]} in the catalogue, which the truck capacity needs.`,
            [{ field: m[2] === "weightKg" ? "/transport/capacityKg" : "/transport/capacityM3", message: e.reason }],
          );
        throw new AppError("invalid", `No plan was made: ${e.message}`, [
          { field: `/${e.field.replace(/[.[\]]+/g, "/").replace(/\/$/, "")}`, message: e.reason },
        ]);
      }
      throw e;
    },
  );
  if (result.status === "no-stock")
    throw new AppError(
      "invalid",
      `No plan was made: the stock of ${hub} holds none of the needed items (${codes.join(", ")}).`,
      [{ field: "/hub", message: `no stock of ${codes.join(", ")} at ${hub}` }],
    );
  if (result.status === "time-limit")
    throw new AppError("invalid", `No plan was made: ${result.explanation[0]}`, [
      { field: "/timeLimitSeconds", message: "the solver needed longer" },
    ]);
  if (result.allocations.every((a) => cmp(a.quantity, "0") === 0)) {
    const limit = result.binding.map((b) => b.constraint).join(", ") || "transport capacity";
    throw new AppError("invalid", `No plan was made: nothing can be allocated because of ${limit}.`, [
      { field: result.binding[0]?.kind === "stock" ? "/hub" : "/transport", message: `binding: ${limit}` },
    ]);
  }
  const plan = {
    id: uuidv7({ msecs: now.getTime() }),
    hub,
    transport: request.transport ?? null,
    minCoverage: result.minCoverage,
    fairShare: result.fairShare,
    totalCoverage: result.totalCoverage,
    binding: result.binding,
    shadow: result.shadow,
    explanation: result.explanation,
    lines: result.allocations.map((a) => ({
      neighbourhood: a.neighbourhood,
      item: a.item,
      quantity: a.quantity,
      needed: a.needed,
      coverage: a.coverage,
    })),
  };
  await db.transaction((tx) => store.insertPlan(tx, operation.id, plan, now, principal.userId));
  return (await store.findPlan(db, operation.id, plan.id))!;
}

export async function listPlans(db: Db, principal: Principal, operationCode: string): Promise<store.StoredPlan[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listPlans(db, operation.id);
}

export async function getPlan(
  db: Db,
  principal: Principal,
  operationCode: string,
  id: string,
): Promise<store.StoredPlan> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return (await store.findPlan(db, operation.id, id)) ?? failNotFound(id);
}

const failNotFound = (id: string): never => {
  throw notFound(`allocation plan ${id}`);
};

/** The dispatch events of a plan: one GoodsShipped per neighbourhood, ids fixed by plan and neighbourhood. */
export function dispatchEvents(plan: store.StoredPlan, eventTime: string): EventInput[] {
  const byPlace = new Map<string, { item: string; quantity: string }[]>();
  for (const l of plan.lines) {
    if (cmp(l.quantity, "0") <= 0) continue;
    byPlace.set(l.neighbourhood, [...(byPlace.get(l.neighbourhood) ?? []), { item: l.item, quantity: l.quantity }]);
  }
  return [...byPlace].map(([neighbourhood, lines]) => ({
    id: uuidv7({
      msecs: Date.parse(plan.createdAt),
      random: Uint8Array.from(createHash("sha256").update(`${plan.id}:${neighbourhood}`).digest().subarray(0, 16)),
    }),
    type: "GoodsShipped" as const,
    eventTime,
    from: plan.hub,
    to: neighbourhood,
    lines,
    note: `Dispatch of allocation plan ${plan.id}`,
  }));
}

export async function approvePlan(
  db: Db,
  principal: Principal,
  operationCode: string,
  id: string,
  now: Date,
): Promise<{ plan: store.StoredPlan; events: RecordOutcome[] }> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "plan" });
  const plan = (await store.findPlan(db, operation.id, id)) ?? failNotFound(id);
  if (plan.approvedAt === null) {
    const stock = await store.stockAt(db, operation.id, plan.hub);
    const shipped = new Map<string, string[]>();
    for (const l of plan.lines) shipped.set(l.item, [...(shipped.get(l.item) ?? []), l.quantity]);
    for (const [item, qs] of shipped) {
      const total = sum(qs);
      const have = stock.get(item) ?? "0";
      if (cmp(total, have) > 0)
        throw new AppError(
          "conflict",
          `The plan ships ${total} ${item} but ${plan.hub} now holds ${have}: stock changed since it was made; make a new plan.`,
          [{ field: "/id", message: `stock of ${item} changed` }],
        );
    }
  }
  const approvedAt = await db.transaction((tx) => store.stampApproval(tx, operation.id, id, now, principal.userId));
  const events = dispatchEvents(plan, approvedAt.toISOString());
  const outcomes = events.length > 0 ? await recordEvents(db, principal, operationCode, events, now) : [];
  await db.transaction((tx) => store.markApproved(tx, operation.id, id));
  return { plan: (await store.findPlan(db, operation.id, id))!, events: outcomes };
}
