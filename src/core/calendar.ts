// Calendar days (YYYY-MM-DD) and clock times as an operation's people date things: in the
// operation's own time zone. Pure: the instant is always given, never read from a clock.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day written YYYY-MM-DD that exists: "2021-02-29" is shaped like a day but is not one. */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(
  formats: Map<string, Intl.DateTimeFormat>,
  options: Intl.DateTimeFormatOptions,
  timeZone: string,
  instant: number | string | Date,
): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, ...options })));
  return Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, instant: number | string | Date): string {
  const p = partsIn(dayFormats, { year: "numeric", month: "2-digit", day: "2-digit" }, timeZone, instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The clock time (HH:MM, 24-hour) of an instant in a time zone. */
export function timeIn(timeZone: string, instant: number | string | Date): string {
  const p = partsIn(timeFormats, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, timeZone, instant);
  return `${p.hour}:${p.minute}`;
}

/**
 * Where a calendar day stands at `now` in a time zone: over, still going on, or not begun. A report
 * may speak of a day that is over; of today only as of now; of a day to come not at all, since the
 * ledger holds nothing about it yet.
 */
export function dayStanding(day: string, timeZone: string, now: Date): "over" | "today" | "to-come" {
  const today = dayIn(timeZone, now);
  return day < today ? "over" : day === today ? "today" : "to-come";
}
