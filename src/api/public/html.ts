// The public pages as plain HTML in the reader's language (English or Russian): readable
// on a phone, no JavaScript and no inline styles (one same-origin stylesheet,
// /public/style.css: the Content-Security-Policy allows no inline style), every value escaped. They show only what
// public-view.ts gives them (published content).
import type { PublicOperation, PublicPublication } from "../../app/public-view.ts";
import { nameIn, type SnapshotContent, type StatementContent } from "../../core/publication.ts";
import { uomSymbol } from "../../core/uom.ts";
import { snapshotFigureLabel } from "../../core/snapshot-labels.ts";
import { PUBLIC_WORDS, type PublicLang } from "./words.ts";
import { ICON } from "../routes/web.routes.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const e = escapeHtml;

/** An instant as the page writes it, with its zone: "2026-01-01 00:00 UTC". */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const LOCALES: Record<PublicLang, string> = { en: "en-GB", ru: "ru-RU" };
const number = (lang: PublicLang, value: string | number) =>
  new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6 }).format(value as unknown as number);
const quantity = (lang: PublicLang, value: string, uom: string) =>
  `${number(lang, value)}\u00a0${uomSymbol(uom, lang)}`;

export const PUBLIC_STYLESHEET = "/public/style.css";
/** The app's icon, so a browser does not ask for /favicon.ico. */
const PUBLIC_ICON = ICON;

