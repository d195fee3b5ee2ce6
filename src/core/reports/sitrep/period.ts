// Checks a report period given as two calendar days: real dates, from not after to.
import type { FieldError } from "../../decide.ts";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Field errors for a period, empty when it is valid. Days are compared as text (ISO order). */
export function periodErrors(from: string, to: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDay(from))
    errors.push({ field: "/from", message: `must be a calendar day written YYYY-MM-DD (got ${JSON.stringify(from)})` });
  if (!isCalendarDay(to))
    errors.push({ field: "/to", message: `must be a calendar day written YYYY-MM-DD (got ${JSON.stringify(to)})` });
  if (errors.length === 0 && from > to)
    errors.push({ field: "/from", message: `the period starts on ${from}, after it ends on ${to}` });
  return errors;
}
