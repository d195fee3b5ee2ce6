// The Atom feed of an operation's publications (RFC 4287: feed id, title, updated,
// author; each entry with id, title, updated, a link to its page and its JSON).
import { Feed } from "feed";
import type { PublicOperation } from "../../app/public-view.ts";
import type { SnapshotContent, StatementContent } from "../../core/publication.ts";
import { escapeHtml } from "./html.ts";

function summary(p: PublicOperation["publications"][number]): string {
  const check = `Computed from ledger event ${p.ledger.seq}, chain hash ${p.ledger.hash}. Check: ${p.verify}`;
  if (p.kind === "statement") return `${(p.content as StatementContent).text}\n\n${check}`;
  const s = p.content as SnapshotContent;
  const progress = s.consignments.map((c) => `${c.name}: ${c.units.arrived} of ${c.plannedUnits} units arrived, ${c.units.unloaded} unloaded.`).join(" ");
  return `${progress}\n\n${check}`;
}

export function atomFeed(op: PublicOperation, origin: string): string {
  const base = `${origin}/public/${encodeURIComponent(op.code)}`;
  const feed = new Feed({
    id: `${base}/feed.atom`,
    title: `${op.name}: published figures`,
    description: `Figures and statements published from the Reliefline ledger of operation ${op.code}`,
    link: base,
    updated: new Date(op.lastPublishedAt),
    feedLinks: { atom: `${base}/feed.atom` },
    author: { name: `${op.name} press office` },
    generator: "Reliefline",
  });
  for (const p of op.publications) {
    feed.addItem({
      id: `urn:uuid:${p.id}`,
      // The feed package writes entry titles and summaries as type="html" in CDATA: escape them,
      // so a title is shown as text by every reader (and "]]>" cannot end the CDATA section).
      title: escapeHtml(p.title),
      link: `${base}#p-${p.id}`,
      date: new Date(p.publishedAt),
      published: new Date(p.publishedAt),
      description: escapeHtml(summary(p)),
      content: `<pre>${escapeHtml(summary(p))}</pre><p><a href="${escapeHtml(`${base}/publications/${p.id}.json`)}">JSON</a></p>`,
    });
  }
  return feed.atom1();
}
