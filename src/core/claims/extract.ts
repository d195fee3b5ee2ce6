// Reading a text for claims: sentence by sentence, each mention (./mentions.ts) becomes a
// claim with its step (the nearest step word, or the one the paragraph was about), its
// day (a date in the sentence, "so far" to the text's date, or the day the paragraph is
// about), the places named near it, and whether it is asserted at all (not negated, not
// about the future).
import type { Claim, Span, Unreadable, When } from "./model.ts";
import type { ClaimsCatalogue } from "./names.ts";
import { itemEntries, locationEntries, matchLocations, stemsOf } from "./names.ts";
import { mentionsIn, type Mention } from "./mentions.ts";
import {
  BY_DATE_PHRASES,
  CUMULATIVE_PHRASES,
  FUTURE,
  SAME_DAY_PHRASES,
  UOM_FACTORS,
  isNegation,
  phraseAt,
  stepOf,
  type Step,
} from "./lexicon.ts";
import { datesIn, readDate, type DateRead } from "./dates.ts";
import { sentences, tokenise, type Sentence, type Token } from "./text.ts";
import { countSteps } from "./work.ts";

export interface ExtractOptions {
  /** The day the text speaks from (YYYY-MM-DD): "so far" and "yesterday" are taken from it. */
  textDate: string;
  catalogue: ClaimsCatalogue;
}

/** At most this many claims are read from one text. */
export const MAX_CLAIMS = 500;

/**
 * A date on the text's first line (a dateline such as "MOSCOW, December 20." or "date 2020-12-20"), if any.
 * A day written without its year is taken in `year` (the caller's clock or ledger says which; the core has none).
 */
export function readTextDate(text: string, year: number): string | undefined {
  const firstLine = text.trimStart().split(/\n/)[0]?.slice(0, 200) ?? "";
  const tokens = tokenise(firstLine);
  const ref = `${year}-12-31`;
  for (let i = 0; i < tokens.length; i++) {
    const d = readDate(tokens, i, ref);
    if (d && !d.relative) return d.date;
  }
  return undefined;
}

/**
 * The text's date as `readTextDate` reads it, except that a day written without its year is
 * taken in the latest year that does not put it after `today`: a text is written on or before
 * the day it is read ("MOSCOW, December 20." read on 7 December 2026 is 20 December 2025, not a
 * day to come). A day written with its year stays as written, even after today.
 */
export function readTextDateBy(text: string, year: number, today: string): string | undefined {
  const read = readTextDate(text, year);
  if (read === undefined || read <= today) return read;
  const yearBefore = readTextDate(text, year - 1);
  return yearBefore !== undefined && yearBefore !== read && yearBefore <= today ? yearBefore : read;
}

interface Context {
  paragraph: number;
  /** A day an earlier sentence of this paragraph was about. */
  date?: string;
  /** The step an earlier sentence of this paragraph was about. */
  step?: Step;
  /** The last day any sentence named. */
  lastDate?: string;
}

