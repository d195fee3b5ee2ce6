// Clock correction and derived ids: a phone whose clock is wrong still records the time
// the server would have; two phones recording one step choose one id.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isoAtOffset, offsetFromSample, stampTime } from "./clock.ts";
import { derivedId, stepId } from "./ids.ts";
import { factOf, formatAtOffset, offsetOf, stampOrigin } from "../origin.ts";

describe("the clock offset", () => {
  it("is server time minus the middle of the round trip", () => {
    const phone = Date.parse("2020-12-19T08:00:00Z");
    expect(offsetFromSample({ serverTime: "2020-12-19T10:00:01.000Z", sentAt: phone, receivedAt: phone + 2000 })).toBe(
      2 * 3_600_000,
    );
  });

  it("refuses a sample whose answer came before its request", () => {
    expect(() => offsetFromSample({ serverTime: "2020-12-19T10:00:00Z", sentAt: 10, receivedAt: 5 })).toThrow(
      RangeError,
    );
  });

  it("corrects a phone two hours slow to the server's time, at the operation's offset, and keeps the raw reading", () => {
    const phone = Date.parse("2020-12-19T04:30:00Z");
    const { eventTime, origin } = stampTime(phone, 2 * 3_600_000, 240, true);
    expect(eventTime).toBe("2020-12-19T10:30:00.000+04:00");
    expect(origin).toEqual({ offline: true, deviceTime: "2020-12-19T04:30:00.000Z", clockOffsetMs: 7_200_000 });
  });

  it("writes any instant at any offset without changing the instant (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -720, max: 840 }),
        (ms, minutes) => {
          expect(Date.parse(isoAtOffset(ms, minutes))).toBe(ms);
          expect(Date.parse(formatAtOffset(new Date(ms), offsetOf(isoAtOffset(ms, minutes))))).toBe(ms);
        },
      ),
    );
  });
});

describe("an event time still in the future when it reaches the server", () => {
  const now = new Date("2020-12-19T10:00:00Z");
  const input = {
    id: "0190a0a0-0000-7000-8000-000000000001",
    type: "UnitArrived" as const,
    unit: "1",
    location: "L",
    eventTime: "2020-12-19T16:00:00+04:00",
  };

  it("is recorded at the server's time, at the same offset, with the claimed time kept in the origin", () => {
    const stamped = stampOrigin(input, "phone", now, 300_000);
    expect(stamped.eventTime).toBe("2020-12-19T14:00:00.000+04:00");
    expect(stamped.origin).toEqual({ device: "phone", claimedEventTime: "2020-12-19T16:00:00+04:00" });
  });

  it("counts as the same fact as its retry once the time has passed", () => {
    const first = stampOrigin(input, "phone", now, 300_000);
    const later = stampOrigin(input, "phone", new Date("2020-12-19T13:00:00Z"), 300_000);
    expect(later.eventTime).toBe(input.eventTime);
    expect(factOf(first as never)).toEqual(factOf(later as never));
  });

  it("leaves a time within the allowed skew alone", () => {
    const near = { ...input, eventTime: "2020-12-19T14:04:00+04:00" };
    expect(stampOrigin(near, "phone", now, 300_000)).toEqual({ ...near, origin: { device: "phone" } });
  });
});

describe("ids derived from a step", () => {
  it("are RFC 9562 version 8 UUIDs that depend only on the step", () => {
    const id = stepId("OP", "24073082", 1, "GoodsUnloaded");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stepId("OP", "24073082", 1, "GoodsUnloaded")).toBe(id);
    expect(stepId("OP", "24073082", 2, "GoodsUnloaded")).not.toBe(id);
    expect(stepId("OP", "24073082", 1, "UnitArrived")).not.toBe(id);
  });

  it("differ for different labels (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(derivedId(a)).not.toBe(derivedId(b));
      }),
    );
  });
});
