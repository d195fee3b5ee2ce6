import { describe, expect, it } from "vitest";
import { catalogueContext, DONOR, NOW } from "../../test/helpers/arbitraries.ts";
import type { FieldError } from "./decide.ts";
import { decideEvent } from "./decide.ts";
import type { EventInput, EventType, LedgerEvent, LineInput } from "./events.ts";

// Given: the hand-built catalogue of arbitraries.ts (DEPOT, RAILHEAD, HUB, neighbourhood N1,
// units 24073082 and 54512348, LUMBER in MTQ, FLOUR in TNE, CRANE as equipment in H87),
// plus TENT, goods counted in pieces (H87), and server time NOW.
const ctx = catalogueContext({ items: [{ code: "TENT", uom: "H87", kind: "goods" }] });
const ID = "0193C0DE-0000-7000-8000-000000000001";
const AT = "2020-12-01T08:00:00+04:00";

const input = (type: EventType, rest: Partial<EventInput> = {}): EventInput => ({
  id: ID,
  type,
  eventTime: AT,
  ...rest,
});
const l = (item: string, quantity: string | number, extra: Partial<LineInput> = {}): LineInput => ({
  item,
  quantity,
  ...extra,
});

/** When decided, then accepted: the stored event. */
function accepted(type: EventType, rest: Partial<EventInput> = {}): LedgerEvent {
  const d = decideEvent(input(type, rest), ctx);
  if (!d.ok) throw new Error(`expected ${type} to be accepted, got ${JSON.stringify(d.errors)}`);
  return d.event;
}
/** When decided, then refused: the field errors. */
function refused(type: EventType, rest: Partial<EventInput> = {}, context = ctx): FieldError[] {
  const d = decideEvent(input(type, rest), context);
  if (d.ok) throw new Error(`expected ${type} to be refused, got ${JSON.stringify(d.event)}`);
  return d.errors;
}
const fields = (errors: FieldError[]) => errors.map((e) => e.field);
const lumber = [l("LUMBER", "300")];

describe("decideEvent: every event", () => {
  it("stores the resolved fact: lower-case id, event time as sent, canonical lines with the item's unit", () => {
    expect(
      accepted("GoodsPledged", {
        from: DONOR,
        location: "DEPOT",
        team: "T1",
        note: "n",
        lines: [l("LUMBER", "300.0"), l("FLOUR", 0.5, { condition: "damaged" })],
      }),
    ).toEqual({
      id: ID.toLowerCase(),
      type: "GoodsPledged",
      eventTime: AT,
      location: "DEPOT",
      from: DONOR,
      to: "DEPOT",
      team: "T1",
      note: "n",
      lines: [
        { item: "LUMBER", quantity: "300", uom: "MTQ" },
        { item: "FLOUR", quantity: "0.5", uom: "TNE", condition: "damaged" },
      ],
    });
  });

  it("refuses an event sent to another operation, accepts its own operation code", () => {
    expect(refused("UnitArrived", { unit: "24073082", location: "HUB", operation: "OTHER-OP" })).toEqual([
      { field: "/operation", message: expect.stringContaining("belongs to operation OTHER-OP") },
    ]);
    expect(accepted("UnitArrived", { unit: "24073082", location: "HUB", operation: "TEST-OP" })).not.toHaveProperty(
      "operation",
    );
  });

  it.each(["2020-12-01T08:00:00", "2020-12-01", "2020-12-01 08:00:00+04:00", "yesterday", "2020-12-01T08:00:00+0400"])(
    "refuses event time %j (no offset / not ISO 8601)",
    (eventTime) =>
      expect(fields(refused("UnitArrived", { unit: "24073082", location: "HUB", eventTime }))).toEqual(["/eventTime"]),
  );

  it.each(["2020-12-01T08:00Z", "2020-12-01T08:00:00.123456-03:30", "2020-12-01T08:00:00.5+05:45"])(
    "accepts event time %j",
    (eventTime) => {
      expect(accepted("UnitArrived", { unit: "24073082", location: "HUB", eventTime }).eventTime).toBe(eventTime);
    },
  );

  it("accepts an event up to 5 minutes ahead of server time, refuses one further in the future", () => {
    const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(accepted("UnitArrived", { unit: "24073082", location: "HUB", eventTime: ahead(5 * 60_000) })).toBeDefined();
    const errors = refused("UnitArrived", { unit: "24073082", location: "HUB", eventTime: ahead(5 * 60_000 + 1000) });
    expect(errors).toEqual([{ field: "/eventTime", message: expect.stringContaining("in the future") }]);
  });

  it.each(["2021-02-29T10:00:00+00:00", "2020-04-31T10:00:00Z", "2020-02-30T10:00:00+04:00"])(
    "refuses the impossible calendar date %j (V8 rolls it over; PostgreSQL rejects it)",
    (eventTime) =>
      expect(fields(refused("UnitArrived", { unit: "24073082", location: "HUB", eventTime }))).toEqual(["/eventTime"]),
  );

  it("records households and people on distributions only", () => {
    expect(fields(refused("GoodsStored", { location: "HUB", to: "DEPOT", households: 3, lines: lumber }))).toEqual([
      "/households",
    ]);
    expect(fields(refused("GoodsReceived", { location: "HUB", people: 12, lines: lumber }))).toEqual(["/people"]);
    expect(
      accepted("GoodsDistributed", { location: "HUB", neighbourhood: "N1", households: 3, people: 12, lines: lumber }),
    ).toMatchObject({ households: 3, people: 12 });
  });

  it("reports every problem at once, each with a JSON pointer", () => {
    const errors = refused("GoodsLoaded", {
      location: "NOWHERE",
      lines: [l("LUMBER", "1"), l("CRANE", "1.5"), l("SOAP", "1")],
    });
    expect(fields(errors)).toEqual(["/location", "/unit", "/lines/1/quantity", "/lines/2/item", "/to"]);
  });
});

