// How long to refuse an account, an address or a password change after failed tries:
// a few failures are free, then each one locks for twice as long as the one before, up
// to a ceiling. Pure: the store keeps the counts, the caller brings the clock.

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  free: number;
  /** The first lock, in seconds; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
  /** A failure longer ago than this starts the count again. */
  forgetAfterSeconds: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseSeconds: 30, maxSeconds: 900, forgetAfterSeconds: 3600 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, baseSeconds: 30, maxSeconds: 900, forgetAfterSeconds: 3600 };
export const PASSWORD_CHANGE_POLICY: ThrottlePolicy = ACCOUNT_POLICY;

/** Seconds to lock after the `failures`-th consecutive failure (0: not locked). */
export function lockSeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  const doublings = Math.min(failures - policy.free, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** doublings);
}
