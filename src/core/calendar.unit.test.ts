import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dayIn, dayStanding, isCalendarDay, timeIn } from "./calendar.ts";

const ZONES = ["UTC", "Asia/Yerevan", "Europe/Moscow", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kathmandu"];
const instants = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2040-01-01T00:00:00Z"),
  noInvalidDate: true,
});

describe("calendar days", () => {
  it("takes only days that exist, written YYYY-MM-DD", () => {
    expect(isCalendarDay("2020-12-19")).toBe(true);
    expect(isCalendarDay("2024-02-29")).toBe(true);
    for (const bad of ["2021-02-29", "2020-02-30", "2020-13-01", "2020-12-1", "19.12.2020", "2020-12-19T00:00", ""])
      expect(isCalendarDay(bad)).toBe(false);
  });

  it("dates an instant as the operation's people do: 20:30 UTC on the 18th is the 19th in Yerevan", () => {
    expect(dayIn("Asia/Yerevan", "2020-12-18T20:30:00Z")).toBe("2020-12-19");
    expect(timeIn("Asia/Yerevan", "2020-12-18T20:30:00Z")).toBe("00:30");
    expect(dayIn("UTC", "2020-12-18T20:30:00Z")).toBe("2020-12-18");
    expect(timeIn("Asia/Kathmandu", "2020-12-18T00:00:00Z")).toBe("05:45");
  });

  it("tells a day that is over from today and from a day to come, in the operation's time zone", () => {
    const now = new Date("2026-12-07T21:00:00Z"); // 01:00 on the 8th in Yerevan
    expect(dayStanding("2026-12-07", "Asia/Yerevan", now)).toBe("over");
    expect(dayStanding("2026-12-08", "Asia/Yerevan", now)).toBe("today");
    expect(dayStanding("2026-12-09", "Asia/Yerevan", now)).toBe("to-come");
    expect(dayStanding("2026-12-07", "UTC", now)).toBe("today");
    expect(dayStanding("2026-12-08", "UTC", now)).toBe("to-come");
  });

  it("always finds now's own day to be today, the day before over and the day after to come", () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (now, zone) => {
        const today = dayIn(zone, now);
        expect(isCalendarDay(today)).toBe(true);
        expect(timeIn(zone, now)).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(dayStanding(today, zone, now)).toBe("today");
        const shift = (days: number) =>
          new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        expect(dayStanding(shift(-1), zone, now)).toBe("over");
        expect(dayStanding(shift(1), zone, now)).toBe("to-come");
      }),
    );
  });
});
