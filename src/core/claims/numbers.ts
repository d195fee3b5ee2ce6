// Numbers as a press text writes them: digits with the language's separators ("1,500"
// and "12.5" in English, "1 500" and "12,5" in Russian), words ("nine", "fifty-four",
// "девять", "семнадцати", "пятьдесят четыре", in any case), and multipliers ("12
// thousand", "1,5 тыс."). Values are exact decimal strings, never floats.
import { Decimal } from "../quantity.ts";
import type { Token } from "./text.ts";

export interface NumberRead {
  /** Exact decimal text: "1500", "12.5". */
  value: string;
  /** Index of the first token after the number. */
  next: number;
  /** Written in words ("nine", "девять") rather than digits. */
  words: boolean;
  /** "a", "an", "one" before a noun: a count of one that may be only an article. */
  article?: boolean;
}

const EN_UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Russian number words by stem; the endings cover every case (девять, девяти, девятью; пятьдесят, пятидесяти). */
const RU_WORDS: [RegExp, number][] = [
  [/^ноль|^нуля?$/, 0],
  [/^(один|одна|одно|одного|одной|одному|одним|одном|одну|одни|одних)$/, 1],
  [/^(два|две|двух|двум|двумя)$/, 2],
  [/^(три|трех|трем|тремя)$/, 3],
  [/^(четыре|четырех|четырем|четырьмя)$/, 4],
  [/^(пять|пяти|пятью)$/, 5],
  [/^(шесть|шести|шестью)$/, 6],
  [/^(семь|семи|семью)$/, 7],
  [/^(восемь|восьми|восемью|восьмью)$/, 8],
  [/^(девять|девяти|девятью)$/, 9],
  [/^(десять|десяти|десятью)$/, 10],
  [/^одиннадцат(ь|и|ью)$/, 11],
  [/^двенадцат(ь|и|ью)$/, 12],
  [/^тринадцат(ь|и|ью)$/, 13],
  [/^четырнадцат(ь|и|ью)$/, 14],
  [/^пятнадцат(ь|и|ью)$/, 15],
  [/^шестнадцат(ь|и|ью)$/, 16],
  [/^семнадцат(ь|и|ью)$/, 17],
  [/^восемнадцат(ь|и|ью)$/, 18],
  [/^девятнадцат(ь|и|ью)$/, 19],
  [/^двадцат(ь|и|ью)$/, 20],
  [/^тридцат(ь|и|ью)$/, 30],
  [/^(сорок|сорока)$/, 40],
  [/^(пятьдесят|пятидесяти|пятьюдесятью)$/, 50],
  [/^(шестьдесят|шестидесяти|шестьюдесятью)$/, 60],
  [/^(семьдесят|семидесяти|семьюдесятью)$/, 70],
  [/^(восемьдесят|восьмидесяти|восемьюдесятью)$/, 80],
  [/^(девяносто|девяноста)$/, 90],
  [/^(сто|ста)$/, 100],
  [/^(двести|двухсот|двумстам|двумястами|двухстах)$/, 200],
  [/^(триста|трехсот|тремстам|тремястами|трехстах)$/, 300],
  [/^(четыреста|четырехсот|четыремстам|четырьмястами|четырехстах)$/, 400],
  [/^(пятьсот|пятисот|пятистам|пятьюстами|пятистах)$/, 500],
  [/^(шестьсот|шестисот|шестистам|шестьюстами|шестистах)$/, 600],
  [/^(семьсот|семисот|семистам|семьюстами|семистах)$/, 700],
  [/^(восемьсот|восьмисот|восьмистам|восьмьюстами|восемьюстами|восьмистах)$/, 800],
  [/^(девятьсот|девятисот|девятистам|девятьюстами|девятистах)$/, 900],
];

const MULTIPLIERS: [RegExp, number][] = [
  [/^(thousand|thousands|тыс|тысяча|тысячи|тысяч|тысячу|тысячами|тысячах)$/, 1_000],
  [/^(million|millions|млн|миллион|миллиона|миллионов)$/, 1_000_000],
];

