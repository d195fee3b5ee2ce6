// Numbers, dates and plural forms by language, all through Intl: English (British
// conventions: "19 December 2020", "1,500") and Russian ("19 декабря 2020 г.", "15 000",
// one/few/many: 1 вагон, 2 вагона, 5 вагонов, 21 вагон).
import type { PressLang } from "./statement.ts";

export const LOCALES: Record<PressLang, string> = { en: "en-GB", ru: "ru-RU" };
/** Between a number and its word or unit symbol, so a line never breaks between them. */
export const NBSP = "\u00a0";

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(lang: PressLang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(LOCALES[lang])));
  return r;
}

/** The plural category of a quantity written as exact decimal text ("300", "0.5"). */
export function pluralCategory(lang: PressLang, value: string | number): Intl.LDMLPluralRule {
  return pluralRules(lang).select(Number(value));
}

/** The form for a quantity; "other" stands in for a missing category. */
export function pick(lang: PressLang, value: string | number, forms: PluralForms): string {
  const form = forms[pluralCategory(lang, value)] ?? forms.other ?? forms.many ?? forms.one;
  if (form === undefined) throw new Error("no plural forms given");
  return form;
}

/** An exact decimal as the language writes it ("1,500.5", "1500,5", "15 000"). */
export function formatNumber(lang: PressLang, value: string | number): string {
  // Intl.NumberFormat formats decimal strings exactly (no float rounding) since Node 19.
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6 }).format(value as unknown as number);
}

/** "5 rail cars", "21 вагон": the number, a non-breaking space, the agreeing form. */
export function counted(lang: PressLang, value: string | number, forms: PluralForms): string {
  return `${formatNumber(lang, value)}${NBSP}${pick(lang, value, forms)}`;
}

const EN_WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** A count as a press text writes it: English spells out one to nine ("nine of the 54"); Russian keeps digits. */
export function formatCount(lang: PressLang, n: number): string {
  return lang === "en" && Number.isInteger(n) && n >= 1 && n <= 9 ? EN_WORDS[n]! : formatNumber(lang, n);
}

/** "six neighbourhoods", "17 rail cars", "6 районам": the count, the agreeing form, and a non-breaking space after digits. */
export function countedWords(lang: PressLang, n: number, forms: PluralForms): string {
  const count = formatCount(lang, n);
  return `${count}${/\d$/.test(count) ? NBSP : " "}${pick(lang, n, forms)}`;
}

export function formatPercent(lang: PressLang, ratio: number): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

const at = (date: string) => new Date(`${date}T12:00:00Z`);

/** "19 December 2020", "19 декабря 2020 г." */
export function formatDate(lang: PressLang, date: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(at(date))
    .replace(/^(\d+) /, `$1${NBSP}`)
    .replace(/ г\.$/, `${NBSP}г.`);
}

/** "19 December", "19 декабря": the day within a text whose heading gives the year. */
export function formatDayMonth(lang: PressLang, date: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: "numeric", month: "long", timeZone: "UTC" })
    .format(at(date))
    .replace(/^(\d+) /, `$1${NBSP}`);
}

/** "A, B and C" / "A, B и C". */
export function joinList(lang: PressLang, parts: readonly string[]): string {
  return new Intl.ListFormat(LOCALES[lang], { style: "long", type: "conjunction" }).format(parts);
}
