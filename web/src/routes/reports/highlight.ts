// Marks the figures of a statement inside its text, so a reader sees which words are
// ledger figures and can trace each one to the query that produced it.
export interface Segment {
  text: string;
  /** The figure this piece of text shows, if it is one. */
  figure?: string;
}

interface Figure {
  id: string;
  value: number | string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The ways a figure's value is written in a text of this language (1 234, 1,234, 1234). */
function spellings(value: number | string, lang: string): string[] {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return [];
  const formatted = new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(n);
  return [
    ...new Set([formatted, formatted.replace(/\s/g, "\u00a0"), formatted.replace(/\u00a0|\u202f/g, " "), String(n)]),
  ];
}

/** Splits `text` into plain and figure segments; each figure is marked where its value stands alone. */
export function highlightFigures(text: string, figures: readonly Figure[], lang: string): Segment[] {
  const patterns = figures.flatMap((f) => spellings(f.value, lang).map((s) => ({ id: f.id, s })));
  if (patterns.length === 0) return [{ text }];
  // Longer spellings first, so "1 234" wins over "1"; never inside a longer number.
  patterns.sort((a, b) => b.s.length - a.s.length);
  const byText = new Map<string, string>();
  for (const p of patterns) if (!byText.has(p.s)) byText.set(p.s, p.id);
  const regex = new RegExp(`(?<![\\d.,])(${[...byText.keys()].map(escape).join("|")})(?![\\d]|[.,]\\d)`, "g");
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(regex)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: match[0], figure: byText.get(match[0]) });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
