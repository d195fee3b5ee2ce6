// The tasks a role may do: each task records these event types, and is offered only when
// the shared roles module (src/core/roles.ts) allows every one of them.
import type { EventType } from "../../../../src/core/events.ts";
import { can, type Role } from "../../../../src/core/roles.ts";
import type { Route } from "./router.ts";

export const TASK_EVENTS: Record<"unload" | "receive" | "load" | "distribute" | "handover", EventType[]> = {
  unload: ["UnitArrived", "GoodsUnloaded", "GoodsReceived"],
  receive: ["UnitArrived", "GoodsUnloaded", "GoodsReceived"],
  load: ["GoodsShipped", "UnitDeparted"],
  distribute: ["GoodsDistributed"],
  handover: ["EquipmentHandedOver"],
};

export type Task = keyof typeof TASK_EVENTS;

export const tasksFor = (role: Role): Task[] =>
  (Object.keys(TASK_EVENTS) as Task[]).filter((task) =>
    TASK_EVENTS[task].every((eventType) => can(role, { kind: "record", eventType })),
  );

export const isTask = (route: Route): route is Task => route in TASK_EVENTS;
