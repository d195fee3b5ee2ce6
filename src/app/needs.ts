// Needs from assessments: checked whole, stored all or nothing. A need for the same
// neighbourhood and item again replaces the earlier assessment.
import type { NeedInput, Need } from "../core/needs.ts";
import { decideNeeds } from "../core/needs.ts";
import type { Db } from "../store/db.ts";
import { findItemRefs, findLocationRefs } from "../store/catalogue.sql.ts";
import * as store from "../store/allocation.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export const MAX_NEEDS = 10_000;

export async function addNeeds(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly NeedInput[],
  now: Date,
): Promise<Need[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "plan" });
  if (inputs.length === 0)
    throw new AppError("invalid", "no needs given", [{ field: "/needs", message: "at least one need is required" }]);
  if (inputs.length > MAX_NEEDS)
    throw new AppError("too-large", `at most ${MAX_NEEDS} needs at once; got ${inputs.length}`);
  const decision = decideNeeds(inputs, {
    locations: await findLocationRefs(db, operation.id, [...new Set(inputs.map((n) => n.neighbourhood))]),
    items: await findItemRefs(db, operation.id, [...new Set(inputs.map((n) => n.item))]),
    today: now.toISOString().slice(0, 10),
  });
  if (!decision.ok) {
    const [first] = decision.errors;
    const more = decision.errors.length > 1 ? ` (and ${decision.errors.length - 1} more)` : "";
    throw new AppError("invalid", `No need was stored: ${first!.field} ${first!.message}${more}.`, decision.errors);
  }
  await db.transaction((tx) => store.upsertNeeds(tx, operation.id, decision.needs, now, principal.userId));
  return decision.needs;
}

export async function listNeeds(db: Db, principal: Principal, operationCode: string): Promise<Need[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listNeeds(db, operation.id);
}
