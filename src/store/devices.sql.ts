// Device credentials of the field app: bound to a user, an operation and a role.
import type { Role } from "../core/roles.ts";
import type { Queryable } from "./db.ts";

export interface NewDeviceCredential {
  operationId: string;
  id: string;
  tokenHash: string;
  userId: string;
  role: Role;
  installationId: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertDeviceCredential(tx: Queryable, d: NewDeviceCredential): Promise<void> {
  await tx.query(
    `insert into device_credentials (operation_id, id, token_hash, user_id, role, installation_id, label, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [d.operationId, d.id, d.tokenHash, d.userId, d.role, d.installationId, d.label, d.createdAt, d.expiresAt],
  );
}

/**
 * Serialises a user's issuing of credentials (until the transaction ends), so two issued at
 * once cannot both pass the cap on active ones.
 */
export async function lockUserCredentials(tx: Queryable, userId: string): Promise<void> {
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`credentials:${userId}`]);
}

/** How many of the user's device credentials, in every operation, still work at `at`. */
export async function countActiveDeviceCredentials(db: Queryable, userId: string, at: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select count(*)::int as n from device_credentials where user_id = $1 and revoked_at is null and expires_at > $2",
    [userId, at],
  );
  return row?.n ?? 0;
}

/** What a device credential stands for, whatever its state (the caller says why it no longer works). */
export interface DeviceCredentialRow {
  id: string;
  operationId: string;
  operationCode: string;
  userId: string;
  email: string;
  userIsAdmin: boolean;
  role: Role;
  installationId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SyncReport {
  at: Date;
  outboxSize?: number;
  clockOffsetMs?: number;
}

/**
 * The operation of a credential whose token does not name it (issued before tokens did): a
 * look-up by digest in every operation's rows (on Citus, every shard).
 */
export async function deviceCredentialOperation(db: Queryable, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.query<{ operationId: string }>(
    'select operation_id as "operationId" from device_credentials where token_hash = $1',
    [tokenHash],
  );
  return row?.operationId;
}

/**
 * Finds a credential of the operation by its digest and, when it is still valid, notes the
 * contact: the time, and the outbox size and clock offset the phone reported (kept when not
 * reported). One statement on the operation's rows (on Citus, its worker).
 */
export async function touchDeviceCredential(
  db: Queryable,
  operationId: string,
  tokenHash: string,
  report: SyncReport,
): Promise<DeviceCredentialRow | undefined> {
  const [row] = await db.query<DeviceCredentialRow>(
    `with found as (
       select d.operation_id, d.id from device_credentials d where d.operation_id = $5 and d.token_hash = $1
     ), touched as (
       update device_credentials d set last_sync_at = $2, last_outbox_size = coalesce($3, d.last_outbox_size),
         last_clock_offset_ms = coalesce($4, d.last_clock_offset_ms)
       from found f where d.operation_id = $5 and f.operation_id = $5 and d.id = f.id and d.revoked_at is null and d.expires_at > $2
     )
     select d.id, d.operation_id as "operationId", o.code as "operationCode", u.id as "userId", u.email, u.is_admin as "userIsAdmin",
       d.role, d.installation_id as "installationId", d.expires_at as "expiresAt", d.revoked_at as "revokedAt"
     from device_credentials d join found f on d.operation_id = $5 and f.operation_id = $5 and d.id = f.id
     join users u on u.id = d.user_id join operations o on o.id = d.operation_id`,
    [tokenHash, report.at, report.outboxSize ?? null, report.clockOffsetMs ?? null, operationId],
  );
  return row;
}

export interface DeviceListRow {
  id: string;
  email: string;
  userName: string;
  role: Role;
  label: string;
  installationId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSyncAt: Date | null;
  lastOutboxSize: number | null;
  lastClockOffsetMs: string | null;
}

/** An operation's device credentials, newest first; only one user's when `userId` is given. */
export async function listDeviceCredentials(
  db: Queryable,
  operationId: string,
  userId?: string,
): Promise<DeviceListRow[]> {
  return db.query<DeviceListRow>(
    `select d.id, u.email, u.name as "userName", d.role, d.label, d.installation_id as "installationId", d.created_at as "createdAt",
       d.expires_at as "expiresAt", d.revoked_at as "revokedAt", d.last_sync_at as "lastSyncAt", d.last_outbox_size as "lastOutboxSize",
       d.last_clock_offset_ms::text as "lastClockOffsetMs"
     from device_credentials d join users u on u.id = d.user_id
     where d.operation_id = $1 and ($2::uuid is null or d.user_id = $2) order by d.created_at desc, d.id desc`,
    [operationId, userId ?? null],
  );
}

export async function findDeviceOwner(
  db: Queryable,
  operationId: string,
  id: string,
): Promise<{ userId: string; revokedAt: Date | null } | undefined> {
  const [row] = await db.query<{ userId: string; revokedAt: Date | null }>(
    `select user_id as "userId", revoked_at as "revokedAt" from device_credentials where operation_id = $1 and id = $2`,
    [operationId, id],
  );
  return row;
}

/** Revokes a credential once; a second revocation keeps the first time and revoker. */
export async function revokeDeviceCredential(
  tx: Queryable,
  operationId: string,
  id: string,
  at: Date,
  by: string,
): Promise<void> {
  await tx.query(
    "update device_credentials set revoked_at = coalesce(revoked_at, $3), revoked_by = coalesce(revoked_by, $4) where operation_id = $1 and id = $2",
    [operationId, id, at, by],
  );
}

/**
 * Revokes, in every operation, the credentials of a user that still work at `at` (their
 * password changed); the user counts as the revoker. How many it revoked.
 */
export async function revokeDeviceCredentialsOf(db: Queryable, userId: string, at: Date): Promise<number> {
  const rows = await db.query(
    "update device_credentials set revoked_at = $2, revoked_by = $1 where user_id = $1 and revoked_at is null and expires_at > $2 returning id",
    [userId, at],
  );
  return rows.length;
}
