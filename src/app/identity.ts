// Signing in, sessions, API tokens and users.
import { v7 as uuidv7 } from "uuid";
import type { Role } from "../core/roles.ts";
import type { Db } from "../store/db.ts";
import type { User } from "../store/identity.sql.ts";
import * as store from "../store/identity.sql.ts";
import { findOperation, findOrganisation } from "../store/catalogue.sql.ts";
import { lockUserCredentials, revokeDeviceCredentialsOf } from "../store/devices.sql.ts";
import { AppError, notFound } from "./errors.ts";
import { remembered } from "./cache.ts";
import type { Principal } from "./principal.ts";
import { authorise, requireSystemAdmin } from "./principal.ts";
import { ACCOUNT_POLICY, ADDRESS_POLICY, PASSWORD_CHANGE_POLICY } from "../core/throttle.ts";
import { noteFailure, noteSuccess, refuseIfLocked, type Throttled } from "./throttle.ts";
import { audit } from "./auth-audit.ts";
import {
  digestSecret,
  generatePassword,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  newSecret,
  verifyPassword,
} from "./passwords.ts";

export const SESSION_DAYS = 14;
/** The most API tokens one user may hold that are not revoked. */
export const MAX_ACTIVE_API_TOKENS = 20;
const principalOf = (u: User): Principal => ({
  userId: u.id,
  email: u.email,
  isAdmin: u.isAdmin,
  mustChangePassword: u.mustChangePassword,
});

/** Where a request came from, for throttling and the audit trail. */
export interface Client {
  address: string;
}

const accountKey = (email: string): Throttled => ({
  key: `account:${email.toLowerCase()}`,
  policy: ACCOUNT_POLICY,
  what: "this account",
});
const addressKey = (address: string): Throttled => ({
  key: `address:${address}`,
  policy: ADDRESS_POLICY,
  what: "sign-ins from your address",
});
const passwordKey = (userId: string): Throttled => ({
  key: `password:${userId}`,
  policy: PASSWORD_CHANGE_POLICY,
  what: "password changes of this account",
});

export async function signIn(
  db: Db,
  email: string,
  password: string,
  now: Date,
  client: Client = { address: "local" },
): Promise<{ user: User; sessionToken: string }> {
  const keys = [accountKey(email), addressKey(client.address)];
  const entry = { at: now, email, address: client.address };
  try {
    await refuseIfLocked(db, keys, now);
  } catch (error) {
    await audit(db, { ...entry, kind: "sign-in-refused-locked", userId: null, detail: (error as Error).message });
    throw error;
  }
  const found = await store.findUserByEmail(db, email);
  // Verify against a dummy hash for unknown users so timing does not reveal who exists.
  const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok) {
    await noteFailure(db, keys, now);
    await audit(db, {
      ...entry,
      kind: "sign-in-failed",
      userId: found?.id ?? null,
      detail: found ? "wrong password" : "no such user",
    });
    throw new AppError("unauthenticated", "wrong email or password");
  }
  await noteSuccess(db, keys[0]!);
  const { secret, digest } = newSecret("rls");
  await store.insertSession(db, digest, found.id, new Date(now.getTime() + SESSION_DAYS * 86_400_000));
  await audit(db, {
    ...entry,
    kind: "signed-in",
    userId: found.id,
    detail: found.mustChangePassword ? "with a one-time password" : "",
  });
  const { passwordHash: _, ...user } = found;
  return { user, sessionToken: secret };
}

export async function signOut(
  db: Db,
  sessionToken: string,
  now: Date,
  client: Client = { address: "local" },
): Promise<void> {
  const user = await store.userBySession(db, digestSecret(sessionToken), now);
  await store.deleteSession(db, digestSecret(sessionToken));
  if (user)
    await audit(db, {
      at: now,
      kind: "signed-out",
      userId: user.id,
      email: user.email,
      address: client.address,
      detail: "",
    });
}

