// Where an event came from, and how a phone's clock is trusted. Pure: the clock and the
// device arrive as arguments.
//
// Clock correction (docs/field.md): the field app keeps the offset between the server's
// clock and its own, measured at every contact, and records each event at its own clock
// plus that offset; the origin keeps both the raw reading and the offset. If the phone's
// clock jumped after the last contact, the corrected time can still be in the future when
// the event arrives: it is then recorded at the server's time, with the claimed time kept
// in the origin (flagged, never refused). A retry of such an event is still a duplicate.
import type { EventInput, LedgerEvent } from "./events.ts";

/** Adds the device to a field app event and takes the server's time for an event still in the future. */
export function stampOrigin(input: EventInput, device: string, now: Date, skewMs: number): EventInput {
  const origin = { ...input.origin, device };
  const at = Date.parse(input.eventTime);
  if (Number.isNaN(at) || at <= now.getTime() + skewMs) return { ...input, origin };
  return {
    ...input,
    eventTime: formatAtOffset(now, offsetOf(input.eventTime)),
    origin: { ...origin, claimedEventTime: input.eventTime },
  };
}

/**
 * The fact an event states, for telling a retry from a conflicting reuse of its id: the
 * origin says how it was recorded, not what happened, and a time the server took in
 * place of a future one counts as the time the phone claimed.
 */
export function factOf(event: LedgerEvent): Omit<LedgerEvent, "origin"> {
  const { origin, ...fact } = event;
  return origin?.claimedEventTime === undefined ? fact : { ...fact, eventTime: origin.claimedEventTime };
}

/** "+04:00" from "2020-12-19T10:30:00+04:00"; "Z" stays "Z". */
export function offsetOf(time: string): string {
  return /([+-]\d{2}:\d{2}|Z)$/.exec(time)?.[1] ?? "Z";
}

/** An instant written at a UTC offset: formatAtOffset(2020-12-19T06:30:00Z, "+04:00") = "2020-12-19T10:30:00.000+04:00". */
export function formatAtOffset(instant: Date, offset: string): string {
  if (offset === "Z") return instant.toISOString();
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(instant.getTime() + minutes * 60_000).toISOString().replace("Z", offset);
}

/** Milliseconds between when it happened and when the ledger learnt it (negative if recorded "before" it happened). */
export const recordingDelayMs = (eventTime: string, recordedAt: string): number =>
  Date.parse(recordedAt) - Date.parse(eventTime);
