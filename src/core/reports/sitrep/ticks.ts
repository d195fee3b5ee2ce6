// Axes for the report's bar charts: round maxima and evenly spaced ticks.
import type { Tick } from "../document.ts";
import type { Formatter } from "./format.ts";

/** A round upper bound for a count axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= n)!;
}

/** Ticks at 1, 2 or 5 × 10ⁿ, at most six of them, up to a nice maximum. */
export function countTicks(f: Formatter, max: number): Tick[] {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, max / 5)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => max / s <= 5)!;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => ({ value: i * step, label: f.number(i * step) }));
}

export const percentTicks = (f: Formatter): Tick[] =>
  [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: f.percent(v) }));
