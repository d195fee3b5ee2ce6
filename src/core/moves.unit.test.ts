import { describe, expect, it } from "vitest";
import type { EventType, LedgerEvent, Line } from "./events.ts";
import type { StockMove } from "./moves.ts";
import { movesOf } from "./moves.ts";

const DONOR = "donor:DONOR-TEST-OP";
const line = (item: string, quantity: string, extra: Partial<Line> = {}): Line => ({
  item,
  quantity,
  uom: item === "CRANE" ? "H87" : "MTQ",
  ...extra,
});
const ev = (type: EventType, rest: Partial<LedgerEvent>): LedgerEvent => ({
  id: "0193c0de-0000-7000-8000-000000000001",
  type,
  eventTime: "2020-12-01T08:00:00+04:00",
  ...rest,
});
const mv = (item: string, quantity: string, from: string, to: string): StockMove => ({ item, quantity, from, to });

describe("movesOf: one move per line, from `from` to `to`", () => {
  it.each<[EventType, Partial<LedgerEvent>, string, string]>([
    ["GoodsPledged", { location: "DEPOT", from: DONOR, to: "DEPOT" }, DONOR, "DEPOT"],
    [
      "GoodsLoaded",
      { location: "DEPOT", unit: "24073082", from: "DEPOT", to: "unit:24073082" },
      "DEPOT",
      "unit:24073082",
    ],
    [
      "GoodsUnloaded",
      { location: "RAILHEAD", unit: "24073082", from: "unit:24073082", to: "RAILHEAD" },
      "unit:24073082",
      "RAILHEAD",
    ],
    ["GoodsStored", { location: "RAILHEAD", from: "RAILHEAD", to: "HUB" }, "RAILHEAD", "HUB"],
    ["StockTransferred", { from: "HUB", to: "DEPOT" }, "HUB", "DEPOT"],
    ["GoodsShipped", { location: "HUB", unit: "54512348", from: "HUB", to: "unit:54512348" }, "HUB", "unit:54512348"],
    [
      "GoodsDistributed",
      { location: "HUB", neighbourhood: "N1", from: "HUB", to: "recipients:N1", households: 4 },
      "HUB",
      "recipients:N1",
    ],
    ["StockWrittenOff", { location: "HUB", from: "HUB", to: "loss" }, "HUB", "loss"],
  ])("%s moves each line from its `from` to its `to`", (type, rest, from, to) => {
    const e = ev(type, { ...rest, lines: [line("LUMBER", "120.5"), line("CRANE", "2")] });
    expect(movesOf(e)).toEqual([mv("LUMBER", "120.5", from, to), mv("CRANE", "2", from, to)]);
  });

  it.each(["UnitDeparted", "UnitArrived"] as const)("%s moves nothing", (type) => {
    expect(movesOf(ev(type, { unit: "24073082", location: "RAILHEAD" }))).toEqual([]);
  });

  it("skips zero-quantity lines, and events without both ends", () => {
    expect(
      movesOf(ev("GoodsStored", { from: "HUB", to: "DEPOT", lines: [line("LUMBER", "0"), line("CRANE", "1")] })),
    ).toEqual([mv("CRANE", "1", "HUB", "DEPOT")]);
    expect(movesOf(ev("GoodsStored", { from: "HUB", lines: [line("LUMBER", "1")] }))).toEqual([]);
  });

  it("is a pure function of the event: same event, same moves, event untouched", () => {
    const e = ev("GoodsLoaded", { unit: "24073082", from: "DEPOT", to: "unit:24073082", lines: [line("LUMBER", "3")] });
    const copy = structuredClone(e);
    expect(movesOf(e)).toEqual(movesOf(copy));
    expect(e).toEqual(copy);
  });
});

