// Sign-in throttling counters and the audit trail of sign-ins, password changes and API tokens.
import type { Queryable } from "./db.ts";

export interface ThrottleRow {
  key: string;
  failures: number;
  lockedUntil: Date | null;
}

export async function throttleRows(db: Queryable, keys: readonly string[]): Promise<ThrottleRow[]> {
  return db.query<ThrottleRow>(
    `select key, failures, locked_until as "lockedUntil" from auth_throttle where key = any($1::text[])`,
    [keys],
  );
}

/** Counts one more failure for `key` (starting again when the last one is older than `forgetBefore`); returns the count. */
export async function countFailure(tx: Queryable, key: string, now: Date, forgetBefore: Date): Promise<number> {
  const [row] = await tx.query<{ failures: number }>(
    `insert into auth_throttle (key, failures, last_failure_at) values ($1, 1, $2)
     on conflict (key) do update set
       failures = case when auth_throttle.last_failure_at < $3 then 1 else auth_throttle.failures + 1 end,
       last_failure_at = excluded.last_failure_at
     returning failures`,
    [key, now, forgetBefore],
  );
  return row!.failures;
}

export async function lockUntil(tx: Queryable, key: string, until: Date): Promise<void> {
  await tx.query("update auth_throttle set locked_until = $2 where key = $1", [key, until]);
}

export async function clearThrottle(tx: Queryable, key: string): Promise<void> {
  await tx.query("delete from auth_throttle where key = $1", [key]);
}

export type AuditKind =
  | "signed-in"
  | "sign-in-failed"
  | "sign-in-refused-locked"
  | "signed-out"
  | "password-changed"
  | "password-change-failed"
  | "password-reset"
  | "token-created"
  | "token-revoked";

export interface AuditEntry {
  at: Date;
  kind: AuditKind;
  userId: string | null;
  email: string | null;
  address: string | null;
  detail: string;
}

export async function insertAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    "insert into auth_audit (at, kind, user_id, email, address, detail) values ($1, $2, $3, lower($4), $5, $6)",
    [e.at, e.kind, e.userId, e.email, e.address, e.detail],
  );
}

export interface AuditRow extends AuditEntry {
  id: number;
}

/** Newest first; `before` pages backwards by id. */
export async function listAudit(
  db: Queryable,
  options: { before?: number; limit: number; email?: string },
): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `select id, at, kind, user_id as "userId", email, address, detail from auth_audit
     where ($1::int8 is null or id < $1) and ($2::text is null or email = lower($2))
     order by id desc limit $3`,
    [options.before ?? null, options.email ?? null, options.limit],
  );
}
