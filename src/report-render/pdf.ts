// Any report document as a PDF (A4) with pdfkit, in DejaVu Sans so Cyrillic renders.
// Geometry that does not need the font (bar charts, column widths) is computed by the
// pure layout modules; this file only measures text and draws. The PDF's creation date
// is the report's generation time and its file id derives from it, so the same
// document renders to the same bytes.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type PDFDocumentModule from "pdfkit";
import type { Block, ReportDocument } from "../core/reports/document.ts";
import { pageOf } from "../core/reports/document.ts";
import { layoutBars, PALETTE, type Measure } from "../core/reports/render/chart-layout.ts";
import { columnWidths } from "../core/reports/render/table-layout.ts";

type PDFDoc = PDFKit.PDFDocument;
// pdfkit (with fontkit) takes a third of a second to load: only commands and requests that draw a PDF pay it.
async function loadPdfKit(): Promise<typeof PDFDocumentModule> {
  const m = (await import("pdfkit")) as unknown as {
    default: typeof PDFDocumentModule & { default?: typeof PDFDocumentModule };
  };
  return m.default.default ?? m.default;
}

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONTS = {
  regular: join(FONT_DIR, "DejaVuSans.ttf"),
  bold: join(FONT_DIR, "DejaVuSans-Bold.ttf"),
  italic: join(FONT_DIR, "DejaVuSans-Oblique.ttf"),
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 64, bottom: 72, left: 56, right: 56 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const INK = "#1d2833",
  MUTED = "#5b6770",
  ACCENT = "#1f5f8b",
  RULE = "#c9d1d8",
  SHADE = "#eef2f5",
  NOTICE = "#b5651d",
  NOTICE_BG = "#fbf3ea";

export async function renderPdf(report: ReportDocument): Promise<Buffer> {
  const created = new Date(report.generatedAt);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    // No default font: pdfkit would open DejaVu once as the default and again for every
    // font("regular") call (its cache skips a font equal to one it already has).
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    font: null as unknown as string,
    lang: report.lang,
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: `${report.title} — ${report.subtitle}`,
      Author: "Reliefline",
      Subject: report.footer,
      Creator: "Reliefline",
      Producer: "Reliefline (PDFKit)",
      CreationDate: created,
      ModDate: created,
    },
  });
  doc
    .registerFont("regular", FONTS.regular)
    .registerFont("bold", FONTS.bold)
    .registerFont("italic", FONTS.italic)
    .font("regular");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  titleBlock(doc, report);
  for (const [i, block] of report.blocks.entries()) drawBlock(doc, block, report.blocks.slice(i + 1, i + 3));
  pageFurniture(doc, report);
  doc.end();
  return done;
}

const measureWith =
  (doc: PDFDoc, font: "regular" | "bold"): Measure =>
  (text, size) =>
    doc.font(font).fontSize(size).widthOfString(text);