describe("decideEvent: which fields each type needs, and where goods go", () => {
  it("GoodsPledged: from the donor to the location (or to `to`); needs location, from and lines; no unit", () => {
    expect(accepted("GoodsPledged", { from: DONOR, location: "DEPOT", lines: lumber })).toMatchObject({
      from: DONOR,
      to: "DEPOT",
    });
    expect(accepted("GoodsPledged", { from: DONOR, location: "DEPOT", to: "HUB", lines: lumber })).toMatchObject({
      from: DONOR,
      to: "HUB",
    });
    expect(fields(refused("GoodsPledged", { from: DONOR, lines: lumber }))).toEqual(["/location", "/to"]);
    expect(fields(refused("GoodsPledged", { location: "DEPOT", lines: lumber }))).toEqual(["/from"]);
    expect(fields(refused("GoodsPledged", { from: DONOR, location: "DEPOT" }))).toEqual(["/lines"]);
    expect(
      fields(refused("GoodsPledged", { from: DONOR, location: "DEPOT", unit: "24073082", lines: lumber })),
    ).toEqual(["/unit"]);
    expect(fields(refused("GoodsPledged", { from: "donor:NOBODY", location: "DEPOT", lines: lumber }))).toEqual([
      "/from",
    ]);
  });

  it("GoodsLoaded: from the location (or `from`) onto unit:<number>; needs the unit", () => {
    expect(accepted("GoodsLoaded", { unit: "24073082", location: "DEPOT", lines: lumber })).toMatchObject({
      from: "DEPOT",
      to: "unit:24073082",
    });
    expect(accepted("GoodsLoaded", { unit: "24073082", from: "HUB", lines: lumber })).toMatchObject({
      from: "HUB",
      to: "unit:24073082",
    });
    expect(accepted("GoodsLoaded", { unit: "24073082", location: "DEPOT", from: "HUB", lines: lumber })).toMatchObject({
      location: "DEPOT",
      from: "HUB",
    });
    expect(fields(refused("GoodsLoaded", { location: "DEPOT", lines: lumber }))).toEqual(["/unit", "/to"]);
    expect(refused("GoodsLoaded", { unit: "99999999", location: "DEPOT", lines: lumber })).toEqual([
      { field: "/unit", message: expect.stringContaining("unknown transport unit 99999999") },
    ]);
    expect(fields(refused("GoodsLoaded", { unit: "HUB", location: "DEPOT", lines: lumber }))).toEqual(["/unit"]);
    expect(fields(refused("GoodsLoaded", { unit: "24073082", lines: lumber }))).toEqual(["/from"]);
  });

  it.each(["UnitDeparted", "UnitArrived"] as const)("%s: needs unit and location, moves no goods", (type) => {
    const e = accepted(type, { unit: "54512348", location: "RAILHEAD" });
    expect(e).toEqual({ id: ID.toLowerCase(), type, eventTime: AT, unit: "54512348", location: "RAILHEAD" });
    expect(fields(refused(type, { location: "RAILHEAD" }))).toEqual(["/unit"]);
    expect(fields(refused(type, { unit: "54512348" }))).toEqual(["/location"]);
    expect(refused(type, { unit: "54512348", location: "RAILHEAD", lines: lumber })).toEqual([
      { field: "/lines", message: expect.stringContaining("moves no goods") },
    ]);
  });

  it("GoodsUnloaded: from the unit to the location (or `to`); needs unit and location", () => {
    expect(accepted("GoodsUnloaded", { unit: "24073082", location: "RAILHEAD", lines: lumber })).toMatchObject({
      from: "unit:24073082",
      to: "RAILHEAD",
    });
    expect(
      accepted("GoodsUnloaded", { unit: "24073082", location: "RAILHEAD", to: "HUB", lines: lumber }),
    ).toMatchObject({ from: "unit:24073082", to: "HUB" });
    expect(fields(refused("GoodsUnloaded", { location: "RAILHEAD", lines: lumber }))).toEqual(["/unit", "/from"]);
    expect(fields(refused("GoodsUnloaded", { unit: "24073082", lines: lumber }))).toEqual(["/location", "/to"]);
  });

  it("GoodsReceived: a count at the location; from the unit when given; zero counts and expected quantities allowed", () => {
    const fromUnit = accepted("GoodsReceived", {
      unit: "24073082",
      location: "HUB",
      lines: [l("LUMBER", "0", { expected: "120.50" })],
    });
    expect(fromUnit).toMatchObject({
      from: "unit:24073082",
      lines: [{ item: "LUMBER", quantity: "0", expected: "120.5", uom: "MTQ" }],
    });
    expect(fromUnit).not.toHaveProperty("to");
    const atLocation = accepted("GoodsReceived", { location: "HUB", lines: lumber });
    expect(atLocation).not.toHaveProperty("from");
    expect(
      accepted("GoodsReceived", { location: "HUB", unit: "24073082", from: "DEPOT", lines: lumber }),
    ).toMatchObject({ from: "DEPOT" });
    expect(fields(refused("GoodsReceived", { lines: lumber }))).toEqual(["/location"]);
    expect(
      fields(refused("GoodsReceived", { location: "HUB", lines: [l("CRANE", "1", { expected: "1.5" })] })),
    ).toEqual(["/lines/0/expected"]);
  });

  it.each(["GoodsStored", "StockTransferred"] as const)(
    "%s: from the location (or `from`) to `to`; no unit, not to itself",
    (type) => {
      expect(accepted(type, { location: "HUB", to: "DEPOT", lines: lumber })).toMatchObject({
        from: "HUB",
        to: "DEPOT",
      });
      expect(accepted(type, { from: "RAILHEAD", to: "HUB", lines: lumber })).toMatchObject({
        from: "RAILHEAD",
        to: "HUB",
      });
      expect(fields(refused(type, { location: "HUB", lines: lumber }))).toEqual(["/to"]);
      expect(refused(type, { location: "HUB", to: "HUB", lines: lumber })).toEqual([
        { field: "/to", message: "goods cannot move from HUB to itself" },
      ]);
      expect(fields(refused(type, { location: "HUB", to: "NOWHERE", lines: lumber }))).toEqual(["/to"]);
      expect(fields(refused(type, { location: "HUB", to: "DEPOT", unit: "24073082", lines: lumber }))).toEqual([
        "/unit",
      ]);
    },
  );

  it("GoodsShipped: from the location onto the unit when given, else to `to`", () => {
    expect(accepted("GoodsShipped", { location: "HUB", unit: "54512348", lines: lumber })).toMatchObject({
      from: "HUB",
      to: "unit:54512348",
    });
    expect(accepted("GoodsShipped", { location: "HUB", to: "DEPOT", lines: lumber })).toMatchObject({
      from: "HUB",
      to: "DEPOT",
    });
    expect(fields(refused("GoodsShipped", { location: "HUB", lines: lumber }))).toEqual(["/to"]);
  });

  it("GoodsDistributed: from the location to recipients:<neighbourhood>; the neighbourhood must be one", () => {
    expect(accepted("GoodsDistributed", { location: "HUB", neighbourhood: "N1", lines: lumber })).toMatchObject({
      from: "HUB",
      to: "recipients:N1",
      neighbourhood: "N1",
    });
    expect(refused("GoodsDistributed", { location: "HUB", neighbourhood: "DEPOT", lines: lumber })).toEqual([
      { field: "/neighbourhood", message: "location DEPOT is a origin-depot, expected neighbourhood" },
    ]);
    expect(fields(refused("GoodsDistributed", { location: "HUB", neighbourhood: "N9", lines: lumber }))).toEqual([
      "/neighbourhood",
    ]);
    expect(refused("GoodsDistributed", { location: "HUB", lines: lumber })).toEqual([
      { field: "/to", message: "GoodsDistributed needs the neighbourhood that received the goods" },
    ]);
    expect(
      fields(refused("GoodsDistributed", { location: "HUB", neighbourhood: "N1", unit: "24073082", lines: lumber })),
    ).toEqual(["/unit"]);
  });

  it("StockWrittenOff: from the location (or `from`) to loss", () => {
    expect(accepted("StockWrittenOff", { location: "HUB", lines: lumber })).toMatchObject({ from: "HUB", to: "loss" });
    expect(accepted("StockWrittenOff", { from: "DEPOT", lines: lumber })).toMatchObject({ from: "DEPOT", to: "loss" });
    expect(fields(refused("StockWrittenOff", { lines: lumber }))).toEqual(["/from"]);
    expect(fields(refused("StockWrittenOff", { location: "HUB", unit: "24073082", lines: lumber }))).toEqual(["/unit"]);
  });
});