// Who holds a session or token is remembered until a sign-in table changes (./cache.ts) or the session expires.
// Remembered by the token as sent, so a request that finds it hashes nothing: the database
// only ever sees (and stores) the digest, and only tokens that were found are remembered,
// so unknown ones cannot push known ones out. The process holds the tokens it is sent anyway.
export async function principalFromSession(db: Db, sessionToken: string, now: Date): Promise<Principal | undefined> {
  return remembered(db, "sessions", "access", sessionToken, now, async () => {
    const user = await store.userBySession(db, digestSecret(sessionToken), now);
    return user && { value: principalOf(user), validUntil: new Date(user.expiresAt) };
  });
}

export async function principalFromApiToken(db: Db, token: string): Promise<Principal | undefined> {
  return remembered(db, "api-tokens", "access", token, undefined, async () => {
    const user = await store.userByApiToken(db, digestSecret(token));
    return user && { value: principalOf(user) };
  });
}

export async function currentUser(db: Db, principal: Principal): Promise<User> {
  const found = await store.findUserByEmail(db, principal.email);
  if (!found) throw notFound(`user ${principal.email}`);
  const { passwordHash: _, ...user } = found;
  return user;
}

export async function createApiToken(
  db: Db,
  principal: Principal,
  name: string,
  now: Date = new Date(),
  client: Client = { address: "local" },
): Promise<{ id: string; name: string; token: string }> {
  const { secret, digest } = newSecret("rlt");
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await lockUserCredentials(tx, principal.userId);
    const active = await store.countActiveApiTokens(tx, principal.userId);
    if (active >= MAX_ACTIVE_API_TOKENS)
      throw new AppError(
        "conflict",
        `you already hold ${active} active API tokens, the most one user may hold (${MAX_ACTIVE_API_TOKENS}): ` +
          "revoke one you no longer use (DELETE /api/auth/tokens/{id}) before creating another",
        [],
        { limit: MAX_ACTIVE_API_TOKENS },
      );
    await store.insertApiToken(tx, { id, tokenHash: digest, userId: principal.userId, name });
    await audit(tx, {
      at: now,
      kind: "token-created",
      userId: principal.userId,
      email: principal.email,
      address: client.address,
      detail: `token ${id} "${name}"`,
    });
  });
  return { id, name, token: secret };
}

export async function revokeApiToken(
  db: Db,
  principal: Principal,
  id: string,
  now: Date = new Date(),
  client: Client = { address: "local" },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await store.revokeApiToken(tx, principal.userId, id))) throw notFound(`API token ${id}`);
    await audit(tx, {
      at: now,
      kind: "token-revoked",
      userId: principal.userId,
      email: principal.email,
      address: client.address,
      detail: `token ${id}`,
    });
  });
}

export async function changePassword(
  db: Db,
  principal: Principal,
  current: string,
  next: string,
  now: Date = new Date(),
  client: Client = { address: "local" },
): Promise<void> {
  const key = passwordKey(principal.userId);
  const entry = { at: now, userId: principal.userId, email: principal.email, address: client.address };
  await refuseIfLocked(db, [key], now);
  const found = await store.findUserByEmail(db, principal.email);
  if (!found || !(await verifyPassword(current, found.passwordHash))) {
    await noteFailure(db, [key], now);
    await audit(db, { ...entry, kind: "password-change-failed", detail: "wrong current password" });
    throw new AppError("unauthenticated", "the current password is wrong");
  }
  checkPasswordStrength(next);
  const hash = await hashPassword(next);
  const devices = await endDeviceSignIns(db, principal.userId, now);
  await db.transaction(async (tx) => {
    await store.setPassword(tx, principal.userId, hash);
    // Whoever knew the old password may hold a session or have made a token: they all end, the user signs in again.
    await store.deleteSessionsOf(tx, principal.userId);
    const tokens = await store.revokeApiTokensOf(tx, principal.userId);
    await noteSuccess(tx, key);
    await audit(tx, {
      ...entry,
      kind: "password-changed",
      detail: [found.mustChangePassword ? "replaced a one-time password" : "", ended(tokens, devices)]
        .filter((part) => part !== "")
        .join("; "),
    });
  });
}

/**
 * Ends the field phones' device sign-ins of a user whose password changes: whoever knew the
 * old password could have made one. A statement of its own, before the password changes:
 * on Citus it reaches every operation's shard, which one transaction may not do after
 * changing the users reference table; and failing here leaves the password as it was.
 */