function ensureRoom(doc: PDFDoc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function titleBlock(doc: PDFDoc, report: ReportDocument): void {
  doc.rect(0, 0, PAGE.width, 8).fill(ACCENT);
  doc
    .font("bold")
    .fontSize(9)
    .fillColor(ACCENT)
    .text(report.title.toUpperCase(), MARGIN.left, MARGIN.top - 20, { characterSpacing: 1.2 });
  doc.moveDown(0.3).font("bold").fontSize(20).fillColor(INK).text(report.subtitle, { width: WIDTH });
  doc.moveDown(0.5);
  const labelW = Math.max(...report.meta.map((m) => measureWith(doc, "regular")(m.label, 9))) + 14;
  for (const m of report.meta) {
    const y = doc.y;
    doc.font("regular").fontSize(9).fillColor(MUTED).text(m.label, MARGIN.left, y, { width: labelW, lineBreak: false });
    doc
      .font("regular")
      .fontSize(9)
      .fillColor(INK)
      .text(m.value, MARGIN.left + labelW, y, { width: WIDTH - labelW });
    doc.moveDown(0.15);
  }
  doc.moveDown(0.6);
  doc.rect(MARGIN.left, doc.y, WIDTH, 2).fill(ACCENT);
  doc.y += 10;
}

/** Room a heading needs so it is not left alone at the foot of a page: itself, a paragraph after it, and a few lines of what comes next. */
function keepWithNext(doc: PDFDoc, next: readonly Block[]): number {
  const [first, second] = next;
  if (first?.kind === "paragraph")
    return (
      doc.font("regular").fontSize(9.5).heightOfString(first.text, { width: WIDTH }) +
      10 +
      (second?.kind === "paragraph" ? 30 : 70)
    );
  return first?.kind === "figures" ? 90 : 80;
}

function drawBlock(doc: PDFDoc, block: Block, next: readonly Block[]): void {
  doc.x = MARGIN.left;
  switch (block.kind) {
    case "heading": {
      // Keep a heading with the start of what follows it.
      ensureRoom(doc, 32 + keepWithNext(doc, next));
      doc.y += block.level === 2 ? 12 : 6;
      doc
        .font("bold")
        .fontSize(block.level === 2 ? 13 : 11)
        .fillColor(ACCENT)
        .text(block.text, MARGIN.left, doc.y, { width: WIDTH });
      if (block.level === 2)
        doc
          .moveTo(MARGIN.left, doc.y + 1)
          .lineTo(MARGIN.left + WIDTH, doc.y + 1)
          .lineWidth(0.6)
          .strokeColor(RULE)
          .stroke();
      doc.y += 7;
      return;
    }
    case "paragraph": {
      const font = block.tone === "muted" ? "italic" : "regular";
      doc.font(font).fontSize(9.5);
      if (block.tone === "notice") {
        const h = doc.heightOfString(block.text, { width: WIDTH - 20 }) + 12;
        ensureRoom(doc, h);
        const y = doc.y;
        doc.rect(MARGIN.left, y, WIDTH, h).fill(NOTICE_BG).rect(MARGIN.left, y, 3, h).fill(NOTICE);
        doc
          .font(font)
          .fontSize(9.5)
          .fillColor(INK)
          .text(block.text, MARGIN.left + 12, y + 6, { width: WIDTH - 20 });
        doc.y = y + h + 8;
        return;
      }
      ensureRoom(doc, doc.heightOfString(block.text, { width: WIDTH }));
      doc
        .fillColor(block.tone === "muted" ? MUTED : INK)
        .text(block.text, MARGIN.left, doc.y, { width: WIDTH, lineGap: 1.5 });
      doc.y += 7;
      return;
    }
    case "figures":
      return figures(doc, block);
    case "table":
      return table(doc, block);
    case "bars":
      return bars(doc, block);
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

function figures(doc: PDFDoc, block: Extract<Block, { kind: "figures" }>): void {
  const gap = 10,
    n = block.figures.length;
  const w = (WIDTH - gap * (n - 1)) / n;
  doc.font("regular").fontSize(7.5);
  const noteH = Math.max(0, ...block.figures.map((f) => (f.note ? doc.heightOfString(f.note, { width: w - 16 }) : 0)));
  const h = 50 + noteH;
  ensureRoom(doc, h);
  const y = doc.y;
  block.figures.forEach((f, i) => {
    const x = MARGIN.left + i * (w + gap);
    doc.rect(x, y, w, h).fill(SHADE).rect(x, y, w, 3).fill(ACCENT);
    doc
      .font("regular")
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(f.label, x + 8, y + 9, { width: w - 16, lineBreak: false });
    doc
      .font("bold")
      .fontSize(18)
      .fillColor(INK)
      .text(f.value, x + 8, y + 21, { width: w - 16, lineBreak: false });
    if (f.note)
      doc
        .font("regular")
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(f.note, x + 8, y + 45, { width: w - 16 });
  });
  doc.x = MARGIN.left;
  doc.y = y + h + 10;
}

function table(doc: PDFDoc, block: Extract<Block, { kind: "table" }>): void {
  const size = 8.5,
    pad = 4;
  const widths = columnWidths(
    block.columns,
    block.rows,
    block.totals,
    { body: measureWith(doc, "regular"), header: measureWith(doc, "bold"), size },
    WIDTH,
    pad,
  );
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const rowHeight = (cells: readonly string[], font: "regular" | "bold") =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(font)
          .fontSize(size)
          .heightOfString(c || " ", { width: widths[i]! - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: readonly string[], font: "regular" | "bold", fill?: string) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.rect(MARGIN.left, y, WIDTH, h).fill(fill);
    cells.forEach((c, i) =>
      doc
        .font(font)
        .fontSize(size)
        .fillColor(INK)
        .text(c, xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, align: block.columns[i]?.align ?? "left" }),
    );
    doc.y = y + h;
    return h;
  };
  const header = () => {
    drawRow(
      block.columns.map((c) => c.header),
      "bold",
      SHADE,
    );
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(MARGIN.left + WIDTH, doc.y)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
  };
  ensureRoom(
    doc,
    rowHeight(
      block.columns.map((c) => c.header),
      "bold",
    ) + rowHeight(block.rows[0] ?? [], "regular"),
  );
  if (block.caption)
    doc.font("bold").fontSize(9).fillColor(INK).text(block.caption, MARGIN.left, doc.y, { width: WIDTH }).moveDown(0.2);
  header();
  for (const row of block.rows) {
    if (doc.y + rowHeight(row, "regular") > BOTTOM) {
      doc.addPage();
      header();
    }
    drawRow(row, "regular");
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(MARGIN.left + WIDTH, doc.y)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  }
  if (block.totals) {
    ensureRoom(doc, rowHeight(block.totals, "bold"));
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(MARGIN.left + WIDTH, doc.y)
      .lineWidth(1)
      .strokeColor(INK)
      .stroke();
    drawRow(block.totals, "bold");
  }
  doc.x = MARGIN.left;
  doc.y += 10;
}

function bars(doc: PDFDoc, block: Extract<Block, { kind: "bars" }>): void {
  const shape = layoutBars(block, WIDTH, measureWith(doc, "regular"));
  doc.font("italic").fontSize(7.5);
  const noteH = block.note ? doc.heightOfString(block.note, { width: WIDTH }) + 4 : 0;
  ensureRoom(doc, shape.height + noteH + 6);
  const x0 = MARGIN.left,
    y0 = doc.y + 4;
  for (const r of shape.rects) doc.rect(x0 + r.x, y0 + r.y, r.w, r.h).fill(PALETTE[r.paint]);
  for (const t of shape.texts) {
    const font = t.ink === "title" ? "bold" : "regular";
    const w = measureWith(doc, font)(t.text, t.size);
    const x = t.anchor === "end" ? t.x - w : t.anchor === "middle" ? t.x - w / 2 : t.x;
    doc
      .font(font)
      .fontSize(t.size)
      .fillColor(PALETTE[t.ink])
      .text(t.text, x0 + x, y0 + t.y - t.size * 0.6, { lineBreak: false });
  }
  doc.x = MARGIN.left;
  doc.y = y0 + shape.height + 4;
  if (block.note)
    doc.font("italic").fontSize(7.5).fillColor(MUTED).text(block.note, MARGIN.left, doc.y, { width: WIDTH });
  doc.y += 10;
}

/** The running head (from page 2), the ledger line and "Page n of N" on every page. */
function pageFurniture(doc: PDFDoc, report: ReportDocument): void {
  const range = doc.bufferedPageRange();
  const head = report.runningHead ?? `${report.title} · ${report.subtitle}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    if (i > range.start) {
      doc
        .font("regular")
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(head, MARGIN.left, 32, { width: WIDTH, lineBreak: false });
      doc
        .moveTo(MARGIN.left, 44)
        .lineTo(MARGIN.left + WIDTH, 44)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
    }
    const y = PAGE.height - 54;
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + WIDTH, y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc
      .font("regular")
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(report.footer, MARGIN.left, y + 6, { width: WIDTH - 80 });
    doc
      .font("regular")
      .fontSize(7.5)
      .fillColor(INK)
      .text(pageOf(report, i - range.start + 1, range.count), MARGIN.left + WIDTH - 75, y + 6, {
        width: 75,
        align: "right",
        lineBreak: false,
      });
  }
}
