// What the signed-in user's role lets the UI offer; the server checks again on every write.
import { can, type Role } from "../../../src/core/roles.ts";

/** Roles that may record the events the form offers. */
export const canRecordArrivals = (role: Role) =>
  can(role, { kind: "record", eventType: "UnitArrived" }) || can(role, { kind: "record", eventType: "GoodsUnloaded" });

/** Roles that may explain, resolve or reopen a discrepancy (the server's rule in app/reconcile.ts). */
export const canSettleDiscrepancies = (role: Role) => role === "admin" || role === "logistician";

/** Roles that may enter needs, run the planner and approve a plan. */
export const canPlan = (role: Role) => can(role, { kind: "plan" });

/** Roles that may record a distribution to recipients. */
export const canRecordDistributions = (role: Role) => can(role, { kind: "record", eventType: "GoodsDistributed" });
