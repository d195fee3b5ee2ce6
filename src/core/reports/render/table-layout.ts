// Column widths for a table in a fixed width. Every column starts at its natural width
// (its widest cell on one line); when the table is too wide, the widest columns give
// way first, down to their longest word, and wrap. Numbers therefore keep their width
// and short columns (dates, counts) are never squeezed.
import type { Column } from "../document.ts";
import type { Measure } from "./chart-layout.ts";

export interface TableFonts {
  body: Measure;
  header: Measure;
  size: number;
}

/** `totals` is the bold last row, if any; it is measured like the header. */
export function columnWidths(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  totals: readonly string[] | undefined,
  fonts: TableFonts,
  available: number,
  padding: number,
): number[] {
  const cellsOf = (i: number) => [
    { text: columns[i]!.header, m: fonts.header },
    ...rows.map((r) => ({ text: r[i] ?? "", m: fonts.body })),
    ...(totals ? [{ text: totals[i] ?? "", m: fonts.header }] : []),
  ];
  const natural = columns.map((_, i) => Math.max(...cellsOf(i).map((c) => c.m(c.text, fonts.size))) + 2 * padding);
  const floor = columns.map((c, i) =>
    c.align === "right"
      ? natural[i]!
      : Math.max(...cellsOf(i).flatMap((c) => c.text.split(/\s+/).map((w) => c.m(w, fonts.size)))) + 2 * padding,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) {
    // Spare room goes to the text columns, in proportion to their width.
    const flex = natural.reduce((s, w, i) => s + (columns[i]!.align === "left" ? w : 0), 0);
    return natural.map((w, i) =>
      flex === 0
        ? w + (available - total) / natural.length
        : columns[i]!.align === "left"
          ? w + ((available - total) * w) / flex
          : w,
    );
  }
  // Find the cap c with Σ max(floor, min(natural, c)) = available (bisection).
  const widthAt = (cap: number) => natural.map((w, i) => Math.max(floor[i]!, Math.min(w, cap)));
  let lo = 0,
    hi = Math.max(...natural);
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (widthAt(mid).reduce((a, b) => a + b, 0) > available) hi = mid;
    else lo = mid;
  }
  const widths = widthAt(lo);
  const sum = widths.reduce((a, b) => a + b, 0);
  // Floors alone too wide: scale everything down (words will break).
  return sum > available
    ? widths.map((w) => (w * available) / sum)
    : widths.map((w, i) => (i === widths.length - 1 ? w + available - sum : w));
}
