// A report as plain text for a terminal or an e-mail: aligned tables with long cells
// wrapped inside their column, bar charts drawn with block characters.
import type { Block, ReportDocument } from "../document.ts";

const WIDTH = 100;
const MAX_CELL = 46;

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

const pad = (s: string, width: number, align: "left" | "right") =>
  align === "right" ? s.padStart(width) : s.padEnd(width);

export function textTable(block: Extract<Block, { kind: "table" }>): string[] {
  const all = [block.columns.map((c) => c.header), ...block.rows, ...(block.totals ? [block.totals] : [])];
  const widths = block.columns.map((_, i) => Math.min(MAX_CELL, Math.max(...all.map((r) => (r[i] ?? "").length))));
  const render = (row: readonly string[]) => {
    const cells = block.columns.map((c, i) => wrap(row[i] ?? "", widths[i]!));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) =>
      block.columns
        .map((c, i) => pad(cells[i]![k] ?? "", widths[i]!, c.align))
        .join("  ")
        .trimEnd(),
    );
  };
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [
    ...(block.caption ? [block.caption] : []),
    ...render(block.columns.map((c) => c.header)),
    rule,
    ...block.rows.flatMap(render),
  ];
  if (block.totals) out.push(rule, ...render(block.totals));
  return out;
}

export function textBars(block: Extract<Block, { kind: "bars" }>): string[] {
  const labelWidth = Math.min(28, Math.max(...block.bars.map((b) => b.label.length)));
  const barWidth = 30;
  const out = [block.title];
  for (const b of block.bars) {
    const [first = 0, second] = b.values;
    const solid = Math.round((Math.min(first, block.max) / block.max) * barWidth);
    const light =
      second === undefined ? 0 : Math.max(0, Math.round((Math.min(second, block.max) / block.max) * barWidth) - solid);
    const bar = "█".repeat(solid) + "▒".repeat(light) + "·".repeat(Math.max(0, barWidth - solid - light));
    out.push(`${b.label.slice(0, labelWidth).padEnd(labelWidth)}  ${bar}  ${b.text}`);
  }
  if (block.series.length > 1) out.push(`${" ".repeat(labelWidth)}  █ ${block.series[0]}   ▒ ${block.series[1]}`);
  if (block.note) out.push(...wrap(block.note, WIDTH));
  return out;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "heading":
      return block.level === 2
        ? [block.text.toUpperCase(), "=".repeat(block.text.length)]
        : [block.text, "-".repeat(block.text.length)];
    case "paragraph":
      return wrap(block.tone === "notice" ? `! ${block.text}` : block.text, WIDTH);
    case "figures": {
      const width = Math.max(...block.figures.map((f) => f.label.length));
      return block.figures.map(
        (f) => `${f.label.padEnd(width)}  ${f.value.padStart(6)}${f.note ? `  (${f.note})` : ""}`,
      );
    }
    case "table":
      return textTable(block);
    case "bars":
      return textBars(block);
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

export function renderText(doc: ReportDocument): string {
  const metaWidth = Math.max(...doc.meta.map((m) => m.label.length));
  const lines = [
    doc.title.toUpperCase(),
    doc.subtitle,
    "",
    ...doc.meta.map((m) => `${m.label.padEnd(metaWidth)}  ${m.value}`),
    "",
  ];
  for (const block of doc.blocks) {
    if (block.kind === "heading") lines.push("");
    lines.push(...blockLines(block), "");
  }
  lines.push("-".repeat(WIDTH), ...wrap(doc.footer, WIDTH));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
