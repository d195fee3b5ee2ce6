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
