// Text as the claims reader sees it: tokens with their character offsets in the
// original string (UTF-16 indices, as JavaScript strings count), grouped into sentences
// and paragraphs. Numbers keep their written form; a later step reads their value,
// because "1,500" means 1500 in English and 1.5 in Russian.
import { countSteps } from "./work.ts";

export type TokenKind = "word" | "number" | "date" | "punct";

export interface Token {
  kind: TokenKind;
  /** As written. */
  text: string;
  /** Lower case, ё as е, typographic apostrophes as ': what lexicons compare against. */
  norm: string;
  start: number;
  end: number;
}

export interface Sentence {
  tokens: Token[];
  start: number;
  end: number;
  /** Paragraphs are separated by a blank line or a line break. */
  paragraph: number;
  lang: "en" | "ru";
}

const GROUP_SPACES = "\u0020\u00a0\u202f\u2009";
const PATTERNS: [TokenKind, RegExp][] = [
  ["date", /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?![\d.]\d))/],
  // 12 000 (spaces, non-breaking or narrow), 12,000, 12.5, 12,5, 17
  [
    "number",
    new RegExp(
      `^(?:\\d{1,3}(?:[${GROUP_SPACES}]\\d{3})+(?![\\d])|\\d{1,3}(?:,\\d{3})+(?![\\d])(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?)`,
    ),
  ],
  // m³, m3, м2 … as one word, so the digit is not read as a number
  ["word", /^[mм][²³23](?![\d\p{L}])/u],
  ["word", /^\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*/u],
  ["punct", /^[^\s\p{L}\d]/u],
];

/** A run of whitespace at a position (sticky): read in one step however long. */
const SPACES = /\s+/y;

export const normalise = (word: string): string => word.toLowerCase().replaceAll("ё", "е").replaceAll("’", "'");

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    countSteps();
    SPACES.lastIndex = i;
    if (SPACES.test(text)) {
      i = SPACES.lastIndex;
      continue;
    }
    // Dates and numbers begin with a digit, nothing else does: only the patterns that can match are tried.
    const digit = text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
    const rest = text.slice(i, i + 64);
    const wide = digit ? rest : text.slice(i, i + 256);
    let matched = false;
    for (const [kind, pattern] of PATTERNS) {
      if ((kind === "date" || kind === "number") !== digit) continue;
      const m = pattern.exec(kind === "word" || kind === "punct" ? wide : rest);
      if (!m) continue;
      tokens.push({ kind, text: m[0], norm: normalise(m[0]), start: i, end: i + m[0].length });
      i += m[0].length;
      matched = true;
      break;
    }
    if (!matched) i += 1;
  }
  return tokens;
}

/** Words after which a full stop does not end a sentence ("120 т. цемента", "шт.", "19 дек.", "approx."). */
const ABBREVIATIONS = new Set([
  "т",
  "шт",
  "куб",
  "кв",
  "тыс",
  "млн",
  "млрд",
  "г",
  "гг",
  "кг",
  "м",
  "ул",
  "д",
  "им",
  "см",
  "т.е",
  "и.о",
  "св",
  "approx",
  "no",
  "nos",
  "pcs",
  "pc",
  "cu",
  "sq",
  "st",
  "mr",
  "mrs",
  "dr",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "янв",
  "фев",
  "февр",
  "мар",
  "апр",
  "июн",
  "июл",
  "авг",
  "сен",
  "сент",
  "окт",
  "ноя",
  "нояб",
  "дек",
]);

const CYRILLIC = /[\u0400-\u04ff]/g;
const LATIN = /[a-z]/gi;

export function languageOf(text: string): "en" | "ru" {
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const lat = text.match(LATIN)?.length ?? 0;
  return cyr > lat ? "ru" : "en";
}

/**
 * The longest run of tokens read as one sentence. Every pass over a sentence and every scan
 * around a mention stays within it, so reading is linear in the text's length whatever its
 * shape: a text with no full stop ("1e" repeated 249,000 times, one long list of numbers) is
 * read as sentences of this many tokens. A press sentence has a few dozen.
 */
export const MAX_SENTENCE_TOKENS = 200;

/**
 * Splits tokens into sentences: at . ! ? (not after an abbreviation) before a capital, a digit or a quote,
 * at line breaks, and after MAX_SENTENCE_TOKENS tokens.
 */
export function sentences(text: string, tokens: readonly Token[] = tokenise(text)): Sentence[] {
  const out: Sentence[] = [];
  let current: Token[] = [];
  let paragraph = 0;
  const flush = () => {
    if (current.length === 0) return;
    const start = current[0]!.start;
    const end = current.at(-1)!.end;
    out.push({ tokens: current, start, end, paragraph, lang: languageOf(text.slice(start, end)) });
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    countSteps();
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (prev && text.slice(prev.end, t.start).includes("\n")) {
      flush();
      paragraph += 1;
    }
    if (current.length >= MAX_SENTENCE_TOKENS) flush();
    current.push(t);
    if (t.kind !== "punct" || !/^[.!?…]$/.test(t.text)) continue;
    const next = tokens[i + 1];
    // Closing quotes and brackets stay with the sentence they close.
    while (tokens[i + 1] && /^["»”’)\]]$/.test(tokens[i + 1]!.text) && tokens[i + 1]!.start === tokens[i]!.end) {
      countSteps();
      current.push(tokens[++i]!);
    }
    const after = tokens[i + 1];
    if (!next || !after) continue;
    if (t.text === "." && prev?.kind === "word" && ABBREVIATIONS.has(prev.norm) && !/^\p{Lu}/u.test(after.text))
      continue;
    if (t.text === "." && prev?.kind === "word" && prev.text.length === 1 && /\p{Lu}/u.test(prev.text)) continue;
    if (/^[\p{Lu}\d"«“(]/u.test(after.text)) flush();
  }
  flush();
  return out;
}
