// Within one sentence: where a number meets something the ledger counts. A mention is a
// number (or an article, or a bare equipment noun) with what it counts: transport units
// ("17 rail cars", «девять из 54 вагонов»), a quantity in a unit of measure ("300 m³ of
// lumber", «120 т цемента»), counted goods ("12,000 blankets") or equipment carried by a
// unit ("a flatcar with a truck-mounted crane", «автокран на платформе»).
import type { UnitKind } from "../units.ts";
import type { CatalogueItem, NameEntry } from "./names.ts";
import { matchItems, stem } from "./names.ts";
import { readNumber, type NumberRead } from "./numbers.ts";
import type { Qualifier } from "./lexicon.ts";
import {
  ON_WORDS,
  OF_WORDS,
  RATIO_WORDS,
  UNIT_NOUNS,
  UOM_WORDS,
  WITH_WORDS,
  longestAt,
  phraseAt,
  qualifierAt,
  stepOf,
} from "./lexicon.ts";
import type { Token } from "./text.ts";
import { countSteps } from "./work.ts";

export interface Mention {
  /** Token range of the whole phrase, end exclusive. */
  start: number;
  end: number;
  count: string;
  qualifier?: Qualifier;
  units?: { kinds: UnitKind[] | null; label: string };
  ofTotal?: { value: string; start: number; end: number; kinds: UnitKind[] | null; label: string };
  goods?: { uom: string | null; items: string[]; words: string; equipment: boolean };
  carrier?: { kinds: UnitKind[]; label: string; count: string };
}

export interface MentionContext {
  lang: "en" | "ru";
  items: readonly CatalogueItem[];
  itemNames: readonly NameEntry[];
  /** The equipment among them: named without a number they still count one. */
  equipmentNames: readonly NameEntry[];
  /** Token indices already read as part of a date: never numbers of a claim. */
  dateTokens: ReadonlySet<number>;
}

const FILLER = new Set(["the", "its", "their", "these", "those", "all", "of"]);
const JOINERS = new Set(["and", "и", "or", "или", "but", "а", "но", "as", "как", "while"]);
const ITEM_STOP = new Set([
  "of",
  "the",
  "a",
  "an",
  "and",
  "or",
  "with",
  "on",
  "at",
  "in",
  "to",
  "for",
  "by",
  "from",
  "и",
  "или",
  "с",
  "со",
  "на",
  "в",
  "во",
  "к",
  "для",
  "по",
  "из",
  "от",
  "а",
  "но",
]);

const isWord = (t: Token | undefined): t is Token => t?.kind === "word";
type UnitNounAt = ReturnType<typeof longestAt<(typeof UNIT_NOUNS)[number]>>;
/** The unit noun at each token of a sentence, looked up once: several readings ask about the same token. */
const unitNouns = new WeakMap<readonly Token[], (UnitNounAt | null)[]>();
function unitNounAt(tokens: readonly Token[], i: number): UnitNounAt {
  let known = unitNouns.get(tokens);
  if (!known) unitNouns.set(tokens, (known = []));
  let noun = known[i];
  if (noun === undefined) known[i] = noun = longestAt(tokens, i, UNIT_NOUNS) ?? null;
  return noun ?? undefined;
}

/** Content words of an item phrase starting at i: up to four, stopping at punctuation, joiners, steps and unit nouns. */
function itemPhrase(tokens: readonly Token[], i: number): { stems: string[]; end: number; words: string } {
  let j = i;
  const words: Token[] = [];
  while (j < tokens.length && words.length < 4) {
    countSteps();
    const t = tokens[j]!;
    if (!isWord(t) || ITEM_STOP.has(t.norm) || JOINERS.has(t.norm) || stepOf(t) || unitNounAt(tokens, j)) break;
    words.push(t);
    j += 1;
  }
  return {
    stems: words.flatMap((w) => w.norm.split("-").map(stem)),
    end: j,
    words: words.map((w) => w.text).join(" "),
  };
}

function itemAt(tokens: readonly Token[], i: number, ctx: MentionContext, names = ctx.itemNames) {
  const phrase = itemPhrase(tokens, i);
  if (phrase.stems.length === 0) return undefined;
  // The shortest run of words that names an item best: "truck-mounted crane", not "truck-mounted crane had been".
  let best: { items: string[]; end: number; score: number } | undefined;
  for (let end = i + 1; end <= phrase.end; end++) {
    countSteps(end - i);
    const stems = tokens.slice(i, end).flatMap((w) => w.norm.split("-").map(stem));
    const matches = matchItems(stems, names);
    const score = matches[0]?.score ?? 0;
    if (score > (best?.score ?? 0)) best = { items: matches.map((m) => m.code), end, score };
  }
  if (best)
    return {
      items: best.items,
      end: best.end,
      words: tokens
        .slice(i, best.end)
        .map((w) => w.text)
        .join(" "),
    };
  return { items: [], end: phrase.end, words: phrase.words };
}

