// When the phone syncs again after "not now": never before the server's Retry-After, backing
// off when there is none, and never in a tight loop.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  nextWait,
  remainingMs,
  RETRY_AFTER_MAX_MS,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
  RETRY_MIN_MS,
  RETRY_WAIT_MAX_MS,
  retryAfterMs,
  retryDelayMs,
  waitAsOf,
  type RetryWait,
} from "./retry.ts";

const NOW = Date.parse("2026-12-07T13:00:00Z");

describe("a Retry-After header", () => {
  it("reads seconds", () => {
    expect(retryAfterMs("60", NOW)).toBe(60_000);
    expect(retryAfterMs(" 3 ", NOW)).toBe(3_000);
    expect(retryAfterMs("0", NOW)).toBe(0);
  });

  it("reads an HTTP date against the answer's own Date, so a wrong phone clock does not matter", () => {
    const at = "Mon, 07 Dec 2026 13:01:30 GMT";
    expect(retryAfterMs(at, NOW)).toBe(90_000);
    // The phone's clock is two hours behind: the server's Date header still gives 30 s.
    expect(retryAfterMs(at, NOW - 2 * 3_600_000, "Mon, 07 Dec 2026 13:01:00 GMT")).toBe(30_000);
    expect(retryAfterMs("Mon, 07 Dec 2026 12:00:00 GMT", NOW), "a date passed means now").toBe(0);
  });

  it("is nothing when absent or not understood", () => {
    for (const value of [undefined, null, "", "soon", "-5", "1.5"])
      expect(retryAfterMs(value, NOW), String(value)).toBe(undefined);
  });
});

describe("the wait before the next attempt", () => {
  it("is what the server asked for, at the least", () => {
    expect(retryDelayMs(1, 60_000)).toBe(60_000);
    expect(retryDelayMs(7, 2_000)).toBe(2_000);
    expect(retryDelayMs(1, 0), "never a tight loop").toBe(RETRY_MIN_MS);
    expect(retryDelayMs(1, 86_400_000), "a day is capped").toBe(RETRY_AFTER_MAX_MS);
  });

  it("doubles from the base without a Retry-After, up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n, undefined))).toEqual([
      RETRY_BASE_MS,
      2 * RETRY_BASE_MS,
      4 * RETRY_BASE_MS,
      8 * RETRY_BASE_MS,
      16 * RETRY_BASE_MS,
      RETRY_MAX_MS,
      RETRY_MAX_MS,
      RETRY_MAX_MS,
    ]);
  });

  it("never comes before the server's time, nor below the minimum, and jitter adds at most a fifth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.option(fc.integer({ min: 0, max: 10 * RETRY_AFTER_MAX_MS }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (failures, asked, jitter) => {
          const wait = retryDelayMs(failures, asked, jitter);
          const plain = retryDelayMs(failures, asked);
          expect(wait).toBeGreaterThanOrEqual(plain);
          expect(wait).toBeLessThanOrEqual(Math.round(plain * 1.2));
          expect(plain).toBeGreaterThanOrEqual(RETRY_MIN_MS);
          if (asked !== undefined) expect(plain).toBe(Math.min(Math.max(asked, RETRY_MIN_MS), RETRY_AFTER_MAX_MS));
          else expect(plain).toBeLessThanOrEqual(RETRY_MAX_MS);
        },
      ),
    );
  });

  it("grows with each failure in a row", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        expect(retryDelayMs(n + 1, undefined)).toBeGreaterThanOrEqual(retryDelayMs(n, undefined));
      }),
    );
  });
});

