// Actions of the tracking features that only some roles may take (changing a
// discrepancy's status, recording a claimed figure), on top of `authorise`.
import type { Role } from "../core/roles.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export async function authoriseRole(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  roles: readonly Role[],
  what: string,
): Promise<{ operation: Operation; role: Role }> {
  const found = await authorise(db, principal, operationCode, { kind: "read" });
  if (!roles.includes(found.role)) {
    throw new AppError(
      "forbidden",
      `your role in operation ${operationCode} is ${found.role}; only ${roles.join(" or ")} may ${what}`,
    );
  }
  return found;
}