const isEquipment = (codes: readonly string[], ctx: MentionContext) =>
  codes.length > 0 && codes.every((c) => ctx.items.find((i) => i.code === c)?.kind === "equipment");

/** What a number at token i counts, if anything the ledger knows. */
function measureAfter(
  tokens: readonly Token[],
  n: NumberRead,
  ctx: MentionContext,
): Omit<Mention, "start" | "count" | "qualifier"> | undefined {
  let i = n.next;
  const uom = longestAt(tokens, i, UOM_WORDS);
  if (uom && !n.article) {
    i = uom.next;
    if (tokens[i]?.text === "." && uom.entry.uom !== "MTQ") i += 1;
    if (tokens[i] && OF_WORDS.has(tokens[i]!.norm)) i += tokens[i + 1]?.norm === "the" ? 2 : 1;
    const item = itemAt(tokens, i, ctx);
    const items = item?.items ?? [];
    return {
      end: item && items.length > 0 ? item.end : uom.next,
      goods: { uom: uom.entry.uom, items, words: item?.words ?? "", equipment: isEquipment(items, ctx) },
    };
  }
  // Up to two modifiers before the noun: "17 Russian rail cars", "девять крытых вагонов".
  for (let p = i; p < i + 3 && p < tokens.length; p++) {
    const t = tokens[p]!;
    if (!isWord(t) || JOINERS.has(t.norm)) return undefined;
    const noun = unitNounAt(tokens, p);
    if (noun)
      return {
        end: noun.next,
        units: { kinds: noun.entry.kinds ? [...noun.entry.kinds] : null, label: noun.entry.label },
      };
    const item = itemAt(tokens, p, ctx);
    if (item && item.items.length > 0) {
      return {
        end: item.end,
        goods: { uom: null, items: item.items, words: item.words, equipment: isEquipment(item.items, ctx) },
      };
    }
    if (n.article && p > i) return undefined;
    if (stepOf(t) && !/(ed|ные|нные|енные|анные)$/.test(t.norm)) return undefined;
  }
  return undefined;
}

/** Every mention in a sentence, in order. */
export function mentionsIn(tokens: readonly Token[], ctx: MentionContext): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    countSteps();
    if (ctx.dateTokens.has(i)) continue;
    const q = qualifierAt(tokens, i);
    const at = q && !ctx.dateTokens.has(q.next) && tokens[q.next]?.kind === "number" ? q.next : i;
    const n = readNumber(tokens, at, ctx.lang);
    if (!n) continue;
    if (
      /^(19|20)\d{2}$/.test(tokens[at]!.text) &&
      !n.words &&
      !longestAt(tokens, n.next, UOM_WORDS) &&
      !unitNounAt(tokens, n.next)
    )
      continue;
    const ratio = ratioAt(tokens, n, ctx);
    const measure = ratio ? undefined : measureAfter(tokens, n, ctx);
    const m: Mention | undefined = ratio ?? (measure && { ...measure, start: i, count: n.value });
    if (!m) continue;
    m.start = i;
    if (q && at !== i) m.qualifier = q.qualifier;
    out.push(m);
    i = m.end - 1;
  }
  out.push(...bareEquipment(tokens, out, ctx));
  return joinCarriers(
    tokens,
    out.sort((a, b) => a.start - b.start),
    ctx,
  );
}

