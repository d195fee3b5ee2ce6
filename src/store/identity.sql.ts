// Users, sessions, API tokens and roles per operation.
import type { Role } from "../core/roles.ts";
import type { Queryable } from "./db.ts";

export interface User {
  id: string;
  email: string;
  name: string;
  organisation: string | null;
  isAdmin: boolean;
  mustChangePassword: boolean;
}

const userColumns = `u.id, u.email, u.name, o.code as organisation, u.is_admin as "isAdmin", u.must_change_password as "mustChangePassword"`;
const userFrom = "users u left join organisations o on o.id = u.organisation_id";

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*)::int8 as n from users");
  return row?.n ?? 0;
}

export async function insertUser(
  tx: Queryable,
  u: {
    id: string;
    email: string;
    name: string;
    organisationId: string | null;
    passwordHash: string;
    isAdmin: boolean;
    mustChangePassword: boolean;
  },
): Promise<void> {
  await tx.query(
    "insert into users (id, email, name, organisation_id, password_hash, is_admin, must_change_password) values ($1, lower($2), $3, $4, $5, $6, $7)",
    [u.id, u.email, u.name, u.organisationId, u.passwordHash, u.isAdmin, u.mustChangePassword],
  );
}

export async function findUserByEmail(
  db: Queryable,
  email: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const [row] = await db.query<User & { passwordHash: string }>(
    `select ${userColumns}, u.password_hash as "passwordHash" from ${userFrom} where u.email = lower($1)`,
    [email],
  );
  return row;
}

export async function setPassword(tx: Queryable, userId: string, passwordHash: string): Promise<void> {
  await tx.query("update users set password_hash = $2, must_change_password = false where id = $1", [
    userId,
    passwordHash,
  ]);
}

export async function clearThrottleOf(tx: Queryable, keys: readonly string[]): Promise<void> {
  await tx.query("delete from auth_throttle where key = any($1::text[])", [keys]);
}

export async function insertSession(tx: Queryable, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await tx.query("insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)", [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

export async function deleteSession(tx: Queryable, tokenHash: string): Promise<void> {
  await tx.query("delete from sessions where token_hash = $1", [tokenHash]);
}

/** The user of a session that has not expired, and when it expires. */
export async function userBySession(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<(User & { expiresAt: Date }) | undefined> {
  const [row] = await db.query<User & { expiresAt: Date }>(
    `select ${userColumns}, s.expires_at as "expiresAt" from sessions s join ${userFrom} on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2`,
    [tokenHash, now],
  );
  return row;
}

export async function insertApiToken(
  tx: Queryable,
  t: { id: string; tokenHash: string; userId: string; name: string },
): Promise<void> {
  await tx.query("insert into api_tokens (id, token_hash, user_id, name) values ($1, $2, $3, $4)", [
    t.id,
    t.tokenHash,
    t.userId,
    t.name,
  ]);
}

/** How many API tokens the user holds that are not revoked. */
export async function countActiveApiTokens(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is null",
    [userId],
  );
  return row?.n ?? 0;
}

export async function userByApiToken(db: Queryable, tokenHash: string): Promise<User | undefined> {
  const [row] = await db.query<User>(
    `select ${userColumns} from api_tokens t join ${userFrom} on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null`,
    [tokenHash],
  );
  return row;
}

export async function revokeApiToken(tx: Queryable, userId: string, tokenId: string): Promise<boolean> {
  const rows = await tx.query(
    "update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id",
    [tokenId, userId],
  );
  return rows.length > 0;
}

/** Revokes every API token the user still holds (their password changed); how many it revoked. */
export async function revokeApiTokensOf(tx: Queryable, userId: string): Promise<number> {
  const rows = await tx.query(
    "update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null returning id",
    [userId],
  );
  return rows.length;
}

export async function roleIn(db: Queryable, operationId: string, userId: string): Promise<Role | undefined> {
  const [row] = await db.query<{ role: Role }>(
    "select role from memberships where operation_id = $1 and user_id = $2",
    [operationId, userId],
  );
  return row?.role;
}

export async function upsertMembership(tx: Queryable, operationId: string, userId: string, role: Role): Promise<void> {
  await tx.query(
    `insert into memberships (operation_id, user_id, role) values ($1, $2, $3)
     on conflict (operation_id, user_id) do update set role = excluded.role, granted_at = excluded.granted_at`,
    [operationId, userId, role],
  );
}

export async function listMembers(db: Queryable, operationId: string): Promise<(User & { role: Role })[]> {
  return db.query<User & { role: Role }>(
    `select ${userColumns}, m.role from memberships m join ${userFrom} on u.id = m.user_id where m.operation_id = $1 order by u.email`,
    [operationId],
  );
}

/** A password someone else chose (reset by an administrator): the user must change it when signing in. */
export async function setOneTimePassword(tx: Queryable, userId: string, passwordHash: string): Promise<void> {
  await tx.query("update users set password_hash = $2, must_change_password = true where id = $1", [
    userId,
    passwordHash,
  ]);
}

export async function deleteSessionsOf(tx: Queryable, userId: string): Promise<void> {
  await tx.query("delete from sessions where user_id = $1", [userId]);
}

/** The earliest administrator's email, if any. */
export async function firstAdminEmail(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ email: string }>("select email from users where is_admin order by created_at limit 1");
  return row?.email;
}
