// The width a line of text takes on screen, measured by the browser's own text layout (a
// canvas), so an SVG chart can leave room for its longest figure in whatever language it is in.

let measure: CanvasRenderingContext2D | null | undefined;

/** Width in CSS pixels of `text` in `font` (a CSS font shorthand); an estimate where no canvas exists. */
export function textWidth(text: string, font: string): number {
  if (measure === undefined)
    measure = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (!measure) return text.length * 8;
  measure.font = font;
  return measure.measureText(text).width;
}

/** The page's own font family, for `textWidth`. */
export const pageFont = (): string =>
  typeof document === "undefined" ? "sans-serif" : getComputedStyle(document.body).fontFamily || "sans-serif";
