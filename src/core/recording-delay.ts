// How soon facts reach the ledger, per team: the delay between when something happened
// (event time) and when the ledger recorded it, for the events of a report's period. The
// situation report quotes it ("recorded within 7 hours of happening, median 40 min; 12
// recorded offline"). Pure: the events' two instants arrive as ISO strings.

export interface RecordedEvent {
  team: string | null;
  eventTime: string;
  recordedAt: string;
  /** Sent by the field app with a device credential. */
  fromDevice: boolean;
  /** Queued on the phone while it had no connection. */
  offline: boolean;
}

export interface TeamRecordingDelay {
  /** The team the events name; null for events that name none (listed last). */
  team: string | null;
  events: number;
  fromDevices: number;
  offline: number;
  /** The median delay (the mean of the two middle ones for an even count), whole seconds. */
  medianSeconds: number;
  /** The longest delay: every event of the team was recorded within it. */
  maxSeconds: number;
}

/**
 * The delay of one event in whole seconds. An event time after its recording (a clock
 * ahead within the server's five-minute tolerance) counts as recorded at once.
 */
export function delaySeconds(e: Pick<RecordedEvent, "eventTime" | "recordedAt">): number {
  return Math.max(0, Math.round((Date.parse(e.recordedAt) - Date.parse(e.eventTime)) / 1000));
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The figures per team, teams in code order and events naming no team last. */
export function recordingDelayByTeam(events: readonly RecordedEvent[]): TeamRecordingDelay[] {
  const byTeam = new Map<string | null, RecordedEvent[]>();
  for (const e of events) byTeam.set(e.team, [...(byTeam.get(e.team) ?? []), e]);
  const teams = [...byTeam.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return teams.map((team) => {
    const of = byTeam.get(team)!;
    const delays = of.map(delaySeconds).sort((a, b) => a - b);
    return {
      team,
      events: of.length,
      fromDevices: of.filter((e) => e.fromDevice).length,
      offline: of.filter((e) => e.offline).length,
      medianSeconds: median(delays),
      maxSeconds: delays[delays.length - 1]!,
    };
  });
}

export type DurationUnit = "minute" | "hour" | "day";

/**
 * A delay as a whole number of minutes, hours or days, rounded up ("within"): a bound a
 * report can state without overstating how soon. Under an hour in minutes (at least one),
 * under two days in hours, else in days.
 */
export function roundUpDuration(seconds: number): { n: number; unit: DurationUnit } {
  if (seconds < 3600) return { n: Math.max(1, Math.ceil(seconds / 60)), unit: "minute" };
  if (seconds < 48 * 3600) return { n: Math.ceil(seconds / 3600), unit: "hour" };
  return { n: Math.ceil(seconds / 86_400), unit: "day" };
}

/** A delay rounded to the nearest whole minute, hour or day (a typical value: the median); 0 minutes under 30 s. */
export function roundDuration(seconds: number): { n: number; unit: DurationUnit } {
  if (seconds < 3600 - 30) return { n: Math.round(seconds / 60), unit: "minute" };
  if (seconds < 48 * 3600 - 1800) return { n: Math.round(seconds / 3600), unit: "hour" };
  return { n: Math.round(seconds / 86_400), unit: "day" };
}
