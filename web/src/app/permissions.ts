// What the signed-in user's role lets the UI offer; the server checks again on every write.
import { can, type Role } from "../../../src/core/roles.ts";

/** Roles that may record the events the form offers. */
export const canRecordArrivals = (role: Role) =>
  can(role, { kind: "record", eventType: "UnitArrived" }) || can(role, { kind: "record", eventType: "GoodsUnloaded" });
