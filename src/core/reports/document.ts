// A report as a list of blocks, independent of how it is shown: the situation report
// and the press statement build one, and the text, HTML and PDF renderers draw any of
// them. Every string in a document is already translated and formatted; renderers
// lay it out and never compute a figure.

export type Lang = "en" | "ru";
export const LANGS: readonly Lang[] = ["en", "ru"];

export type Align = "left" | "right";

export interface Column {
  header: string;
  align: Align;
}

export interface Figure {
  label: string;
  value: string;
  /** A short line under the value, e.g. "of 54 planned". */
  note?: string;
}

export interface Bar {
  label: string;
  /** One value per series, in the chart's scale (0…max). */
  values: number[];
  /** What is written at the end of the bar, e.g. "79 %" or "300 m³". */
  text: string;
}

export interface Tick {
  value: number;
  label: string;
}

export type Block =
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "paragraph"; text: string; tone?: "normal" | "muted" | "notice" }
  | { kind: "figures"; figures: Figure[] }
  | { kind: "table"; caption?: string; columns: Column[]; rows: string[][]; totals?: string[] }
  /** A horizontal bar chart; the first series is drawn solid, a second as a lighter bar behind it. */
  | { kind: "bars"; title: string; series: string[]; max: number; ticks: Tick[]; bars: Bar[]; note?: string };

export interface ReportDocument {
  lang: Lang;
  /** "Situation report". */
  title: string;
  /** The operation's name, shown under the title. */
  subtitle: string;
  /** Label/value pairs of the title block: operation, period, generated at. */
  meta: { label: string; value: string }[];
  blocks: Block[];
  /** The line at the head of every page after the first (default: title · subtitle). */
  runningHead?: string;
  /** The line at the foot of every page: the ledger sequence and head hash the figures come from. */
  footer: string;
  /** "Page {n} of {total}" in the document's language, with both placeholders. */
  pageLabel: string;
  /** When the document was generated (ISO 8601): also the PDF's creation date, so renders are repeatable. */
  generatedAt: string;
  /** A file name without extension, e.g. "sitrep-STP-RAIL-2020-2020-12-01-2020-12-19-en". */
  fileName: string;
}

export const pageOf = (doc: Pick<ReportDocument, "pageLabel">, n: number, total: number): string =>
  doc.pageLabel.replace("{n}", String(n)).replace("{total}", String(total));