export function extractClaims(text: string, options: ExtractOptions): Claim[] {
  const { textDate, catalogue } = options;
  const itemNames = itemEntries(catalogue.items);
  const equipmentNames = itemEntries(catalogue.items.filter((i) => i.kind === "equipment"));
  const placeNames = locationEntries(catalogue.locations);
  const claims: Claim[] = [];
  let ctx: Context = { paragraph: -1 };
  for (const s of sentences(text)) {
    if (s.paragraph !== ctx.paragraph)
      ctx = { paragraph: s.paragraph, ...(ctx.lastDate && { lastDate: ctx.lastDate }) };
    const tokens = s.tokens;
    countSteps(tokens.length);
    const dates = datesIn(tokens, textDate);
    const dateTokens = new Set(dates.flatMap((d) => range(d.start, d.next)));
    const mentions = mentionsIn(tokens, {
      lang: s.lang,
      items: catalogue.items,
      itemNames,
      equipmentNames,
      dateTokens,
    });
    const steps = tokens
      .map((t, i) => ({ i, step: stepOf(t) }))
      .filter((x): x is { i: number; step: Step } => x.step !== undefined && !dateTokens.has(x.i));
    const places = matchLocations(stemsOf(s.tokens.map((t) => t.text).join(" ")), placeNames);
    const top = places.filter((p) => p.score === places[0]?.score).map((p) => p.code);
    const phrases = phrasesIn(tokens);
    for (const m of mentions) {
      if (claims.length >= MAX_CLAIMS) return claims;
      const stepAt = nearest(steps, m);
      // "Of the 54 cars, 26 have arrived", «Из 54 вагонов прибыли 26»: the whole the text counts from.
      const step = isWholeOf(tokens, m) ? "planned" : (stepAt?.step ?? ctx.step ?? null);
      const when = whenOf(tokens, dates, m, ctx, textDate, phrases);
      const unreadable = assertedOrNot(tokens, m);
      claims.push(
        ...claimsOf(
          text,
          s,
          m,
          { step, when, locations: top, ...(unreadable && { unreadable }) },
          claims.length,
          catalogue,
        ),
      );
    }
    const explicit = dates.filter((d) => !isByDate(tokens, d));
    if (explicit.length > 0) {
      ctx.date = explicit.at(-1)!.date;
      ctx.lastDate = ctx.date;
    }
    if (steps.length > 0) ctx.step = steps.at(-1)!.step;
  }
  return claims;
}

/** A count of units introduced by "of (the)" or «из» and not itself a ratio: the whole, not a step. */
function isWholeOf(tokens: readonly Token[], m: Mention): boolean {
  if (!m.units || m.ofTotal) return false;
  const before = tokens[m.start - 1]?.norm;
  const twoBefore = tokens[m.start - 2]?.norm;
  return before === "из" || before === "of" || (before === "the" && twoBefore === "of");
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);

/** The step word nearest the mention (inside it counts: "the unloaded rail cars"); ties go to the one before. */
function nearest(steps: readonly { i: number; step: Step }[], m: Mention): { i: number; step: Step } | undefined {
  const distance = (i: number) => (i < m.start ? m.start - i : i >= m.end ? i - m.end + 1 : 0);
  countSteps(steps.length);
  let best: { i: number; step: Step } | undefined;
  for (const s of steps) if (!best || distance(s.i) < distance(best.i)) best = s;
  return best;
}

/** Whether the sentence says "so far" (cumulative) or "on the same day", read once per sentence. */
interface SentencePhrases {
  cumulative: boolean;
  sameDay: boolean;
}

function phrasesIn(tokens: readonly Token[]): SentencePhrases {
  countSteps(tokens.length);
  return {
    cumulative: tokens.some((_, i) => phraseAt(tokens, i, CUMULATIVE_PHRASES) !== undefined),
    sameDay: tokens.some((_, i) => phraseAt(tokens, i, SAME_DAY_PHRASES) !== undefined),
  };
}

const isByDate = (tokens: readonly Token[], d: DateRead) =>
  BY_DATE_PHRASES.some((p) => p.length <= d.start && phraseAt(tokens, d.start - p.length, [p]) === d.start);

function whenOf(
  tokens: readonly Token[],
  dates: readonly DateRead[],
  m: Mention,
  ctx: Context,
  textDate: string,
  phrases: SentencePhrases,
): When {
  // The date nearest the mention; ties go to the one written first.
  countSteps(dates.length);
  let own: DateRead | undefined;
  for (const d of dates) if (!own || Math.abs(d.start - m.start) < Math.abs(own.start - m.start)) own = d;
  const cumulative = phrases.cumulative || m.ofTotal !== undefined;
  if (own && isByDate(tokens, own)) return { scope: "by-end-of", date: own.date };
  if (cumulative) return { scope: "by-end-of", date: own?.date ?? textDate };
  if (own) return { scope: "on-day", date: own.date };
  if (phrases.sameDay) return { scope: "on-day", date: ctx.date ?? ctx.lastDate ?? textDate };
  if (ctx.date) return { scope: "on-day", date: ctx.date };
  return { scope: "by-end-of", date: textDate };
}