describe("decideEvent: lines and quantities", () => {
  const one = (line: LineInput, type: EventType = "GoodsStored") =>
    decideEvent(input(type, { location: "HUB", to: "DEPOT", lines: [line] }), ctx);
  const quantityOf = (line: LineInput, type?: EventType) => {
    const d = one(line, type);
    return d.ok ? d.event.lines![0]!.quantity : d.errors;
  };

  it.each([
    ["300.0", "300"],
    ["300", "300"],
    [0.5, "0.5"],
    [300, "300"],
    ["0.500000", "0.5"],
    ["007", "7"],
    [" 12.50 ", "12.5"],
    ["999999999999999.999999", "999999999999999.999999"],
  ] as const)("canonicalises %j to %j", (raw, canonical) => expect(quantityOf(l("LUMBER", raw))).toBe(canonical));

  it.each([
    ["-5", "must not be negative"],
    [-5, "must not be negative"],
    ["0", "greater than zero"],
    [0, "greater than zero"],
    ["0.000", "greater than zero"],
    ["1e3", "decimal number"],
    [1e-7, "decimal number"],
    ["1.1234567", "decimal number"],
    ["1234567890123456", "decimal number"],
    ["", "decimal number"],
    ["abc", "decimal number"],
  ] as const)("refuses quantity %j (%s)", (raw, reason) => {
    expect(quantityOf(l("LUMBER", raw))).toEqual([
      { field: "/lines/0/quantity", message: expect.stringContaining(reason) },
    ]);
  });

  it("allows a zero quantity only as a count at receipt", () => {
    expect(quantityOf(l("LUMBER", "0"), "GoodsReceived")).toBe("0");
  });

  it("refuses fractions of whole-piece items (equipment, or goods counted in pieces), accepts whole spellings", () => {
    expect(quantityOf(l("CRANE", "1.5"))).toEqual([
      { field: "/lines/0/quantity", message: "CRANE is counted in whole pieces; got 1.5" },
    ]);
    expect(quantityOf(l("CRANE", 0.5))).toEqual([
      { field: "/lines/0/quantity", message: "CRANE is counted in whole pieces; got 0.5" },
    ]);
    expect(quantityOf(l("TENT", "2.25"))).toEqual([
      { field: "/lines/0/quantity", message: "TENT is counted in whole pieces; got 2.25" },
    ]);
    expect(quantityOf(l("CRANE", "2.0"))).toBe("2");
    expect(quantityOf(l("FLOUR", "2.25"))).toBe("2.25");
  });

  it("refuses an unknown item, an unknown unit of measure and a unit that is not the item's", () => {
    expect(one(l("SOAP", "1"))).toEqual({
      ok: false,
      errors: [{ field: "/lines/0/item", message: "unknown item SOAP in operation TEST-OP" }],
    });
    expect(one(l("LUMBER", "1", { uom: "XYZ" }))).toEqual({
      ok: false,
      errors: [{ field: "/lines/0/uom", message: expect.stringContaining("unknown unit of measure XYZ") }],
    });
    expect(one(l("LUMBER", "1", { uom: "TNE" }))).toEqual({
      ok: false,
      errors: [{ field: "/lines/0/uom", message: "item LUMBER is counted in MTQ, not TNE" }],
    });
    expect(quantityOf(l("LUMBER", "1", { uom: "MTQ" }))).toBe("1");
  });

  it("refuses an expected quantity outside a count at receipt", () => {
    expect(one(l("LUMBER", "1", { expected: "2" }))).toMatchObject({
      ok: false,
      errors: [{ field: "/lines/0/expected" }],
    });
  });
});
