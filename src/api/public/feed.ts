// The Atom feed of an operation's publications (RFC 4287: feed id, title, updated,
// author; each entry with id, title, updated, a link to its page and its JSON), in the
// reader's language; a statement's own text stays in the language it was written in.
import { Feed } from "feed";
import type { PublicOperation } from "../../app/public-view.ts";
import { nameIn, type SnapshotContent, type StatementContent } from "../../core/publication.ts";
import { escapeHtml } from "./html.ts";
import { PUBLIC_WORDS, type PublicLang } from "./words.ts";

const FEED_WORDS = {
  en: {
    check: (seq: number, hash: string, verify: string) =>
      `Computed from ledger event ${seq}, chain hash ${hash}. Check: ${verify}`,
    title: (name: string) => `${name}: published figures`,
    description: (code: string) => `Figures and statements published from the Reliefline ledger of operation ${code}`,
    author: (name: string) => `${name} press office`,
    unloaded: (n: number) => `${n} unloaded.`,
  },
  ru: {
    check: (seq: number, hash: string, verify: string) =>
      `Вычислено по журналу на событии № ${seq}, хеш цепочки ${hash}. Проверка: ${verify}`,
    title: (name: string) => `${name}: опубликованные цифры`,
    description: (code: string) => `Цифры и пресс-релизы, опубликованные по журналу Reliefline операции ${code}`,
    author: (name: string) => `Пресс-служба: ${name}`,
    unloaded: (n: number) => `Выгружено: ${n}.`,
  },
} as const;

function summary(p: PublicOperation["publications"][number], lang: PublicLang): string {
  const F = FEED_WORDS[lang];
  const W = PUBLIC_WORDS[lang];
  const check = F.check(p.ledger.seq, p.ledger.hash, p.verify);
  const acknowledged = p.acknowledgement
    ? `\n\n${W.publishedWith(p.acknowledgement.discrepancies.length)}\n${p.acknowledgement.discrepancies.map((d) => `- ${d.explanation}`).join("\n")}\n${W.note}: ${p.acknowledgement.note}`
    : "";
  if (p.kind === "statement") return `${(p.content as StatementContent).text}${acknowledged}\n\n${check}`;
  const s = p.content as SnapshotContent;
  const progress = s.consignments
    .map((c) => {
      const inferred = c.reached.arrived - c.units.arrived;
      return `${nameIn(c, lang)}: ${W.arrivedOf(c.mode, c.reached.arrived, c.plannedUnits)}${inferred > 0 ? ` (${W.arrivedSplit(c.units.arrived, inferred)})` : ""}. ${F.unloaded(c.reached.unloaded)}`;
    })
    .join(" ");
  return `${progress}${acknowledged}\n\n${check}`;
}

/** A Host header's value that names a host: a DNS name or IPv4 address, or an IPv6 address in brackets, and a port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The origin the feed's absolute links start with, from the request's scheme and Host; none
 * when the Host names no host (anyone can send any Host, and it must not reach the feed).
 */
export function feedOrigin(protocol: string, host: string): string | undefined {
  if (!/^https?$/.test(protocol) || !HOST.test(host)) return undefined;
  const origin = `${protocol}://${host}`;
  return URL.canParse(origin) ? origin : undefined;
}

/**
 * The origin given as the public address (RELIEFLINE_PUBLIC_URL): http(s), a host, an optional
 * port, nothing after it but a slash. A mistake is said plainly rather than served in links.
 */
export function configuredOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new Error(`RELIEFLINE_PUBLIC_URL=${value} is not an address such as https://relief.example.org`);
  if (url.pathname !== "/")
    throw new Error(
      `RELIEFLINE_PUBLIC_URL=${value} has a path (${url.pathname}); Reliefline is served at the root of its address`,
    );
  return url.origin;
}

export function atomFeed(op: PublicOperation, origin: string, lang: PublicLang = "en"): string {
  const F = FEED_WORDS[lang];
  const base = `${origin}/public/${encodeURIComponent(op.code)}`;
  const name = nameIn(op, lang);
  const q = lang === "en" ? "" : `?lang=${lang}`;
  const feed = new Feed({
    id: `${base}/feed.atom`,
    title: F.title(name),
    description: F.description(op.code),
    link: `${base}${q}`,
    language: lang,
    updated: new Date(op.lastPublishedAt),
    feedLinks: { atom: `${base}/feed.atom${q}` },
    author: { name: F.author(name) },
    generator: "Reliefline",
  });
  for (const p of op.publications) {
    feed.addItem({
      id: `urn:uuid:${p.id}`,
      // The feed package writes entry titles and summaries as type="html" in CDATA: escape them,
      // so a title is shown as text by every reader (and "]]>" cannot end the CDATA section).
      title: escapeHtml(p.title),
      link: `${base}${q}#p-${p.id}`,
      date: new Date(p.publishedAt),
      published: new Date(p.publishedAt),
      description: escapeHtml(summary(p, lang)),
      content: `<pre>${escapeHtml(summary(p, lang))}</pre><p><a href="${escapeHtml(`${base}/publications/${p.id}.json`)}">JSON</a></p>`,
    });
  }
  return feed.atom1();
}
