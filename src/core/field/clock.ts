// A phone's clock, corrected by the server's. At every contact the app measures the
// offset (server time minus its own, taken at the middle of the round trip) and keeps the
// latest; each event is recorded at the phone's time plus that offset, written at the
// operation's UTC offset, and its origin keeps the raw reading and the offset applied.
// Pure: the phone's clock readings arrive as arguments.
import type { OriginInput } from "../events.ts";

export interface ClockSample {
  /** The server's time in its answer (ISO 8601). */
  serverTime: string;
  /** The phone's clock when the request left and when the answer came (ms since the epoch). */
  sentAt: number;
  receivedAt: number;
}

/** Server time minus phone time, assuming the answer was written halfway through the round trip. */
export function offsetFromSample(sample: ClockSample): number {
  const server = Date.parse(sample.serverTime);
  if (Number.isNaN(server) || sample.receivedAt < sample.sentAt) throw new RangeError("not a usable clock sample");
  return Math.round(server - (sample.sentAt + sample.receivedAt) / 2);
}

/** An instant written at a UTC offset in minutes: "2020-12-19T10:30:00.000+04:00". */
export function isoAtOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return new Date(ms + offsetMinutes * 60_000).toISOString().replace("Z", `${sign}${hhmm}`);
}

/**
 * When an event happened, by the phone's clock corrected with the last offset seen, and
 * the origin that says so. `zoneOffsetMinutes` is the operation's UTC offset at that instant.
 */
export function stampTime(
  phoneNow: number,
  offsetMs: number,
  zoneOffsetMinutes: number,
  offline: boolean,
): { eventTime: string; origin: OriginInput } {
  return {
    eventTime: isoAtOffset(phoneNow + offsetMs, zoneOffsetMinutes),
    origin: { offline, deviceTime: new Date(phoneNow).toISOString(), clockOffsetMs: offsetMs },
  };
}
