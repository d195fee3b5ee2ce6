// Refusing repeated failed tries per account, per client address and per password change,
// with counters in the database so that they hold across restarts and across every server
// process on one database. A locked key is refused before any password is checked.
import type { Queryable } from "../store/db.ts";
import * as store from "../store/auth-guard.sql.ts";
import { lockSeconds, type ThrottlePolicy } from "../core/throttle.ts";
import { ThrottledError } from "./errors.ts";

export interface Throttled {
  key: string;
  policy: ThrottlePolicy;
  /** Says what is locked, for the refusal: "this account", "sign-ins from your address". */
  what: string;
}

/** Throws a ThrottledError (429 with Retry-After) when any of `keys` is locked at `now`. */
export async function refuseIfLocked(db: Queryable, keys: readonly Throttled[], now: Date): Promise<void> {
  const rows = await store.throttleRows(
    db,
    keys.map((k) => k.key),
  );
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
      const what = keys.find((k) => k.key === row.key)?.what ?? "this";
      throw new ThrottledError(`too many failed tries for ${what}; try again in ${seconds} s`, seconds);
    }
  }
}

/** Counts a failure against each key and locks those past their free tries. */
export async function noteFailure(db: Queryable, keys: readonly Throttled[], now: Date): Promise<void> {
  for (const { key, policy } of keys) {
    const failures = await store.countFailure(db, key, now, new Date(now.getTime() - policy.forgetAfterSeconds * 1000));
    const seconds = lockSeconds(failures, policy);
    if (seconds > 0) await store.lockUntil(db, key, new Date(now.getTime() + seconds * 1000));
  }
}

export async function noteSuccess(db: Queryable, key: Throttled): Promise<void> {
  await store.clearThrottle(db, key.key);
}