function page(lang: PublicLang, title: string, body: string, switchTo: string, head = ""): string {
  const W = PUBLIC_WORDS[lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>${head}<link rel="icon" type="image/svg+xml" href="${PUBLIC_ICON}"><link rel="stylesheet" href="${PUBLIC_STYLESHEET}"></head>
<body><main><nav class="langs" aria-label="${e(W.language)}">${languageLinks(lang, switchTo)}</nav>${body}
<footer class="muted"><p>${e(W.footer)} <a href="/public${lang === "en" ? "" : `?lang=${lang}`}">${e(W.allOperations)}</a>.</p></footer></main></body></html>
`;
}

function languageLinks(current: PublicLang, path: string): string {
  return (Object.keys(PUBLIC_WORDS) as PublicLang[])
    .map((l) =>
      l === current
        ? `<strong lang="${l}">${e(PUBLIC_WORDS[l].self)}</strong>`
        : `<a lang="${l}" hreflang="${l}" href="${e(`${path}?lang=${l}`)}">${e(PUBLIC_WORDS[l].self)}</a>`,
    )
    .join(" · ");
}

export function indexPage(
  operations: readonly {
    code: string;
    name: string;
    names?: Record<string, string>;
    lastPublishedAt: string;
    publications: number;
  }[],
  lang: PublicLang = "en",
): string {
  const W = PUBLIC_WORDS[lang];
  const q = lang === "en" ? "" : `?lang=${lang}`;
  const list =
    operations.length === 0
      ? `<p>${e(W.nothingYet)}</p>`
      : `<ul>${operations.map((o) => `<li><a href="/public/${encodeURIComponent(o.code)}${q}">${e(nameIn(o, lang))}</a> <span class="muted">(${e(o.code)}; ${e(W.publishedCount(o.publications, when(o.lastPublishedAt)))})</span></li>`).join("")}</ul>`;
  return page(lang, W.indexTitle, `<h1>${e(W.indexHeading)}</h1><p>${e(W.indexIntro)}</p>${list}`, "/public");
}

export function operationPage(op: PublicOperation, lang: PublicLang = "en"): string {
  const W = PUBLIC_WORDS[lang];
  const base = `/public/${encodeURIComponent(op.code)}`;
  const q = lang === "en" ? "" : `?lang=${lang}`;
  const name = nameIn(op, lang);
  const latest = op.publications.find((p) => p.kind === "snapshot");
  const head = `<link rel="alternate" type="application/atom+xml" title="${e(name)}" href="${base}/feed.atom${q}">`;
  const body = `<h1>${e(name)}</h1>
<p class="muted">${e(W.operation)} ${e(op.code)} · <a href="${base}/feed.atom${q}">${e(W.feed)}</a> · <a href="${base}/publications.json${q}">JSON</a></p>
${latest ? `<h2>${e(W.latest)}</h2>${snapshotSection(latest, latest.content as SnapshotContent, lang, "latest")}${acknowledgementSection(latest, lang, "latest")}` : ""}
<h2>${e(W.publications)}</h2>
${op.publications.map((p) => publicationArticle(base, p, lang)).join("\n")}`;
  return page(lang, W.operationTitle(name), body, base, head);
}

function provenance(base: string, p: PublicPublication, lang: PublicLang): string {
  const W = PUBLIC_WORDS[lang];
  return `<p class="muted">${e(W.published(when(p.publishedAt)))} · ${W.computedAt(p.ledger.seq, `<code>${e(p.ledger.hash)}</code>`)} ·
<a href="${base}/publications/${e(p.id)}.json">JSON</a></p>
<details><summary>${e(W.howToCheck)}</summary><p>${W.checkIntro}</p><pre>${e(p.verify)}</pre>
<p>${e(W.checkResult(p.ledger.seq))}</p></details>`;
}

/** The anchor of a publication's list of acknowledged discrepancies (`where`: "latest" for the one under the latest figures). */
const ackId = (p: PublicPublication, where?: string) => `ack-${where ?? p.id}`;

/**
 * The one line said beside the figures, before them: how many open discrepancies were
 * acknowledged when they were published, linking to the list after the figures.
 */
function acknowledgedLine(p: PublicPublication, lang: PublicLang, where?: string): string {
  const a = p.acknowledgement;
  if (!a) return "";
  return `<p class="acknowledged-line"><a href="#${e(ackId(p, where))}">${e(PUBLIC_WORDS[lang].acknowledgedLine(a.discrepancies.length))}</a></p>`;
}

/**
 * A touched figure's label in the page's language: a snapshot's figures are labelled again
 * from their id; a statement's keep the label of the statement's language (marked as such).
 */
function figureLabel(p: PublicPublication, f: { id: string; label: string }, lang: PublicLang): string {
  const own = p.kind === "snapshot" ? snapshotFigureLabel(f.id, p.content as SnapshotContent, lang) : undefined;
  if (own !== undefined) return e(own);
  return p.language === lang ? e(f.label) : `<span lang="${e(p.language)}">${e(f.label)}</span>`;
}

/** "Published with 18 open discrepancies: …": what the press office acknowledged, and its note, after the figures. */
function acknowledgementSection(p: PublicPublication, lang: PublicLang, where?: string): string {
  const a = p.acknowledgement;
  if (!a) return "";
  const W = PUBLIC_WORDS[lang];
  const items = a.discrepancies
    .map(
      (d) =>
        `<li><strong>${e(W.kinds[d.kind] ?? d.kind)}</strong>: ${e(d.explanation)} <span class="muted">(${e(W.touches)} ${d.figures.map((f) => figureLabel(p, f, lang)).join("; ")})</span></li>`,
    )
    .join("");
  return `<section class="acknowledged" id="${e(ackId(p, where))}" aria-label="${e(W.acknowledgedLabel)}"><p><strong>${e(W.publishedWith(a.discrepancies.length))}</strong></p>
<ul>${items}</ul><p>${e(W.note)}: ${e(a.note)}</p></section>`;
}

function publicationArticle(base: string, p: PublicPublication, lang: PublicLang): string {
  const W = PUBLIC_WORDS[lang];
  const own = p.language !== lang ? ` lang="${e(p.language)}"` : "";
  const inner =
    p.kind === "statement"
      ? statementSection(p.content as StatementContent, p.language)
      : `<p>${e(W.snapshotAbove)}</p>`;
  return `<article id="p-${e(p.id)}"><h3${own}>${e(p.title)}</h3>${provenance(base, p, lang)}${acknowledgedLine(p, lang)}${inner}${acknowledgementSection(p, lang)}</article>`;
}

function statementSection(s: StatementContent, language: string): string {
  return `<div class="statement" lang="${e(language)}">${String(s.text)
    .split(/\n{2,}/)
    .map((para) => `<p>${e(para)}</p>`)
    .join("")}</div>`;
}

const STEPS = ["loaded", "departed", "arrived", "unloaded", "received"] as const;

/** The figures, led by their "as of" and the line saying what was acknowledged (the list follows them). */
function snapshotSection(p: PublicPublication, s: SnapshotContent, lang: PublicLang, where?: string): string {
  const W = PUBLIC_WORDS[lang];
  const n = (v: string | number) => number(lang, v);
  const consignments = s.consignments
    .map((c) => {
      const name = nameIn(c, lang);
      const inferred = c.reached.arrived - c.units.arrived;
      return `
<h3>${e(name)}</h3>
<p class="big">${e(W.arrivedOf(c.mode, c.reached.arrived, c.plannedUnits))}</p>
${inferred > 0 ? `<p>${e(W.arrivedSplit(c.units.arrived, inferred))}</p>` : ""}
<p>${e(nameIn(c.origin, lang))} → ${e(nameIn(c.destination, lang))} (${e(W.modes[c.mode] ?? c.mode)})</p>
<div class="scroll"><table><caption>${e(W.unitsCaption(c.code, c.plannedUnits))}</caption>
<thead><tr><th scope="col">${e(W.step)}</th><th scope="col" class="n">${e(W.reached)}</th><th scope="col" class="n">${e(W.recorded)}</th></tr></thead><tbody>
${STEPS.map((k) => `<tr><th scope="row">${e(W.steps[k])}</th><td class="n">${e(W.ofPlanned(c.reached[k], c.plannedUnits))}</td><td class="n">${n(c.units[k])}</td></tr>`).join("")}
</tbody></table></div>
${
  c.cargo.length === 0
    ? ""
    : `<div class="scroll"><table><caption>${e(W.cargoCaption(name))}</caption>
<thead><tr><th scope="col">${e(W.item)}</th><th scope="col" class="n">${e(W.planned)}</th><th scope="col" class="n">${e(W.unloaded)}</th><th scope="col" class="n">${e(W.received)}</th></tr></thead><tbody>
${c.cargo.map((l) => `<tr><th scope="row">${e(nameIn(l.item, lang))}</th><td class="n">${e(quantity(lang, l.planned, l.uom))}</td><td class="n">${e(quantity(lang, l.unloaded, l.uom))}</td><td class="n">${e(quantity(lang, l.received, l.uom))}</td></tr>`).join("")}
</tbody></table></div>`
}`;
    })
    .join("");
  const stock =
    s.stock.length === 0
      ? `<p>${e(W.noStock)}</p>`
      : `<div class="scroll"><table><caption>${e(W.stockCaption)}</caption>
<thead><tr><th scope="col">${e(W.location)}</th><th scope="col">${e(W.item)}</th><th scope="col" class="n">${e(W.quantity)}</th></tr></thead><tbody>
${s.stock.map((b) => `<tr><td>${e(nameIn(b.location, lang))}</td><th scope="row">${e(nameIn(b.item, lang))}</th><td class="n">${e(quantity(lang, b.quantity, b.uom))}</td></tr>`).join("")}
</tbody></table></div>`;
  const hoods =
    s.neighbourhoods.length === 0
      ? `<p>${e(W.noNeeds)}</p>`
      : `<div class="scroll"><table><caption>${e(W.needsCaption)}</caption>
<thead><tr><th scope="col">${e(W.neighbourhood)}</th><th scope="col">${e(W.item)}</th><th scope="col" class="n">${e(W.needed)}</th><th scope="col" class="n">${e(W.delivered)}</th><th scope="col" class="n">${e(W.distributed)}</th><th scope="col" class="n">${e(W.stillNeeded)}</th></tr></thead><tbody>
${s.neighbourhoods.flatMap((h) => h.items.map((i) => `<tr><th scope="row">${e(nameIn(h.neighbourhood, lang))}</th><td>${e(nameIn(i.item, lang))}</td><td class="n">${e(quantity(lang, i.needed, i.uom))}</td><td class="n">${e(quantity(lang, i.dispatched, i.uom))}</td><td class="n">${e(quantity(lang, i.distributed, i.uom))}</td><td class="n">${e(quantity(lang, i.gap, i.uom))}</td></tr>`)).join("")}
</tbody></table></div>
<p>${e(W.reachedPeople(n(s.neighbourhoods.reduce((x, h) => x + h.households, 0)), n(s.neighbourhoods.reduce((x, h) => x + h.people, 0))))}</p>`;
  const title = p.language === lang ? e(p.title) : `<span lang="${e(p.language)}">${e(p.title)}</span>`;
  return `<p class="muted">${W.asOf(title, s.ledger.seq, e(when(s.computedAt)))}</p>${acknowledgedLine(p, lang, where)}${consignments}<h3>${e(W.stock)}</h3>${stock}<h3>${e(W.neighbourhoods)}</h3>${hoods}`;
}

/** The page of an operation with nothing published, in the reader's language (no server message in another). */
export function notPublishedPage(code: string, lang: PublicLang = "en"): string {
  const W = PUBLIC_WORDS[lang];
  return page(lang, W.notPublished, `<h1>${e(W.notPublished)}</h1><p>${e(W.nothingPublishedFor(code))}</p>`, "/public");
}

/** The public pages' stylesheet, served from the same origin (no inline styles). */
export const PUBLIC_CSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;--accent:#0b5394;--warn:#8a4b00}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#bbb;--line:#444;--accent:#8ab4f8;--warn:#ffcc80}}
*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.2}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}
a{color:var(--accent)}.muted{color:var(--muted)}.big{font-size:1.4rem;font-weight:600;margin-bottom:0}.langs{text-align:right;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;white-space:pre-wrap}
pre{background:color-mix(in srgb,var(--fg) 7%,transparent);padding:.5rem;border-radius:4px}
.acknowledged{border-left:4px solid var(--warn);padding:.25rem .75rem;margin:1rem 0}.acknowledged-line{border-left:4px solid var(--warn);padding:.1rem .75rem}
article{border-top:2px solid var(--line);padding-top:.5rem;margin-top:1.5rem}.statement p{max-width:40rem}
footer{margin-top:3rem;font-size:.9rem}
`;
