import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  delaySeconds,
  recordingDelayByTeam,
  roundDuration,
  roundUpDuration,
  type RecordedEvent,
} from "./recording-delay.ts";

const at = (iso: string, minutesLater: number, team: string | null = "JG-STP", offline = false): RecordedEvent => ({
  team,
  eventTime: iso,
  recordedAt: new Date(Date.parse(iso) + minutesLater * 60_000).toISOString(),
  fromDevice: offline,
  offline,
});

describe("the recording delay per team", () => {
  it("gives each team its events, the median and the longest delay, and how many came offline", () => {
    const t = "2020-12-19T08:00:00+04:00";
    const rows = recordingDelayByTeam([
      at(t, 10),
      at(t, 40, "JG-STP", true),
      at(t, 400, "JG-STP", true),
      at(t, 5, "MCHS-NOGINSK"),
      at(t, 15, "MCHS-NOGINSK"),
      at(t, 1, null),
    ]);
    expect(rows).toEqual([
      { team: "JG-STP", events: 3, fromDevices: 2, offline: 2, medianSeconds: 2400, maxSeconds: 24_000 },
      { team: "MCHS-NOGINSK", events: 2, fromDevices: 0, offline: 0, medianSeconds: 600, maxSeconds: 900 },
      { team: null, events: 1, fromDevices: 0, offline: 0, medianSeconds: 60, maxSeconds: 60 },
    ]);
  });

  it("counts an event time a little after its recording (a clock ahead) as recorded at once", () => {
    expect(delaySeconds({ eventTime: "2020-12-19T08:03:00Z", recordedAt: "2020-12-19T08:00:00Z" })).toBe(0);
  });

  it("has no team without events, and its median lies between the shortest and the longest delay", () => {
    const event = fc.record({
      team: fc.constantFrom("A", "B", null),
      minutes: fc.integer({ min: 0, max: 10_000 }),
      offline: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (specs) => {
        const events = specs.map((s) => at("2020-12-19T00:00:00Z", s.minutes, s.team, s.offline));
        const rows = recordingDelayByTeam(events);
        expect(rows.reduce((n, r) => n + r.events, 0)).toBe(events.length);
        for (const r of rows) {
          const delays = events.filter((e) => e.team === r.team).map(delaySeconds);
          expect(r.events).toBeGreaterThan(0);
          expect(r.maxSeconds).toBe(Math.max(...delays));
          expect(r.medianSeconds).toBeGreaterThanOrEqual(Math.min(...delays));
          expect(r.medianSeconds).toBeLessThanOrEqual(r.maxSeconds);
          expect(r.offline).toBeLessThanOrEqual(r.events);
        }
      }),
    );
  });
});

describe("a delay in words' units", () => {
  it("rounds a bound up, so 'within' never overstates how soon", () => {
    expect(roundUpDuration(0)).toEqual({ n: 1, unit: "minute" });
    expect(roundUpDuration(61)).toEqual({ n: 2, unit: "minute" });
    expect(roundUpDuration(3600)).toEqual({ n: 1, unit: "hour" });
    expect(roundUpDuration(6 * 3600 + 1)).toEqual({ n: 7, unit: "hour" });
    expect(roundUpDuration(48 * 3600)).toEqual({ n: 2, unit: "day" });
  });

  it("rounds a typical value to the nearest unit", () => {
    expect(roundDuration(20)).toEqual({ n: 0, unit: "minute" });
    expect(roundDuration(2400)).toEqual({ n: 40, unit: "minute" });
    expect(roundDuration(3590)).toEqual({ n: 1, unit: "hour" });
    expect(roundDuration(5 * 3600 + 1700)).toEqual({ n: 5, unit: "hour" });
    expect(roundDuration(3 * 86_400)).toEqual({ n: 3, unit: "day" });
  });
});
