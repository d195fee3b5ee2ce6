// Logging a failure that repeats: while the database is away every request fails the same way,
// and a line with its stack for each one would flood the log (a fleet of phones retrying sends
// hundreds a second). The first failure is logged at once; after that at most one line per
// interval, saying how many like it were left out since the last line. Pure: the caller keeps
// the state and gives the time.

export interface RepeatLog {
  /** Before this moment (ms) a failure is counted, not logged. */
  quietUntilMs: number;
  /** Failures counted since the last line. */
  leftOut: number;
}

export const FIRST_REPEAT: RepeatLog = { quietUntilMs: -Infinity, leftOut: 0 };

/** Whether this failure gets a line (with how many were left out before it), and the state after it. */
export function sampleRepeat(
  state: RepeatLog,
  nowMs: number,
  intervalMs: number,
): { log: boolean; leftOut: number; state: RepeatLog } {
  if (nowMs < state.quietUntilMs) return { log: false, leftOut: 0, state: { ...state, leftOut: state.leftOut + 1 } };
  return { log: true, leftOut: state.leftOut, state: { quietUntilMs: nowMs + intervalMs, leftOut: 0 } };
}
