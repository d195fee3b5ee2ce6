// A sheet of QR labels for transport units and their pallets (A4, 2 × 5 labels), drawn
// with pdfkit: the code as squares from the QR matrix (uqr), the number in large print so
// a person can read it when the camera cannot, and what the unit carries.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type PDFDocumentModule from "pdfkit";
import { encode } from "uqr";

export interface Label {
  /** The text of the QR code (core/labels.ts). */
  code: string;
  /** The number as printed, large. */
  title: string;
  /** Smaller lines under it: kind, consignment, cargo, pallet. */
  lines: string[];
}

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const PAGE = { width: 595.28, height: 841.89 };
const GRID = { columns: 2, rows: 5, margin: 28 };
const CELL = {
  width: (PAGE.width - 2 * GRID.margin) / GRID.columns,
  height: (PAGE.height - 2 * GRID.margin) / GRID.rows,
};
const QR_SIDE = CELL.height - 24;

async function loadPdfKit(): Promise<typeof PDFDocumentModule> {
  const m = (await import("pdfkit")) as unknown as {
    default: typeof PDFDocumentModule & { default?: typeof PDFDocumentModule };
  };
  return m.default.default ?? m.default;
}

export async function renderLabelSheet(title: string, labels: readonly Label[], createdAt: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    font: null as unknown as string,
    pdfVersion: "1.7",
    info: {
      Title: title,
      Author: "Reliefline",
      Creator: "Reliefline",
      Producer: "Reliefline (PDFKit)",
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  doc
    .registerFont("regular", join(FONT_DIR, "DejaVuSans.ttf"))
    .registerFont("bold", join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const perPage = GRID.columns * GRID.rows;
  labels.forEach((label, i) => {
    if (i % perPage === 0) doc.addPage();
    const slot = i % perPage;
    const x = GRID.margin + (slot % GRID.columns) * CELL.width;
    const y = GRID.margin + Math.floor(slot / GRID.columns) * CELL.height;
    drawLabel(doc, label, x, y);
  });
  if (labels.length === 0)
    doc.addPage().font("regular").fontSize(12).text("No units to label.", GRID.margin, GRID.margin);
  doc.end();
  return done;
}

function drawLabel(doc: PDFKit.PDFDocument, label: Label, x: number, y: number): void {
  doc.lineWidth(0.5).strokeColor("#9aa5ae").dash(3, { space: 3 }).rect(x, y, CELL.width, CELL.height).stroke().undash();
  const qr = encode(label.code, { ecc: "M", border: 0 });
  const module = QR_SIDE / qr.size;
  const left = x + 12;
  const top = y + 12;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) if (qr.data[r]![c]) doc.rect(left + c * module, top + r * module, module, module);
  }
  doc.fillColor("#000000").fill();
  const textX = left + QR_SIDE + 12;
  const width = x + CELL.width - textX - 10;
  doc.font("bold").fontSize(16).fillColor("#000000").text(label.title, textX, top, { width });
  doc.font("regular").fontSize(9).fillColor("#1d2833");
  for (const line of label.lines) doc.text(line, { width });
}
