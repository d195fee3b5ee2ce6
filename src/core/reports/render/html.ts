// A report as one standalone HTML page: inline CSS (screen and print; the server's CSP allows it by hash), charts as
// inline SVG with a text alternative, tables with captions and header scopes, the
// ledger footer. No scripts, no external resources.
import type { Block, ReportDocument } from "../document.ts";
import { layoutBars, PALETTE } from "./chart-layout.ts";

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const n2 = (v: number) => String(Math.round(v * 100) / 100);

export function barsSvg(block: Extract<Block, { kind: "bars" }>, width = 560): string {
  const shape = layoutBars(block, width);
  const rects = shape.rects.map(
    (r) => `<rect x="${n2(r.x)}" y="${n2(r.y)}" width="${n2(r.w)}" height="${n2(r.h)}" fill="${PALETTE[r.paint]}"/>`,
  );
  const texts = shape.texts.map(
    (t) =>
      `<text x="${n2(t.x)}" y="${n2(t.y)}" font-size="${t.size}" text-anchor="${t.anchor}" dominant-baseline="central" fill="${PALETTE[t.ink]}"${t.ink === "title" ? ' font-weight="bold"' : ""}>${escapeHtml(t.text)}</text>`,
  );
  const summary = block.bars.map((b) => `${b.label}: ${b.text}`).join("; ");
  return `<svg role="img" aria-label="${escapeHtml(`${block.title}. ${summary}`)}" viewBox="0 0 ${width} ${n2(shape.height)}" width="100%" font-family="DejaVu Sans, Verdana, sans-serif" xmlns="http://www.w3.org/2000/svg">${rects.join("")}${texts.join("")}</svg>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p class="${block.tone ?? "normal"}">${escapeHtml(block.text)}</p>`;
    case "figures":
      return `<dl class="figures">${block.figures.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd><span class="value">${escapeHtml(f.value)}</span>${f.note ? `<span class="note">${escapeHtml(f.note)}</span>` : ""}</dd></div>`).join("")}</dl>`;
    case "table": {
      const cls = (i: number) => (block.columns[i]?.align === "right" ? ' class="num"' : "");
      const head = block.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.header)}</th>`).join("");
      const row = (r: readonly string[], cell: "td" | "th") =>
        `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row"${cls(i)}>${escapeHtml(v)}</th>` : `<${cell}${cls(i)}>${escapeHtml(v)}</${cell}>`)).join("")}</tr>`;
      return `<table>${block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>${block.rows.map((r) => row(r, "td")).join("")}</tbody>${block.totals ? `<tfoot>${row(block.totals, "td")}</tfoot>` : ""}</table>`;
    }
    case "bars":
      return `<figure class="chart">${barsSvg(block)}${block.note ? `<figcaption>${escapeHtml(block.note)}</figcaption>` : ""}</figure>`;
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

export const REPORT_CSS = `
:root { color: #1d2833; background: #fff; }
body { font-family: "DejaVu Sans", Verdana, "Segoe UI", sans-serif; font-size: 14px; line-height: 1.45; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.title { border-bottom: 3px solid #1f5f8b; padding-bottom: 1rem; margin-bottom: 1rem; }
header.title .kicker { color: #1f5f8b; font-weight: bold; letter-spacing: .06em; text-transform: uppercase; font-size: .8rem; margin: 0; }
h1 { font-size: 1.7rem; margin: .2rem 0 .8rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; font-size: .9rem; }
dl.meta dt { color: #5b6770; } dl.meta dd { margin: 0; }
h2 { font-size: 1.15rem; color: #1f5f8b; border-bottom: 1px solid #c9d1d8; padding-bottom: .2rem; margin: 1.8rem 0 .7rem; break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .5rem; }
p.muted { color: #5b6770; font-style: italic; }
p.notice { border-left: 4px solid #b5651d; background: #fbf3ea; padding: .5rem .8rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; margin: 0 0 1rem; }
dl.figures div { border: 1px solid #c9d1d8; border-top: 3px solid #1f5f8b; padding: .5rem .7rem; }
dl.figures dt { font-size: .8rem; color: #5b6770; } dl.figures dd { margin: 0; }
dl.figures .value { display: block; font-size: 1.6rem; font-weight: bold; }
dl.figures .note { display: block; font-size: .8rem; color: #5b6770; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e1e6ea; vertical-align: top; }
thead th { background: #eef2f5; border-bottom: 2px solid #c9d1d8; font-weight: bold; }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #c9d1d8; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
figure.chart { margin: .8rem 0 1.2rem; break-inside: avoid; }
figure.chart figcaption { font-size: .8rem; color: #5b6770; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9d1d8; padding-top: .6rem; font-size: .78rem; color: #5b6770; word-break: break-all; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.2rem; }
}
`;

export function renderHtml(doc: ReportDocument): string {
  const meta = doc.meta.map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.value)}</dd>`).join("");
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Reliefline">
<title>${escapeHtml(`${doc.title} — ${doc.subtitle}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header class="title">
<p class="kicker">${escapeHtml(doc.title)}</p>
<h1>${escapeHtml(doc.subtitle)}</h1>
<dl class="meta">${meta}</dl>
</header>
${doc.blocks.map(blockHtml).join("\n")}
<footer><p>${escapeHtml(doc.footer)}</p></footer>
</main>
</body>
</html>
`;
}
