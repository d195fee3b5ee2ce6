// When the phone syncs again after "not now": never before the server's Retry-After, backing
// off when there is none, and never in a tight loop.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RETRY_AFTER_MAX_MS, RETRY_BASE_MS, RETRY_MAX_MS, RETRY_MIN_MS, retryAfterMs, retryDelayMs } from "./retry.ts";

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