describe("the wait kept across a reload", () => {
  const HOUR = 3_600_000;

  it("is an absolute time on the phone's clock, from the answer's delay, counting failures in a row", () => {
    const first = nextWait(undefined, 30_000, NOW);
    expect(first).toEqual({ failures: 1, since: NOW, until: NOW + 30_000 });
    const second = nextWait(first, undefined, NOW + 40_000);
    expect(second).toEqual({ failures: 2, since: NOW + 40_000, until: NOW + 40_000 + 2 * RETRY_BASE_MS });
    expect(remainingMs(first, NOW + 10_000)).toBe(20_000);
    expect(remainingMs(first, NOW + 31_000), "over").toBe(0);
    expect(remainingMs(undefined, NOW)).toBe(0);
  });

  it("reads back unchanged while the phone's clock runs forward", () => {
    const wait = nextWait(undefined, 30_000, NOW);
    expect(waitAsOf(wait, NOW + 5_000)).toBe(wait);
    expect(waitAsOf(wait, NOW + 2 * HOUR), "over, but the failures still count").toBe(wait);
  });

  it("starts again from now, no longer than it was, when the phone's clock went back", () => {
    const wait = nextWait(undefined, 30_000, NOW);
    // The user set the phone's clock back a day: the wait does not last a day.
    const later = waitAsOf(wait, NOW - 24 * HOUR);
    expect(later).toEqual({ failures: 1, since: NOW - 24 * HOUR, until: NOW - 24 * HOUR + 30_000 });
    expect(remainingMs(later, NOW - 24 * HOUR)).toBe(30_000);
  });

  it("is capped when what was stored asks for longer than any answer can", () => {
    const wait = waitAsOf({ failures: 3, since: NOW, until: NOW + 30 * 24 * HOUR }, NOW + 1_000);
    expect(wait).toEqual({ failures: 3, since: NOW + 1_000, until: NOW + 1_000 + RETRY_WAIT_MAX_MS });
    expect(nextWait(undefined, 86_400_000, NOW, 0.999).until - NOW).toBeLessThanOrEqual(RETRY_WAIT_MAX_MS);
  });

  it("is no wait when what was stored is not one", () => {
    for (const stored of [
      undefined,
      null,
      5,
      "soon",
      {},
      { failures: 0, since: NOW, until: NOW + 1 },
      { failures: 1.5 },
    ])
      expect(waitAsOf(stored, NOW), JSON.stringify(stored)).toBe(undefined);
    const broken = waitAsOf({ failures: 2, since: "x", until: Number.NaN }, NOW);
    expect(broken).toEqual({ failures: 2, since: NOW, until: NOW });
    expect(remainingMs(broken, NOW)).toBe(0);
  });

  const anyTime = fc.oneof(
    fc.integer({ min: NOW - 400 * 24 * HOUR, max: NOW + 400 * 24 * HOUR }),
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
    ),
  );

  it("never runs below zero nor above the cap, whatever was stored and whatever the clock says (property)", () => {
    fc.assert(
      fc.property(
        fc.record({ failures: fc.integer({ min: -2, max: 1_000 }), since: anyTime, until: anyTime }),
        fc.integer({ min: NOW - 400 * 24 * HOUR, max: NOW + 400 * 24 * HOUR }),
        (stored, now) => {
          const wait = waitAsOf(stored, now);
          const left = remainingMs(wait, now);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(RETRY_WAIT_MAX_MS);
          if (wait) {
            expect(wait.since).toBeLessThanOrEqual(now);
            expect(waitAsOf(wait, now), "reading it again changes nothing").toBe(wait);
          }
        },
      ),
    );
  });

  it("never lasts longer than the answer asked for (capped), however the clock moves after it (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.option(fc.integer({ min: 0, max: 10 * RETRY_AFTER_MAX_MS }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: -48 * HOUR, max: 48 * HOUR }), { minLength: 1, maxLength: 6 }),
        (previous, asked, jitter, moves) => {
          const before = previous === 0 ? undefined : { failures: previous, since: NOW - 1, until: NOW - 1 };
          let wait: RetryWait | undefined = nextWait(before, asked, NOW, jitter);
          const asKept = wait.until - NOW;
          expect(asKept, "exactly the delay asked for, at receipt").toBe(retryDelayMs(previous + 1, asked, jitter));
          let now = NOW;
          let left = asKept;
          for (const move of moves) {
            now += move;
            wait = waitAsOf(wait, now);
            const next = remainingMs(wait, now);
            // Never longer than it was at receipt; forward, it runs down by the time passed.
            expect(next).toBeLessThanOrEqual(asKept);
            if (move >= 0) expect(next).toBeLessThanOrEqual(Math.max(0, left - move));
            left = next;
          }
        },
      ),
    );
  });
});
