// Numbers, dates and plural forms in the report's language, by Intl: the same figure
// reads "5,960" in English and "5 960" in Russian, a date "19 December 2020" and
// "19 декабря 2020 г.". Quantities arrive as exact decimal strings and are formatted
// as such (Intl formats a numeric string without going through a binary float).
import type { Lang } from "../document.ts";

export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

export interface Formatter {
  lang: Lang;
  number(value: string | number): string;
  /** A share 0…1 as a whole percentage. */
  percent(share: number): string;
  /** A calendar day "YYYY-MM-DD" as "19 December 2020". */
  day(isoDay: string): string;
  /** "19 Dec" for table rows. */
  shortDay(isoDay: string): string;
  /** "1–19 December 2020". */
  period(from: string, to: string): string;
  /** An instant in the operation's time zone, with the zone's name. */
  dateTime(iso: string): string;
  /** "17 rail cars" / "17 вагонов". */
  count(n: number, forms: PluralForms): string;
  /** The form for n alone, without the number: a sentence whose verb agrees with a count. */
  plural(n: number, forms: PluralForms): string;
}

const LOCALES: Record<Lang, string> = { en: "en-GB", ru: "ru-RU" };

const noon = (isoDay: string) => new Date(`${isoDay}T12:00:00Z`);

export function formatter(lang: Lang, timeZone: string): Formatter {
  const locale = LOCALES[lang];
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const long = new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const short = new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "short" });
  const stamp = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  const plurals = new Intl.PluralRules(locale);
  const pick = (n: number, forms: PluralForms) => forms[plurals.select(n) as keyof PluralForms] ?? forms.other;
  return {
    lang,
    number: (value) => numbers.format(value as unknown as number),
    percent: (share) => percent.format(share),
    day: (d) => long.format(noon(d)),
    shortDay: (d) => short.format(noon(d)).replace(/\.$/, ""),
    period: (from, to) => (from === to ? long.format(noon(from)) : long.formatRange(noon(from), noon(to))),
    dateTime: (iso) => stamp.format(new Date(iso)),
    count: (n, forms) => `${numbers.format(n)} ${pick(n, forms)}`,
    plural: pick,
  };
}
