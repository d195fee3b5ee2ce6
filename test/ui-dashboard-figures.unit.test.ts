// The dashboard's small figures that are counted in the browser: the latest day's events
// and a recording delay, each saying no more than what was read.
import { describe, expect, it } from "vitest";
import { latestDay } from "../web/src/api/latest-day.ts";
import type { RecordedEvent } from "../web/src/api/types.ts";
import type { EventType } from "../src/core/events.ts";
import { delayParts, formatDelay } from "../web/src/routes/field/delay.ts";

const at = (seq: number, type: EventType, eventTime: string): RecordedEvent => ({
  seq,
  recordedAt: eventTime,
  recordedBy: "u",
  event: { id: `e${seq}`, type, eventTime },
  prevHash: "",
  hash: "",
});

describe("the latest day's events on the dashboard", () => {
  const events = [
    at(1, "UnitDeparted", "2020-12-18T10:00:00+04:00"),
    at(2, "UnitArrived", "2020-12-19T00:30:00+04:00"),
    at(3, "GoodsUnloaded", "2020-12-19T09:00:00+04:00"),
    at(4, "GoodsUnloaded", "2020-12-19T10:00:00+04:00"),
  ];

  it("counts the day in the operation's time zone, by type, the commonest first", () => {
    const day = latestDay(events, "Asia/Yerevan");
    expect(day).toEqual({
      day: "2020-12-19",
      total: 3,
      partial: false,
      byType: [
        { type: "GoodsUnloaded", count: 2 },
        { type: "UnitArrived", count: 1 },
      ],
    });
  });

  it("calls the count complete when the tail read began on an earlier day", () => {
    expect(latestDay(events, "Asia/Yerevan", 4)?.partial).toBe(false);
  });

  it("calls the count a lower bound when a full tail read began on that same day", () => {
    const day = latestDay(events.slice(1), "Asia/Yerevan", 3);
    expect(day?.total).toBe(3);
    expect(day?.partial).toBe(true);
  });
});

describe("a recording delay", () => {
  it("is said in minutes, hours with one decimal, or days", () => {
    expect(delayParts(290)).toEqual({ unit: "min", value: 5 });
    expect(delayParts(5400)).toEqual({ unit: "h", value: 1.5 });
    expect(delayParts(190_454_400)).toEqual({ unit: "d", value: 2204 });
  });

  it("is worded by the reader's dictionary", () => {
    const ru = { "fieldRoom.delayMin": "мин", "fieldRoom.delayH": "ч", "fieldRoom.delayD": "дн." };
    const t = (key: keyof typeof ru, vars: { n: number }) => `${vars.n} ${ru[key]}`;
    expect(formatDelay(190_454_400, t)).toBe("2204 дн.");
    expect(formatDelay(7200, t)).toBe("2 ч");
  });
});
