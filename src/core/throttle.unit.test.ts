import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACCOUNT_POLICY, lockSeconds } from "./throttle.ts";

describe("the lock after failed sign-ins", () => {
  it("lets the first failures through, then doubles the lock with each failure up to the ceiling", () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(n, ACCOUNT_POLICY))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11].map((n) => lockSeconds(n, ACCOUNT_POLICY))).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  it("never shortens as failures grow, and never passes the ceiling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(lockSeconds(n + 1, ACCOUNT_POLICY)).toBeGreaterThanOrEqual(lockSeconds(n, ACCOUNT_POLICY));
        expect(lockSeconds(n, ACCOUNT_POLICY)).toBeLessThanOrEqual(ACCOUNT_POLICY.maxSeconds);
      }),
    );
  });
});
