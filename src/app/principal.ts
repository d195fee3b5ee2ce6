// Who is acting, and whether their role in an operation lets them.
import type { Action, Role } from "../core/roles.ts";
import { can, describeAction } from "../core/roles.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import { roleIn } from "../store/identity.sql.ts";
import { AppError, notFound } from "./errors.ts";
import { remembered } from "./cache.ts";

export interface Principal {
  userId: string;
  email: string;
  /** System administrators act as admin in every operation and may create operations. */
  isAdmin: boolean;
  /** Signed in with a one-time password not yet changed: may only change it or sign out. */
  mustChangePassword?: boolean;
  /** Set when the caller is the field app on a phone: it acts in one operation, with the role it signed in with. */
  device?: DeviceScope;
}

export interface DeviceScope {
  /** The credential's id (the Devices page lists and revokes it). */
  id: string;
  /** The app installation, kept across sign-ins: events name it as their origin. */
  installationId: string;
  operationId: string;
  role: Role;
  /** Whether the user is a system administrator now (such a user acts as admin). */
  userIsAdmin: boolean;
}

export async function roleOf(db: Queryable, principal: Principal, operation: Operation): Promise<Role | undefined> {
  const device = principal.device;
  if (!device) return principal.isAdmin ? "admin" : rememberedRole(db, operation, principal.userId);
  if (device.operationId !== operation.id) return undefined;
  const now = device.userIsAdmin ? "admin" : await rememberedRole(db, operation, principal.userId);
  // The device acts with the role it signed in with, and only while the user still has it.
  if (now !== device.role) {
    const change = now === undefined ? "you no longer have a role there" : `your role there is now ${now}`;
    throw new AppError(
      "forbidden",
      `this device signed in to operation ${operation.code} as ${device.role}, but ${change}: sign in again on the device`,
    );
  }
  return device.role;
}

/** The user's role in the operation, remembered while no membership (or user) changed: see ./cache.ts. */
function rememberedRole(db: Queryable, operation: Operation, userId: string): Promise<Role | undefined> {
  return remembered(db, "roles", "access", `${operation.id}|${userId}`, undefined, async () => {
    const role = await roleIn(db, operation.id, userId);
    return role && { value: role };
  });
}

/**
 * The operation with this code, remembered until an operation, a membership or a user
 * changes — not when an append moves its chain head: `lastSeq` and `lastHash` may be
 * older than the ledger (read the head with readChainHead where it matters).
 */
async function operationByCode(db: Queryable, code: string): Promise<Operation | undefined> {
  return remembered(db, "operations", "access", code, undefined, async () => {
    const operation = await findOperation(db, code);
    return operation && { value: operation };
  });
}

/** Finds the operation and checks the principal may do `action` in it (on every call; the lookups may be remembered). */
export async function authorise(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  action: Action,
): Promise<{ operation: Operation; role: Role }> {
  const operation = await operationByCode(db, operationCode);
  const role = operation && (await roleOf(db, principal, operation));
  // A user with no role in an operation is told it does not exist rather than that it is hidden.
  if (!operation || !role) throw notFound(`operation ${operationCode}`);
  if (!can(role, action)) {
    throw new AppError(
      "forbidden",
      `your role in operation ${operationCode} is ${role}, which may not ${describeAction(action)}`,
    );
  }
  return { operation, role };
}

export function requireSystemAdmin(principal: Principal, what: string): void {
  if (!principal.isAdmin) throw new AppError("forbidden", `only a system administrator may ${what}`);
}
