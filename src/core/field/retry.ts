// When the phone tries a sync again after the server answered "not now" (sendAgainLater in
// sync-plan.ts: 408, 429, 5xx, 507 for a full disk). The server's Retry-After, in seconds or as
// an HTTP date, is the earliest next attempt; without one the phone backs off, doubling from
// RETRY_BASE_MS up to RETRY_MAX_MS. Either way it never tries sooner than RETRY_MIN_MS, so a
// server answering at once can not draw the phone into a tight loop. Pure: the caller gives the
// clock and the jitter.

/** The first wait without a Retry-After, doubled at each "not now" in a row. */
export const RETRY_BASE_MS = 2_000;
/** The longest wait without a Retry-After: as long as the phone's own periodic sync. */
export const RETRY_MAX_MS = 60_000;
/** The shortest wait, whatever the server says. */
export const RETRY_MIN_MS = 1_000;
/** The longest wait the phone accepts from a Retry-After; the user may still press "Sync now". */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * The delay a Retry-After value asks for, in milliseconds, or undefined when there is none or it
 * is not understood. An HTTP date is measured against the answer's own Date header when it has
 * one (the server's clock against the server's clock: the phone's may be wrong), else against `now`.
 */
export function retryAfterMs(
  value: string | null | undefined,
  now: number,
  answeredAt?: string | null,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date starts with the day's name ("Mon, 07 Dec 2026 13:01:30 GMT").
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return undefined;
  const from = answeredAt ? Date.parse(answeredAt) : NaN;
  return Math.max(0, at - (Number.isNaN(from) ? now : from));
}

/**
 * The wait before the next attempt after `failures` "not now" answers in a row (1 for the first),
 * given the last answer's Retry-After delay if any. `jitter` in [0, 1) spreads phones that failed
 * together by up to a fifth of the wait, after the earliest time the server asked for.
 */
export function retryDelayMs(failures: number, retryAfter: number | undefined, jitter = 0): number {
  const spread = (ms: number) => Math.round(ms * (1 + Math.min(Math.max(jitter, 0), 0.999) / 5));
  if (retryAfter !== undefined) return spread(Math.min(Math.max(retryAfter, RETRY_MIN_MS), RETRY_AFTER_MAX_MS));
  const doubled = RETRY_BASE_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 30);
  return spread(Math.max(RETRY_MIN_MS, Math.min(doubled, RETRY_MAX_MS)));
}

/** The longest wait retryDelayMs gives (the longest Retry-After, with the most jitter): a stored wait never exceeds it. */
export const RETRY_WAIT_MAX_MS = Math.round(RETRY_AFTER_MAX_MS * 1.2);

/**
 * A wait after "not now", as the phone keeps it across a reload: how many "not now" answers in a
 * row, and from when until when by the phone's own clock (the server's time, read against its
 * own Date header, turned into the phone's clock when the answer came).
 */
export interface RetryWait {
  failures: number;
  since: number;
  until: number;
}

const clampWait = (ms: number) => (Number.isFinite(ms) ? Math.min(Math.max(ms, 0), RETRY_WAIT_MAX_MS) : 0);

/** The wait after one more "not now" answered at `now`, given the one before (if any) and this answer's Retry-After delay. */
export function nextWait(
  previous: RetryWait | undefined,
  retryAfter: number | undefined,
  now: number,
  jitter = 0,
): RetryWait {
  const failures = (previous?.failures ?? 0) + 1;
  return { failures, since: now, until: now + clampWait(retryDelayMs(failures, retryAfter, jitter)) };
}

/**
 * A stored wait as the phone's clock reads `now`, or undefined when what was stored is no wait.
 * It never lasts longer from now than RETRY_WAIT_MAX_MS, nor longer than it was when it started:
 * if the clock went back past its start (the user set the phone's time), it is moved to start
 * now, so a clock set back a day does not stop syncing for a day. Unchanged (the same object)
 * while the clock runs forward; the caller stores a changed one.
 */
export function waitAsOf(stored: unknown, now: number): RetryWait | undefined {
  if (typeof stored !== "object" || stored === null) return undefined;
  const { failures, since, until } = stored as Partial<Record<keyof RetryWait, unknown>>;
  if (typeof failures !== "number" || !Number.isSafeInteger(failures) || failures < 1) return undefined;
  if (typeof since !== "number" || typeof until !== "number" || !Number.isFinite(since) || !Number.isFinite(until))
    return { failures, since: now, until: now };
  if (now >= since && until - now <= RETRY_WAIT_MAX_MS) return stored as RetryWait;
  return { failures, since: now, until: now + clampWait(until - Math.max(now, since)) };
}

/** How long a wait still has to run at `now`: 0 when there is none or it is over, never above RETRY_WAIT_MAX_MS. */
export const remainingMs = (wait: RetryWait | undefined, now: number): number =>
  wait ? clampWait(wait.until - now) : 0;
