// The public pages as plain HTML: readable on a phone, no JavaScript, one same-origin
// stylesheet (/public/style.css: the Content-Security-Policy allows no inline style), every
// value escaped. They show only what public-view.ts gives them (published content).
import type { PublicOperation, PublicPublication } from "../../app/public-view.ts";
import type { SnapshotContent, StatementContent } from "../../core/publication.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const e = escapeHtml;

const UNIT_SYMBOLS: Record<string, string> = { MTQ: "m³", MTK: "m²", TNE: "t", KGM: "kg", LTR: "l", H87: "pcs", C62: "pcs", PR: "pairs", SET: "sets" };
const unit = (uom: string) => UNIT_SYMBOLS[uom] ?? uom;
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export const PUBLIC_CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;--accent:#0b5394}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#bbb;--line:#444;--accent:#8ab4f8}}
*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.2}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}
a{color:var(--accent)}.muted{color:var(--muted)}.big{font-size:1.4rem;font-weight:600}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;white-space:pre-wrap}
pre{background:color-mix(in srgb,var(--fg) 7%,transparent);padding:.5rem;border-radius:4px}
article{border-top:2px solid var(--line);padding-top:.5rem;margin-top:1.5rem}.statement p{max-width:40rem}
footer{margin-top:3rem;font-size:.9rem}`;

function page(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>${head}<link rel="stylesheet" href="/public/style.css"></head>
<body><main>${body}
<footer class="muted"><p>Published with Reliefline. Every figure is computed from the operation's tamper-evident ledger at the sequence number and hash shown beside it.
<a href="/public">All operations with published figures</a>.</p></footer></main></body></html>
`;
}

export function indexPage(operations: readonly { code: string; name: string; lastPublishedAt: string; publications: number }[]): string {
  const list = operations.length === 0
    ? `<p>Nothing has been published yet.</p>`
    : `<ul>${operations.map((o) => `<li><a href="/public/${encodeURIComponent(o.code)}">${e(o.name)}</a> <span class="muted">(${e(o.code)}; ${o.publications} published, latest ${e(when(o.lastPublishedAt))})</span></li>`).join("")}</ul>`;
  return page("Published figures — Reliefline", `<h1>Published figures</h1><p>Operations whose press office has published figures from their ledger.</p>${list}`);
}

export function operationPage(op: PublicOperation): string {
  const base = `/public/${encodeURIComponent(op.code)}`;
  const latest = op.publications.find((p) => p.kind === "snapshot");
  const head = `<link rel="alternate" type="application/atom+xml" title="${e(op.name)}" href="${base}/feed.atom">`;
  const body = `<h1>${e(op.name)}</h1>
<p class="muted">Operation ${e(op.code)} · <a href="${base}/feed.atom">Atom feed</a> · <a href="${base}/publications.json">JSON</a></p>
${latest ? `<h2>Latest figures</h2>${snapshotSection(latest, latest.content as SnapshotContent)}` : ""}
<h2>Publications</h2>
${op.publications.map((p) => publicationArticle(base, p)).join("\n")}`;
  return page(`${op.name} — published figures`, body, head);
}

function provenance(base: string, p: PublicPublication): string {
  return `<p class="muted">Published ${e(when(p.publishedAt))} · computed from ledger event <strong>${p.ledger.seq}</strong>, chain hash <code>${e(p.ledger.hash)}</code> ·
<a href="${base}/publications/${e(p.id)}.json">JSON</a></p>
<details><summary>How to check this</summary><p>Get an export of the operation's ledger (<code>reliefline export ledger</code>) and run:</p><pre>${e(p.verify)}</pre>
<p>It recomputes every hash in the export and confirms that this hash is the ledger's head at event ${p.ledger.seq}.</p></details>`;
}

function publicationArticle(base: string, p: PublicPublication): string {
  const lang = p.language !== "en" ? ` lang="${e(p.language)}"` : "";
  const inner = p.kind === "statement" ? statementSection(p.content as StatementContent) : `<p>Snapshot of the figures; the latest is shown above.</p>`;
  return `<article id="p-${e(p.id)}"><h3${lang}>${e(p.title)}</h3>${provenance(base, p)}${inner}</article>`;
}

