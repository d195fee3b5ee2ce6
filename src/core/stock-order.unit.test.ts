// The first instant a place held less than nothing, from the moves after a moment.
import { describe, expect, it } from "vitest";
import { firstNegativeInstants, movesTimeOf, type TimedMove } from "./stock-order.ts";

const move = (seq: number, from: string, to: string, time: string, quantity: string): TimedMove => ({
  from,
  to,
  item: "FLOUR",
  time,
  seq,
  eventId: `e${seq}`,
  quantity,
});
const pair = (location: string, balance: string, since = "2021-01-01T00:00:00.000Z") => ({
  location,
  item: "FLOUR",
  since,
  balance,
});

describe("the first negative instant from the moves", () => {
  it("walks back from the balance now: a loading before the receipt that fed it is the hole", () => {
    const moves = [
      move(1, "HUB", "unit:1", "2021-01-01T10:00:00.000000", "5"),
      move(2, "donor:D", "HUB", "2021-01-01T12:00:00.000000", "5"),
    ];
    expect(firstNegativeInstants([pair("HUB", "0")], moves)).toEqual([
      { location: "HUB", item: "FLOUR", time: "2021-01-01T10:00:00.000Z", balance: "-5", evidence: ["e1"] },
    ]);
  });

  it("counts the moves of one instant together, to the microsecond, and names their events in sequence order", () => {
    const moves = [
      move(3, "HUB", "unit:1", "2021-01-01T10:00:00.000001", "2.500"),
      move(2, "unit:2", "HUB", "2021-01-01T10:00:00.000001", "2"),
      move(4, "HUB", "unit:3", "2021-01-01T10:00:00.000002", "1"),
    ];
    expect(firstNegativeInstants([pair("HUB", "-1.5")], moves)).toEqual([
      { location: "HUB", item: "FLOUR", time: "2021-01-01T10:00:00.000Z", balance: "-0.5", evidence: ["e2", "e3"] },
    ]);
  });

  it("leaves out moves before the pair's moment, places not checked, and moves that stay in one place", () => {
    const moves = [
      move(1, "HUB", "unit:1", "2020-12-31T23:59:59.999999", "9"),
      move(2, "HUB", "HUB", "2021-01-01T01:00:00.000000", "9"),
      move(3, "DEPOT", "unit:1", "2021-01-01T02:00:00.000000", "9"),
    ];
    expect(firstNegativeInstants([pair("HUB", "-9")], moves)).toEqual([]);
    expect(firstNegativeInstants([pair("HUB", "-9", "-infinity")], moves)).toEqual([
      { location: "HUB", item: "FLOUR", time: "2020-12-31T23:59:59.999Z", balance: "-9", evidence: ["e1"] },
    ]);
  });
});

describe("an event time in the moves' time format", () => {
  it.each([
    ["2020-12-19T10:30:00+04:00", "2020-12-19T06:30:00.000000"],
    ["2020-12-19T10:30+04:00", "2020-12-19T06:30:00.000000"],
    ["2020-12-31T23:59:59.999Z", "2020-12-31T23:59:59.999000"],
    ["2020-12-19T10:30:00.5-01:00", "2020-12-19T11:30:00.500000"],
    ["2020-12-19T10:30:00.123000Z", "2020-12-19T10:30:00.123000"],
  ])("writes %s as the database does (%s)", (time, text) => {
    expect(movesTimeOf(time)).toBe(text);
  });

  it("leaves to the database a time finer than a millisecond, which a JavaScript date would round", () => {
    expect(movesTimeOf("2020-12-19T10:30:00.123456Z")).toBeUndefined();
  });
});