/** Negated ("have not arrived", «пока не зарегистрировано») or about the future ("will be unloaded", «будет доставлено»), anywhere in the mention's clause. */
function assertedOrNot(tokens: readonly Token[], m: Mention): Unreadable | undefined {
  const boundary = (t: Token | undefined) => t?.kind === "punct" && /^[,;:—–()]$/.test(t.text);
  let from = m.start;
  while (from > 0 && !boundary(tokens[from - 1])) from -= 1;
  let to = m.end;
  while (to < tokens.length && !boundary(tokens[to])) to += 1;
  countSteps(to - from);
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    // "не менее", "не более" qualify a number; they do not negate.
    if (t.norm === "не" && /^(менее|меньше|более|больше|позднее|позже)$/.test(tokens[i + 1]?.norm ?? "")) continue;
    if (isNegation(t)) return { reason: "negated" };
    if (FUTURE.has(t.norm)) return { reason: "future" };
  }
  return undefined;
}

interface Reading {
  step: Step | null;
  when: When;
  locations: string[];
  unreadable?: Unreadable;
}

function spanOf(s: Sentence, start: number, end: number): Span {
  return { start: s.tokens[start]!.start, end: s.tokens[end - 1]!.end };
}

function claimsOf(text: string, s: Sentence, m: Mention, r: Reading, n: number, catalogue: ClaimsCatalogue): Claim[] {
  const span = spanOf(s, m.start, m.end);
  const base = {
    span,
    quote: text.slice(span.start, span.end),
    lang: s.lang,
    ...r,
    ...(m.qualifier && { qualifier: m.qualifier }),
  };
  if (m.units) {
    const out: Claim[] = [
      { ...base, id: `c${n + 1}`, type: "units", count: m.count, kinds: m.units.kinds, label: m.units.label },
    ];
    if (m.ofTotal) {
      const totalSpan = spanOf(s, m.ofTotal.start, m.ofTotal.end);
      const first = out[0]!;
      if (first.type === "units") first.ofTotal = { value: m.ofTotal.value, span: totalSpan };
      const { qualifier: _q, unreadable: _u, ...plain } = base;
      out.push({
        ...plain,
        id: `c${n + 2}`,
        type: "units",
        count: m.ofTotal.value,
        kinds: m.ofTotal.kinds,
        label: m.ofTotal.label,
        step: "planned",
        span: totalSpan,
        quote: text.slice(totalSpan.start, totalSpan.end),
      });
    }
    return out;
  }
  const goods = m.goods!;
  let unreadable = r.unreadable;
  let item: string | null = goods.items.length === 1 ? goods.items[0]! : null;
  if (!item && goods.items.length === 0 && goods.uom) {
    // "300 cubic metres" alone: the one item measured that way, if there is only one.
    const same = catalogue.items.filter((i) => i.uom === goods.uom);
    if (same.length === 1 && goods.words === "") item = same[0]!.code;
  }
  if (!unreadable && goods.items.length > 1) unreadable = { reason: "ambiguous-item", candidates: goods.items };
  if (!unreadable && !item) unreadable = { reason: "no-item", words: goods.words };
  if (!unreadable && item && goods.uom) {
    const itemUom = catalogue.items.find((i) => i.code === item)!.uom;
    if (itemUom !== goods.uom && !UOM_FACTORS[goods.uom]?.[itemUom])
      unreadable = { reason: "uom-mismatch", item, itemUom, claimedUom: goods.uom };
  }
  return [
    {
      ...base,
      id: `c${n + 1}`,
      type: "goods",
      quantity: m.count,
      uom: goods.uom,
      item,
      equipment: goods.equipment,
      ...(m.carrier && { carrier: { kinds: m.carrier.kinds, count: m.carrier.count, label: m.carrier.label } }),
      ...(unreadable && { unreadable }),
    },
  ];
}
