// Device credentials: how the field app on a phone stays signed in for a shift without a
// connection. A user signs in normally (online), then the app asks for a credential bound
// to that user, one operation and the role the user has there. The phone sends it as a
// bearer token; it reports its outbox size and clock at every contact; the operations room
// lists and revokes it (docs/field.md).
import { v7 as uuidv7 } from "uuid";
import type { Role } from "../core/roles.ts";
import type { Db } from "../store/db.ts";
import * as store from "../store/devices.sql.ts";
import { findUserByEmail } from "../store/identity.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { can } from "../core/roles.ts";
import { digestSecret, newSecret } from "./passwords.ts";

/** How long a device credential lasts unless configured otherwise: a shift, with margin. */
export const DEFAULT_DEVICE_HOURS = 24;
export const DEVICE_TOKEN_PREFIX = "rld";
/** The most device credentials one user may hold that still work (revoked and expired ones do not count). */
export const MAX_ACTIVE_DEVICE_CREDENTIALS = 20;

export interface NewDevice {
  label: string;
  installationId: string;
}

export interface IssuedDevice {
  id: string;
  token: string;
  operation: string;
  role: Role;
  email: string;
  label: string;
  installationId: string;
  expiresAt: string;
}

/** Issues a credential for the phone the signed-in user is holding. */
export async function createDevice(
  db: Db,
  principal: Principal,
  operationCode: string,
  input: NewDevice,
  now: Date,
  hours = DEFAULT_DEVICE_HOURS,
): Promise<IssuedDevice> {
  if (principal.device)
    throw new AppError("forbidden", "a device cannot issue another device credential: sign in with your password");
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const user = await findUserByEmail(db, principal.email);
  if (user?.mustChangePassword)
    throw new AppError("forbidden", "change your one-time password in the operations room first (/account/password)");
  // The token names its operation, so the server finds it in that operation's rows (on Citus, its worker).
  const { secret, digest } = newSecret(`${DEVICE_TOKEN_PREFIX}_${operation.id.replaceAll("-", "")}`);
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.transaction(async (tx) => {
    await store.lockUserCredentials(tx, principal.userId);
    const active = await store.countActiveDeviceCredentials(tx, principal.userId, now);
    if (active >= MAX_ACTIVE_DEVICE_CREDENTIALS)
      throw new AppError(
        "conflict",
        `you already hold ${active} active device credentials, the most one user may hold (${MAX_ACTIVE_DEVICE_CREDENTIALS}): ` +
          "revoke one you no longer use (Devices in the operations room, or POST /api/operations/{op}/devices/{id}/revoke), " +
          "or sign out on a phone you no longer use",
        [],
        { limit: MAX_ACTIVE_DEVICE_CREDENTIALS },
      );
    await store.insertDeviceCredential(tx, {
      operationId: operation.id,
      id,
      tokenHash: digest,
      userId: principal.userId,
      role,
      installationId: input.installationId.toLowerCase(),
      label: input.label,
      createdAt: now,
      expiresAt,
    });
  });
  return {
    id,
    token: secret,
    operation: operation.code,
    role,
    email: principal.email,
    label: input.label,
    installationId: input.installationId.toLowerCase(),
    expiresAt: expiresAt.toISOString(),
  };
}

/** What a phone reports at each contact (request headers, see api/device-auth.ts). */
export interface DeviceReport {
  outboxSize?: number;
  deviceTime?: Date;
}

export type DeviceAuth = { ok: true; principal: Principal; operationCode: string } | { ok: false; reason: string };

/** The operation a token names: rld_<operation id, 32 hex digits>_<secret> (none in tokens issued before it did). */
export function operationOfToken(token: string): string | undefined {
  const hex = new RegExp(`^${DEVICE_TOKEN_PREFIX}_([0-9a-f]{32})_`).exec(token)?.[1];
  return hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The principal a device token stands for, noting the contact; or why it no longer works. */
export async function principalFromDeviceToken(
  db: Db,
  token: string,
  report: DeviceReport,
  now: Date,
): Promise<DeviceAuth> {
  const clockOffsetMs = report.deviceTime ? now.getTime() - report.deviceTime.getTime() : undefined;
  const digest = digestSecret(token);
  const operationId = operationOfToken(token) ?? (await store.deviceCredentialOperation(db, digest));
  if (!operationId) return { ok: false, reason: "this device's sign-in is unknown: sign in again on the device" };
  const row = await store.touchDeviceCredential(db, operationId, digest, {
    at: now,
    ...(report.outboxSize !== undefined && { outboxSize: report.outboxSize }),
    ...(clockOffsetMs !== undefined && { clockOffsetMs }),
  });
  if (!row) return { ok: false, reason: "this device's sign-in is unknown: sign in again on the device" };
  if (row.revokedAt)
    return {
      ok: false,
      reason: `this device's sign-in was revoked from the operations room at ${row.revokedAt.toISOString()}: sign in again`,
    };
  if (row.expiresAt <= now)
    return {
      ok: false,
      reason: `this device's sign-in ended at ${row.expiresAt.toISOString()} (a shift): sign in again`,
    };
  const principal: Principal = {
    userId: row.userId,
    email: row.email,
    isAdmin: false,
    device: {
      id: row.id,
      installationId: row.installationId,
      operationId: row.operationId,
      role: row.role,
      userIsAdmin: row.userIsAdmin,
    },
  };
  return { ok: true, principal, operationCode: row.operationCode };
}

export interface DeviceView {
  id: string;
  email: string;
  userName: string;
  role: Role;
  label: string;
  installationId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  lastOutboxSize: number | null;
  lastClockOffsetMs: number | null;
  state: "active" | "expired" | "revoked";
}

/** An operation's devices: all of them for its administrators, one's own for everyone else. */
export async function listDevices(
  db: Db,
  principal: Principal,
  operationCode: string,
  now: Date,
): Promise<DeviceView[]> {
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const rows = await store.listDeviceCredentials(
    db,
    operation.id,
    can(role, { kind: "manage-members" }) ? undefined : principal.userId,
  );
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastSyncAt: r.lastSyncAt?.toISOString() ?? null,
    lastClockOffsetMs: r.lastClockOffsetMs === null ? null : Number(r.lastClockOffsetMs),
    state: r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "active",
  }));
}

/** Revokes a device: an operation's administrator may revoke any, a user their own. */
export async function revokeDevice(
  db: Db,
  principal: Principal,
  operationCode: string,
  id: string,
  now: Date,
): Promise<void> {
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const found = await store.findDeviceOwner(db, operation.id, id);
  if (!found) throw notFound(`device ${id} in operation ${operationCode}`);
  if (found.userId !== principal.userId && !can(role, { kind: "manage-members" })) {
    throw new AppError(
      "forbidden",
      `your role in operation ${operationCode} is ${role}: you may revoke your own devices only`,
    );
  }
  await store.revokeDeviceCredential(db, operation.id, id, now, principal.userId);
}