describe("movesOf: GoodsReceived counts", () => {
  const received = (rest: Partial<LedgerEvent>, ...lines: Line[]) =>
    movesOf(ev("GoodsReceived", { location: "HUB", ...rest, lines }));
  const fromUnit = { unit: "24073082", from: "unit:24073082" };

  describe("counted from the unit", () => {
    it("an exact count (no expected) moves the counted quantity from the unit to the location", () => {
      expect(received(fromUnit, line("LUMBER", "120"))).toEqual([mv("LUMBER", "120", "unit:24073082", "HUB")]);
      expect(received(fromUnit, line("LUMBER", "120", { expected: "120" }))).toEqual([
        mv("LUMBER", "120", "unit:24073082", "HUB"),
      ]);
    });

    it("a short count moves what was counted to the location and the shortfall from the unit to loss", () => {
      expect(received(fromUnit, line("LUMBER", "117.25", { expected: "120" }))).toEqual([
        mv("LUMBER", "117.25", "unit:24073082", "HUB"),
        mv("LUMBER", "2.75", "unit:24073082", "loss"),
      ]);
    });

    it("an over count moves the expected quantity from the unit and the excess from loss to the location", () => {
      expect(received(fromUnit, line("CRANE", "5", { expected: "3" }))).toEqual([
        mv("CRANE", "3", "unit:24073082", "HUB"),
        mv("CRANE", "2", "loss", "HUB"),
      ]);
    });

    it("a zero count sends everything expected to loss, and nothing arrives", () => {
      expect(received(fromUnit, line("LUMBER", "0", { expected: "40" }))).toEqual([
        mv("LUMBER", "40", "unit:24073082", "loss"),
      ]);
    });

    it("a zero count of nothing expected moves nothing", () => {
      expect(received(fromUnit, line("LUMBER", "0"))).toEqual([]);
      expect(received(fromUnit, line("LUMBER", "0", { expected: "0" }))).toEqual([]);
    });

    it("resolves the unit from `unit` when `from` is absent, and prefers an explicit `from`", () => {
      expect(received({ unit: "54512348" }, line("LUMBER", "1"))).toEqual([mv("LUMBER", "1", "unit:54512348", "HUB")]);
      expect(received({ unit: "54512348", from: "RAILHEAD" }, line("LUMBER", "1"))).toEqual([
        mv("LUMBER", "1", "RAILHEAD", "HUB"),
      ]);
    });
  });

  describe("counted where the goods already are (no unit, or `from` is the location)", () => {
    it.each([{}, { from: "HUB" }])("an exact count moves nothing (no self-move) — %j", (rest) => {
      expect(received(rest, line("LUMBER", "120", { expected: "120" }))).toEqual([]);
      expect(received(rest, line("LUMBER", "120"))).toEqual([]);
    });

    it("a short count moves only the shortfall, from the location to loss", () => {
      expect(received({}, line("LUMBER", "99.5", { expected: "100" }))).toEqual([mv("LUMBER", "0.5", "HUB", "loss")]);
    });

    it("an over count moves only the excess, from loss to the location", () => {
      expect(received({}, line("LUMBER", "100.000001", { expected: "100" }))).toEqual([
        mv("LUMBER", "0.000001", "loss", "HUB"),
      ]);
    });

    it("a zero count writes off everything expected", () => {
      expect(received({}, line("CRANE", "0", { expected: "7" }))).toEqual([mv("CRANE", "7", "HUB", "loss")]);
    });
  });

  it("handles several lines independently, in line order", () => {
    expect(
      received(
        fromUnit,
        line("LUMBER", "10", { expected: "12" }),
        line("CRANE", "2", { expected: "1" }),
        line("FLOUR", "0"),
      ),
    ).toEqual([
      mv("LUMBER", "10", "unit:24073082", "HUB"),
      mv("LUMBER", "2", "unit:24073082", "loss"),
      mv("CRANE", "1", "unit:24073082", "HUB"),
      mv("CRANE", "1", "loss", "HUB"),
    ]);
  });

  it("never moves a non-positive quantity or from a place to itself", () => {
    const cases = [
      ["0", "5"],
      ["5", "0"],
      ["5", "5"],
      ["3", "5"],
      ["5", "3"],
    ] as const;
    for (const [quantity, expected] of cases) {
      for (const rest of [{}, fromUnit, { from: "HUB" }]) {
        for (const m of received(rest, line("LUMBER", quantity, { expected }))) {
          expect(Number(m.quantity)).toBeGreaterThan(0);
          expect(m.from).not.toBe(m.to);
        }
      }
    }
  });
});