const ruWord = (norm: string): number | undefined => RU_WORDS.find(([re]) => re.test(norm))?.[1];
const enWord = (norm: string): number | undefined => EN_UNITS[norm] ?? EN_TENS[norm];

/** The value of one word, or of a hyphenated English compound ("fifty-four"); undefined if it is not a number word. */
export function wordValue(norm: string): number | undefined {
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(norm);
  if (hyphen && EN_TENS[hyphen[1]!] !== undefined && (EN_UNITS[hyphen[2]!] ?? 0) > 0 && EN_UNITS[hyphen[2]!]! < 10) {
    return EN_TENS[hyphen[1]!]! + EN_UNITS[hyphen[2]!]!;
  }
  return enWord(norm) ?? ruWord(norm);
}

/** Digits as written, in the text's language: "1,500" is 1500 in English, 1.5 in Russian; "1 500" and "1,500.5". */
export function digitsValue(text: string, lang: "en" | "ru"): string {
  const compact = text.replace(/[\u0020\u00a0\u202f\u2009]/g, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) && lang === "en")
    return new Decimal(compact.replaceAll(",", "")).toString();
  return new Decimal(compact.replace(",", ".")).toString();
}

/** Reads a number starting at token `i`: digits or words, with an optional multiplier after it. */
export function readNumber(tokens: readonly Token[], i: number, lang: "en" | "ru"): NumberRead | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  let value: Decimal;
  let next = i + 1;
  let words = false;
  let article = false;
  if (t.kind === "number") {
    value = new Decimal(digitsValue(t.text, lang));
  } else if (t.kind === "word" && (t.norm === "a" || t.norm === "an")) {
    // "a hundred", "a thousand"; otherwise a count of one that may be only an article
    const after = tokens[i + 1];
    if (after?.norm === "hundred" || after?.norm === "thousand") {
      value = new Decimal(after.norm === "hundred" ? 100 : 1000);
      next = i + 2;
      words = true;
    } else return { value: "1", next, words: true, article: true };
  } else if (t.kind === "word" && wordValue(t.norm) !== undefined) {
    const read = readWords(tokens, i);
    value = new Decimal(read.value);
    next = read.next;
    words = true;
    if (t.norm === "one" && next === i + 1) article = true;
  } else return undefined;
  // A multiplier: "12 thousand", "1,5 тыс.", "сто тысяч"
  const m = tokens[next];
  const multiplier = m?.kind === "word" ? MULTIPLIERS.find(([re]) => re.test(m.norm))?.[1] : undefined;
  if (multiplier !== undefined) {
    value = value.times(multiplier);
    next += tokens[next + 1]?.text === "." && m!.norm.length <= 3 ? 2 : 1;
    article = false;
  }
  return { value: value.toString(), next, words, ...(article && { article }) };
}

/** A run of number words: "one hundred and twenty", "fifty-four", "пятьдесят четыре", "сто двадцать". */
function readWords(tokens: readonly Token[], i: number): { value: number; next: number } {
  let total = 0;
  let group = 0;
  let j = i;
  let last = Infinity;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (t.kind !== "word") break;
    if (t.norm === "and" && group > 0 && wordValue(tokens[j + 1]?.norm ?? "") !== undefined && last >= 100) {
      j += 1;
      continue;
    }
    if (t.norm === "hundred" && group > 0 && group < 10) {
      group *= 100;
      last = 100;
      j += 1;
      continue;
    }
    const v = wordValue(t.norm);
    // Each word must be smaller than the one before ("fifty four", not "four fifty").
    if (v === undefined || v >= last || (last < 10 && v < 10)) break;
    if (last < 20 && last >= 10) break;
    group += v;
    last = v;
    j += 1;
  }
  total += group;
  return { value: total, next: j };
}
