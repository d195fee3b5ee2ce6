import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FIRST_REPEAT, sampleRepeat, type RepeatLog } from "./repeat-log.ts";

function run(times: readonly number[], intervalMs: number) {
  let state: RepeatLog = FIRST_REPEAT;
  return times.map((t) => {
    const step = sampleRepeat(state, t, intervalMs);
    state = step.state;
    return { log: step.log, leftOut: step.leftOut };
  });
}

describe("logging a failure that repeats", () => {
  it("logs the first at once, then one line per interval naming how many were left out", () => {
    expect(run([0, 1, 2, 9_999, 10_000, 10_001, 25_000], 10_000)).toEqual([
      { log: true, leftOut: 0 },
      { log: false, leftOut: 0 },
      { log: false, leftOut: 0 },
      { log: false, leftOut: 0 },
      { log: true, leftOut: 3 },
      { log: false, leftOut: 0 },
      { log: true, leftOut: 1 },
    ]);
  });

  it("accounts for every failure: the lines plus those left out are all of them, and lines are an interval apart", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), (gaps) => {
        const times = gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []);
        const steps = run(times, 10_000);
        const logged = steps.filter((s) => s.log);
        expect(logged.length + logged.reduce((n, s) => n + s.leftOut, 0) + trailing(steps)).toBe(times.length);
        const at = times.filter((_, i) => steps[i]!.log);
        for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(10_000);
      }),
    );
  });
});

/** Failures after the last line, not yet reported by a line. */
const trailing = (steps: readonly { log: boolean }[]) => {
  const last = steps.map((s) => s.log).lastIndexOf(true);
  return last < 0 ? steps.length : steps.length - 1 - last;
};
