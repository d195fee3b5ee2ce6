// The planner's time budget, read from a clock the shell passes in: the core reads no clock of its
// own, so given the clock's readings a plan (or its stop at the deadline) is the same every time.
// The allocation worker passes `Date.now`; tests pass a fake clock.

/** Milliseconds since any fixed origin. */
export type Clock = () => number;

export interface Deadline {
  /** Seconds left before the deadline by the clock (≤ 0 once it has passed). */
  secondsLeft(): number;
}

/** The deadline `seconds` after the clock's reading now. */
export function deadlineAfter(seconds: number, clock: Clock): Deadline {
  const end = clock() + seconds * 1000;
  return { secondsLeft: () => (end - clock()) / 1000 };
}
