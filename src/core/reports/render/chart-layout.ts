// The geometry of a horizontal bar chart, shared by the SVG (HTML) and PDF renderers:
// rectangles and text anchors in points, y growing downwards. Text positions are the
// vertical middle of the text; each renderer places its glyphs from there.
import type { Block } from "../document.ts";

export type Paint = "primary" | "secondary" | "track" | "grid";
export type Ink = "title" | "label" | "value" | "axis" | "muted";

export interface Shape {
  rects: { x: number; y: number; w: number; h: number; paint: Paint }[];
  texts: { x: number; y: number; text: string; anchor: "start" | "end" | "middle"; size: number; ink: Ink }[];
  width: number;
  height: number;
}

export const PALETTE: Record<Paint | Ink, string> = {
  primary: "#1f5f8b",
  secondary: "#a9c7de",
  track: "#eef2f5",
  grid: "#c9d1d8",
  title: "#1d2833",
  label: "#1d2833",
  value: "#1d2833",
  axis: "#5b6770",
  muted: "#5b6770",
};

/** Width of `text` at `size` points; renderers with a font pass the real measure. */
export type Measure = (text: string, size: number) => number;
export const approximateMeasure: Measure = (text, size) => text.length * size * 0.56;

/** `text` shortened with an ellipsis to fit `width`. */
export function fit(text: string, width: number, size: number, measure: Measure): string {
  if (measure(text, size) <= width + 0.5) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Words of `text` in lines that fit `width`. */
export function wrapToWidth(text: string, width: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && measure(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  return [...lines, line];
}

export function layoutBars(
  block: Extract<Block, { kind: "bars" }>,
  width: number,
  measure: Measure = approximateMeasure,
): Shape {
  const titleSize = 10,
    labelSize = 8.5,
    axisSize = 7.5;
  const row = 18,
    barH = 10;
  const labelW = Math.min(width * 0.3, Math.max(...block.bars.map((b) => measure(b.label, labelSize))) + 10);
  const textW = Math.min(width * 0.34, Math.max(...block.bars.map((b) => measure(b.text, labelSize))) + 10);
  const plotX = labelW,
    plotW = width - labelW - textW;
  const title = wrapToWidth(block.title, width, titleSize, measure);
  const top = 10 + title.length * 13;
  const shape: Shape = { rects: [], texts: [], width, height: 0 };
  title.forEach((line, i) =>
    shape.texts.push({ x: 0, y: 7 + i * 13, text: line, anchor: "start", size: titleSize, ink: "title" }),
  );
  const xOf = (v: number) => plotX + (Math.max(0, Math.min(v, block.max)) / block.max) * plotW;
  const plotBottom = top + block.bars.length * row;
  for (const t of block.ticks)
    shape.rects.push({ x: xOf(t.value) - 0.25, y: top - 2, w: 0.5, h: plotBottom - top + 4, paint: "grid" });
  block.bars.forEach((b, i) => {
    const mid = top + i * row + row / 2;
    shape.texts.push({
      x: labelW - 6,
      y: mid,
      text: fit(b.label, labelW - 8, labelSize, measure),
      anchor: "end",
      size: labelSize,
      ink: "label",
    });
    shape.rects.push({ x: plotX, y: mid - barH / 2, w: plotW, h: barH, paint: "track" });
    const [first = 0, second] = b.values;
    if (second !== undefined && second > 0)
      shape.rects.push({ x: plotX, y: mid - barH / 2, w: xOf(second) - plotX, h: barH, paint: "secondary" });
    if (first > 0) {
      const h = second === undefined ? barH : barH * 0.55;
      shape.rects.push({ x: plotX, y: mid - h / 2, w: Math.max(1, xOf(first) - plotX), h, paint: "primary" });
    }
    shape.texts.push({
      x: plotX + plotW + 6,
      y: mid,
      text: fit(b.text, textW - 8, labelSize, measure),
      anchor: "start",
      size: labelSize,
      ink: "value",
    });
  });
  for (const t of block.ticks)
    shape.texts.push({
      x: xOf(t.value),
      y: plotBottom + 9,
      text: t.label,
      anchor: "middle",
      size: axisSize,
      ink: "axis",
    });
  let y = plotBottom + 22;
  if (block.series.length > 1) {
    let x = plotX;
    block.series.forEach((name, i) => {
      shape.rects.push({ x, y: y - 4, w: 10, h: 8, paint: i === 0 ? "primary" : "secondary" });
      shape.texts.push({ x: x + 14, y, text: name, anchor: "start", size: axisSize, ink: "muted" });
      x += 14 + measure(name, axisSize) + 18;
    });
    y += 14;
  }
  shape.height = y - 4;
  return shape;
}
