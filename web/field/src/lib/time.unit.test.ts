// How the field app writes a moment: unambiguous date, 24-hour time, and the zone named.
import { describe, expect, it } from "vitest";
import { formatClock, formatTime } from "./time.ts";

const signedIn = "2026-12-07T22:51:00Z";

describe("a moment on the phone's screens", () => {
  it("names the operation's zone, so the same moment reads the same on every screen", () => {
    expect(formatTime("en", signedIn, "Asia/Yerevan")).toBe("Dec 8, 2026, 02:51 GMT+4");
    expect(formatTime("ru", signedIn, "Asia/Yerevan")).toBe("8 дек. 2026 г., 02:51 GMT+4");
  });

  it("writes the month as a word and the hour on a 24-hour clock", () => {
    const text = formatTime("en", "2026-08-12T15:05:00Z", "UTC");
    expect(text).toContain("Aug 12, 2026");
    expect(text).toContain("15:05");
    expect(text).not.toMatch(/[AP]M/);
  });
});

describe("when the phone tries again", () => {
  const at = Date.parse("2026-12-07T22:32:05Z");

  it("says the time to the second in the operation's zone, named, whatever the phone's own zone", () => {
    expect(formatClock("en", at, "Asia/Yerevan")).toBe("02:32:05 GMT+4");
    expect(formatClock("ru", at, "Asia/Yerevan")).toBe("02:32:05 GMT+4");
    expect(formatClock("en", at, "UTC")).toBe("22:32:05 UTC");
  });
});
