// A moment as the field app shows it: the date spelt out (never "12/8/26", which reads as
// 12 August in most of the world), the time on a 24-hour clock, and its zone, so that the
// same moment never shows as two different bare times on one screen (the phone's own zone
// against the operation's). Callers pass the operation's zone.
export function formatTime(language: string, iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    ...(timeZone && { timeZone }),
  }).format(new Date(iso));
}

/**
 * A time of day to the second, on a 24-hour clock in the operation's zone with the zone named
 * ("14:32:05 GMT+4"): when the phone tries again after the server said "not now". `ms` is a
 * moment by the server's clock (the phone's own reading plus the offset it measured), so a
 * phone set to another zone, or to a wrong time, still shows the hour the operation lives by.
 */
export function formatClock(language: string, ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    ...(timeZone && { timeZone }),
  }).format(new Date(ms));
}