function statementSection(s: StatementContent): string {
  return `<div class="statement">${String(s.text).split(/\n{2,}/).map((para) => `<p>${e(para)}</p>`).join("")}</div>`;
}

function snapshotSection(p: PublicPublication, s: SnapshotContent): string {
  const consignments = s.consignments.map((c) => `
<h3>${e(c.name)}</h3>
<p class="big">${c.units.arrived} of ${c.plannedUnits} units arrived</p>
<p>${e(c.origin.name)} → ${e(c.destination.name)} (${e(c.mode)})</p>
<div class="scroll"><table><caption>Transport units of ${e(c.code)}, ${c.plannedUnits} planned</caption>
<thead><tr><th scope="col">Step</th><th scope="col" class="n">Recorded</th><th scope="col" class="n">At this step or later</th></tr></thead><tbody>
${(["loaded", "departed", "arrived", "unloaded", "received"] as const).map((k) => `<tr><th scope="row">${k}</th><td class="n">${c.units[k]} of ${c.plannedUnits}</td><td class="n">${c.reached[k]}</td></tr>`).join("")}
</tbody></table></div>
${c.cargo.length === 0 ? "" : `<div class="scroll"><table><caption>Cargo of ${e(c.code)}</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="n">Planned</th><th scope="col" class="n">Unloaded</th><th scope="col" class="n">Received</th></tr></thead><tbody>
${c.cargo.map((l) => `<tr><th scope="row">${e(l.item.name)}</th><td class="n">${e(l.planned)} ${e(unit(l.uom))}</td><td class="n">${e(l.unloaded)} ${e(unit(l.uom))}</td><td class="n">${e(l.received)} ${e(unit(l.uom))}</td></tr>`).join("")}
</tbody></table></div>`}`).join("");
  const stock = s.stock.length === 0 ? "<p>No stock held at the hubs.</p>" : `<div class="scroll"><table><caption>Stock at the hubs</caption>
<thead><tr><th scope="col">Location</th><th scope="col">Item</th><th scope="col" class="n">Quantity</th></tr></thead><tbody>
${s.stock.map((b) => `<tr><td>${e(b.location.name)}</td><th scope="row">${e(b.item.name)}</th><td class="n">${e(b.quantity)} ${e(unit(b.uom))}</td></tr>`).join("")}
</tbody></table></div>`;
  const hoods = s.neighbourhoods.length === 0 ? "<p>No needs or distributions recorded yet.</p>" : `<div class="scroll"><table><caption>Needs and distributions by neighbourhood</caption>
<thead><tr><th scope="col">Neighbourhood</th><th scope="col">Item</th><th scope="col" class="n">Needed</th><th scope="col" class="n">Delivered</th><th scope="col" class="n">Distributed</th><th scope="col" class="n">Still needed</th></tr></thead><tbody>
${s.neighbourhoods.flatMap((n) => n.items.map((i) => `<tr><th scope="row">${e(n.neighbourhood.name)}</th><td>${e(i.item.name)}</td><td class="n">${e(i.needed)} ${e(unit(i.uom))}</td><td class="n">${e(i.dispatched)}</td><td class="n">${e(i.distributed)}</td><td class="n">${e(i.gap)}</td></tr>`)).join("")}
</tbody></table></div>
<p>Households reached: ${s.neighbourhoods.reduce((n, h) => n + h.households, 0)}; people reached: ${s.neighbourhoods.reduce((n, h) => n + h.people, 0)}.</p>`;
  return `<p class="muted">${e(p.title)} — as of ledger event ${s.ledger.seq} (computed ${e(when(s.computedAt))}).</p>${consignments}<h3>Stock</h3>${stock}<h3>Neighbourhoods</h3>${hoods}`;
}

export function notFoundPage(message: string, status: number): string {
  return page(status === 410 ? "Withdrawn" : "Not published", `<h1>${status === 410 ? "Withdrawn" : "Not published"}</h1><p>${e(message)}</p>`);
}
