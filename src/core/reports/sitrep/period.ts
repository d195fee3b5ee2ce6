// Checks a report period given as two calendar days: real dates, from not after to.
import type { FieldError } from "../../decide.ts";
import { isCalendarDay } from "../../calendar.ts";

/**
 * Field errors for a period, empty when it is valid. Days are compared as text (ISO order). `today` is
 * the operation's day now: a period may end today (its figures then stand at the time of the report),
 * but not later, since the ledger holds nothing yet about days to come.
 */
export function periodErrors(from: string, to: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDay(from))
    errors.push({ field: "/from", message: `must be a calendar day written YYYY-MM-DD (got ${JSON.stringify(from)})` });
  if (!isCalendarDay(to))
    errors.push({ field: "/to", message: `must be a calendar day written YYYY-MM-DD (got ${JSON.stringify(to)})` });
  if (errors.length === 0 && from > to)
    errors.push({ field: "/from", message: `the period starts on ${from}, after it ends on ${to}` });
  else if (errors.length === 0 && to > today)
    errors.push({
      field: "/to",
      message: `must be ${today} or earlier: ${to} has not begun in the operation's time zone, and the ledger holds nothing yet about days to come`,
    });
  return errors;
}
