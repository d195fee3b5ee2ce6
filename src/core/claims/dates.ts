// Dates as a text writes them: "19 December", "December 19, 2020", "19 Dec", "19
// декабря 2020 г.", "19.12.2020", "2020-12-19", and days relative to the text's own
// date ("yesterday", «вчера»). A day without a year takes the year that puts it on or
// before the text's date (a text dated 2 January means last December by "30 December").
import type { Token } from "./text.ts";
import { countSteps } from "./work.ts";

export interface DateRead {
  /** YYYY-MM-DD. */
  date: string;
  start: number;
  next: number;
  /** How it was written: a calendar date or a day relative to the text's date. */
  relative: boolean;
}

const MONTHS: [RegExp, number][] = [
  [/^(january|jan|января|январь|янв)$/, 1],
  [/^(february|feb|февраля|февраль|фев|февр)$/, 2],
  [/^(march|mar|марта|март)$/, 3],
  [/^(april|apr|апреля|апрель|апр)$/, 4],
  [/^(may|мая|май)$/, 5],
  [/^(june|jun|июня|июнь|июн)$/, 6],
  [/^(july|jul|июля|июль|июл)$/, 7],
  [/^(august|aug|августа|август|авг)$/, 8],
  [/^(september|sep|sept|сентября|сентябрь|сен|сент)$/, 9],
  [/^(october|oct|октября|октябрь|окт)$/, 10],
  [/^(november|nov|ноября|ноябрь|ноя|нояб)$/, 11],
  [/^(december|dec|декабря|декабрь|дек)$/, 12],
];
const RELATIVE: Record<string, number> = { today: 0, yesterday: -1, сегодня: 0, вчера: -1, позавчера: -2, tonight: 0 };

const monthOf = (t: Token | undefined): number | undefined =>
  t?.kind === "word" ? MONTHS.find(([re]) => re.test(t.norm))?.[1] : undefined;
const dayOf = (t: Token | undefined): number | undefined => {
  const n = t?.kind === "number" && /^\d{1,2}$/.test(t.text) ? Number(t.text) : NaN;
  return n >= 1 && n <= 31 ? n : undefined;
};
/** Skips an ordinal ending written after a day: "19th", "19-го", "19-е". */
function afterDay(tokens: readonly Token[], j: number): number {
  const t = tokens[j];
  if (t?.kind === "word" && /^(st|nd|rd|th)$/.test(t.norm) && t.start === tokens[j - 1]!.end) return j + 1;
  if (t?.text === "-" && /^(го|е)$/.test(tokens[j + 1]?.norm ?? "")) return j + 2;
  return j;
}
const yearOf = (t: Token | undefined): number | undefined =>
  t?.kind === "number" && /^(19|20)\d{2}$/.test(t.text) ? Number(t.text) : undefined;

const pad = (n: number) => String(n).padStart(2, "0");
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function isCalendarDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The year for a day and month written without one: on or before the text's date, give or take a week. */
function yearFor(month: number, day: number, textDate: string): number {
  const year = Number(textDate.slice(0, 4));
  const candidate = ymd(year, month, day);
  return candidate > addDays(textDate, 7) ? year - 1 : year;
}

/** Reads a date starting at token i ("19 December [2020]", "December 19[, 2020]", "19.12.2020", "yesterday"). */
export function readDate(tokens: readonly Token[], i: number, textDate: string): DateRead | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.kind === "date") {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.text);
    const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(t.text);
    const [y, m, d] = iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : dmy
        ? [Number(dmy[3]!.length === 2 ? `20${dmy[3]}` : dmy[3]), Number(dmy[2]), Number(dmy[1])]
        : [0, 0, 0];
    return isCalendarDay(y, m, d) ? { date: ymd(y, m, d), start: i, next: i + 1, relative: false } : undefined;
  }
  if (t.kind === "word" && RELATIVE[t.norm] !== undefined) {
    return { date: addDays(textDate, RELATIVE[t.norm]!), start: i, next: i + 1, relative: true };
  }
  if (
    t.norm === "the" &&
    tokens[i + 1]?.norm === "day" &&
    tokens[i + 2]?.norm === "before" &&
    tokens[i + 3]?.norm === "yesterday"
  ) {
    return { date: addDays(textDate, -2), start: i, next: i + 4, relative: true };
  }
  // 19 December [2020] / 19-го декабря / 19 дек. 2020 г.
  const day = dayOf(t);
  if (day !== undefined) {
    let j = afterDay(tokens, i + 1);
    const month = monthOf(tokens[j]);
    if (month === undefined) return undefined;
    j += tokens[j + 1]?.text === "." ? 2 : 1;
    return finish(day, month, j);
  }
  // December 19[th][, 2020]
  const month = monthOf(t);
  if (month !== undefined) {
    let j = i + 1;
    if (tokens[j]?.text === ".") j += 1;
    const d = dayOf(tokens[j]);
    if (d === undefined) return undefined;
    return finish(d, month, afterDay(tokens, j + 1));
  }
  return undefined;

  function finish(day: number, month: number, j: number): DateRead | undefined {
    let next = j;
    let year: number | undefined;
    const comma = tokens[next]?.text === "," ? 1 : 0;
    const y = yearOf(tokens[next + comma]);
    if (y !== undefined) {
      year = y;
      next += comma + 1;
      // "2020 г." / "2020 года" / "2020 year"
      if (/^(г|года|год)$/.test(tokens[next]?.norm ?? "")) next += tokens[next + 1]?.text === "." ? 2 : 1;
    }
    const yy = year ?? yearFor(month, day, textDate);
    return isCalendarDay(yy, month, day) ? { date: ymd(yy, month, day), start: i, next, relative: false } : undefined;
  }
}

/** Every date in a run of tokens. */
export function datesIn(tokens: readonly Token[], textDate: string): DateRead[] {
  const out: DateRead[] = [];
  for (let i = 0; i < tokens.length; i++) {
    countSteps();
    const d = readDate(tokens, i, textDate);
    if (d) {
      out.push(d);
      i = d.next - 1;
    }
  }
  return out;
}
