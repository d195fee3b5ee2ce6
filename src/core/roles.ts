// Who may do what in an operation. Roles are per operation; a permission check is a
// pure function of the role and the action.
import type { EventType } from "./events.ts";

export const ROLES = [
  "admin",
  "logistician",
  "field-officer",
  "distribution-officer",
  "press-officer",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | { kind: "read" }
  | { kind: "record"; eventType: EventType }
  | { kind: "manage-catalogue" }
  | { kind: "manage-members" }
  | { kind: "plan" }
  | { kind: "publish" };

const FIELD_EVENTS: ReadonlySet<EventType> = new Set([
  "GoodsLoaded",
  "UnitDeparted",
  "UnitArrived",
  "GoodsUnloaded",
  "GoodsReceived",
  "GoodsStored",
  "GoodsShipped",
  "StockTransferred",
]);

export function can(role: Role, action: Action): boolean {
  switch (action.kind) {
    case "read":
      return true;
    case "record":
      if (role === "admin" || role === "logistician") return true;
      if (role === "field-officer") return FIELD_EVENTS.has(action.eventType);
      if (role === "distribution-officer")
        return action.eventType === "GoodsDistributed" || action.eventType === "GoodsReceived";
      return false;
    case "manage-catalogue":
      return role === "admin" || role === "logistician";
    case "manage-members":
      return role === "admin";
    case "plan":
      return role === "admin" || role === "logistician";
    case "publish":
      return role === "admin" || role === "press-officer";
    default: {
      const never: never = action;
      return never;
    }
  }
}

export const describeAction = (action: Action): string =>
  action.kind === "record" ? `record ${action.eventType} events` : action.kind.replace("-", " ");