/** "nine out of 54 train cars", "9 of the 54 cars", «9 из 54 вагонов», "17 cars out of 54". */
function ratioAt(tokens: readonly Token[], n: NumberRead, ctx: MentionContext): Mention | undefined {
  let own: ReturnType<typeof measureAfter>;
  let i = n.next;
  if (!n.article) {
    const noun = unitNounAt(tokens, i);
    if (noun) {
      own = {
        end: noun.next,
        units: { kinds: noun.entry.kinds ? [...noun.entry.kinds] : null, label: noun.entry.label },
      };
      i = noun.next;
    }
  } else return undefined;
  const of = phraseAt(tokens, i, RATIO_WORDS);
  if (of === undefined) return undefined;
  const total = readNumber(tokens, of, ctx.lang);
  if (total && !total.article) {
    const measure = own ? undefined : measureAfter(tokens, total, ctx);
    const units = own?.units ?? measure?.units;
    if (!units) return undefined;
    const end = own ? total.next : measure!.end;
    return {
      start: n.next - 1,
      end,
      count: n.value,
      units,
      ofTotal: { value: total.value, start: of, end, kinds: units.kinds, label: units.label },
    };
  }
  // "17 of the unloaded rail cars": the noun after a few words.
  if (!own) {
    for (let p = of; p < of + 3 && p < tokens.length; p++) {
      if (!isWord(tokens[p]) || (FILLER.has(tokens[p]!.norm) && p > of)) continue;
      const noun = unitNounAt(tokens, p);
      if (noun)
        return {
          start: n.next - 1,
          end: noun.next,
          count: n.value,
          units: { kinds: noun.entry.kinds ? [...noun.entry.kinds] : null, label: noun.entry.label },
        };
    }
  }
  return undefined;
}

/** Equipment named without a number, in the singular: «автокран на платформе», "the crane". */
function bareEquipment(tokens: readonly Token[], found: readonly Mention[], ctx: MentionContext): Mention[] {
  const out: Mention[] = [];
  // Tokens inside a mention already found; the ones found here are skipped past below.
  const taken = new Uint8Array(tokens.length);
  for (const m of found) {
    countSteps(m.end - m.start);
    taken.fill(1, m.start, m.end);
  }
  for (let i = 0; i < tokens.length; i++) {
    countSteps();
    const t = tokens[i]!;
    if (!isWord(t) || taken[i] || ITEM_STOP.has(t.norm)) continue;
    const item = itemAt(tokens, i, ctx, ctx.equipmentNames);
    if (!item || item.items.length === 0 || !isEquipment(item.items, ctx)) continue;
    const head = tokens[item.end - 1]!.norm;
    if (/(s|ы|и|ов|ев|ами|ах)$/.test(head) && !/ss$/.test(head)) continue;
    out.push({
      start: i,
      end: item.end,
      count: "1",
      goods: { uom: null, items: item.items, words: item.words, equipment: true },
    });
    i = item.end - 1;
  }
  return out;
}

/** A carrier and its equipment, either way round: "a flatcar with a crane", "автокран на платформе", «платформа с автокраном». */
function joinCarriers(tokens: readonly Token[], mentions: Mention[], ctx: MentionContext): Mention[] {
  const out: Mention[] = [];
  for (let k = 0; k < mentions.length; k++) {
    countSteps();
    const m = mentions[k]!;
    if (!m.goods?.equipment) {
      // units + with + equipment
      const next = mentions[k + 1];
      const w = tokens[m.end];
      if (
        m.units?.kinds &&
        !m.ofTotal &&
        next?.goods?.equipment &&
        w &&
        WITH_WORDS.has(w.norm) &&
        next.start <= m.end + 2
      ) {
        out.push({ ...next, start: m.start, carrier: { kinds: m.units.kinds, label: m.units.label, count: m.count } });
        k += 1;
        continue;
      }
      out.push(m);
      continue;
    }
    // equipment + on + [a] carrier
    const on = tokens[m.end];
    if (on && ON_WORDS.has(on.norm)) {
      let p = m.end + 1;
      const n = readNumber(tokens, p, ctx.lang);
      const count = n && (n.article || n.words || tokens[p]!.kind === "number") ? n.value : "1";
      if (n) p = n.next;
      const noun = unitNounAt(tokens, p);
      if (noun?.entry.kinds) {
        const end = noun.next;
        out.push({ ...m, end, carrier: { kinds: [...noun.entry.kinds], label: noun.entry.label, count } });
        while (mentions[k + 1] && mentions[k + 1]!.start < end) k += 1;
        continue;
      }
    }
    // bare carrier + with + equipment: «платформа с автокраном»
    const w = tokens[m.start - 1];
    if (w && WITH_WORDS.has(w.norm)) {
      const before = tokens[m.start - 2];
      const noun = before
        ? UNIT_NOUNS.find((u) => u.pattern.length === 1 && (u.pattern[0] as readonly string[]).includes(before.norm))
        : undefined;
      const last = out.at(-1);
      if (noun?.kinds && !(last && last.end > m.start - 2)) {
        out.push({ ...m, start: m.start - 2, carrier: { kinds: [...noun.kinds], label: noun.label, count: "1" } });
        continue;
      }
    }
    out.push(m);
  }
  return out;
}