const endDeviceSignIns = (db: Db, userId: string, now: Date): Promise<number> =>
  revokeDeviceCredentialsOf(db, userId, now);

/** What ending a user's credentials did, for the audit trail ("" when there was nothing to end). */
function ended(tokens: number, devices: number): string {
  const parts = [
    tokens > 0 ? `${tokens} API token${tokens === 1 ? "" : "s"}` : "",
    devices > 0 ? `${devices} device sign-in${devices === 1 ? "" : "s"}` : "",
  ].filter((part) => part !== "");
  return parts.length === 0 ? "" : `ended ${parts.join(" and ")}`;
}

/** Gives a user a new one-time password (the CLI's reset-password: the operator has the machine). */
export async function resetPassword(
  db: Db,
  email: string,
  now: Date = new Date(),
): Promise<{ email: string; password: string }> {
  const user = await store.findUserByEmail(db, email);
  if (!user) throw notFound(`user ${email}`);
  const password = generatePassword();
  const hash = await hashPassword(password);
  const devices = await endDeviceSignIns(db, user.id, now);
  await db.transaction(async (tx) => {
    await store.setOneTimePassword(tx, user.id, hash);
    await store.deleteSessionsOf(tx, user.id);
    const tokens = await store.revokeApiTokensOf(tx, user.id);
    await store.clearThrottleOf(tx, [accountKey(user.email).key, passwordKey(user.id).key]);
    await audit(tx, {
      at: now,
      kind: "password-reset",
      userId: user.id,
      email: user.email,
      address: "local",
      detail: ["from the command line", ended(tokens, devices)].filter((part) => part !== "").join("; "),
    });
  });
  return { email: user.email, password };
}

function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("invalid", `a password needs at least ${MIN_PASSWORD_LENGTH} characters`, [
      { field: "/password", message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

export interface NewUser {
  email: string;
  name: string;
  organisation?: string;
  password?: string;
  isAdmin?: boolean;
}

/** Creates a user; without a password one is generated and returned once. */
export async function createUser(
  db: Db,
  principal: Principal | "system",
  input: NewUser,
): Promise<{ user: Pick<User, "id" | "email" | "name">; password?: string }> {
  if (principal !== "system") requireSystemAdmin(principal, "create users");
  if (await store.findUserByEmail(db, input.email))
    throw new AppError("conflict", `a user with email ${input.email} already exists`, [
      { field: "/email", message: "already in use" },
    ]);
  const organisation = input.organisation ? await findOrganisation(db, input.organisation) : undefined;
  if (input.organisation && !organisation)
    throw new AppError("invalid", `unknown organisation ${input.organisation}`, [
      { field: "/organisation", message: `unknown organisation ${input.organisation}` },
    ]);
  if (input.password !== undefined) checkPasswordStrength(input.password);
  const password = input.password ?? generatePassword();
  const id = uuidv7();
  await store.insertUser(db, {
    id,
    email: input.email,
    name: input.name,
    organisationId: organisation?.id ?? null,
    passwordHash: await hashPassword(password),
    isAdmin: input.isAdmin ?? false,
    mustChangePassword: input.password === undefined,
  });
  return {
    user: { id, email: input.email.toLowerCase(), name: input.name },
    ...(input.password === undefined && { password }),
  };
}

export async function grantRole(
  db: Db,
  principal: Principal | "system",
  operationCode: string,
  email: string,
  role: Role,
): Promise<void> {
  const operation =
    principal === "system"
      ? await findOperation(db, operationCode)
      : (await authorise(db, principal, operationCode, { kind: "manage-members" })).operation;
  if (!operation) throw notFound(`operation ${operationCode}`);
  const user = await store.findUserByEmail(db, email);
  if (!user)
    throw new AppError("invalid", `unknown user ${email}`, [{ field: "/email", message: `unknown user ${email}` }]);
  await store.upsertMembership(db, operation.id, user.id, role);
}

export async function listMembers(db: Db, principal: Principal, operationCode: string) {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listMembers(db, operation.id);
}

export const countUsers = store.countUsers;

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vq9wYzOZ1c4h2bW9lXkz3m3rY6dGJtX8b0mK2yJm7sQ";
