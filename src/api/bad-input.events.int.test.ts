// Bad input to the event routes (single and batch): each is refused with problem+json
// naming the field, and nothing is stored: no event, no move, no change of last_seq.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { LONE_SURROGATE, NUL, notJsonCases, refuses, send } from "../../test/helpers/http-bad-input.ts";

const arrival = (extra: Record<string, unknown> = {}) => ({
  ...event("UnitArrived", { unit: "24073082", location: "RAILHEAD" }),
  ...extra,
});
const pledge = (extra: Record<string, unknown> = {}) => ({
  ...event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] }),
  ...extra,
});
const pledgeOf = (l: Record<string, unknown>) => pledge({ lines: [{ item: "FLOUR", quantity: "5", ...l }] });
/** Recorded before the tests: sending its id again with other content is a conflict. */
const stored = arrival();

describeEachEngine("bad input to the ledger", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    await seedOperation(t.db, "OTHER-OP");
    const admin = { cookie: t.admin };
    const setup = [
      await send(t.app, "POST", "/api/operations/OTHER-OP/locations", {
        as: admin,
        body: { code: "ONLY-OTHER", name: "Elsewhere", kind: "warehouse" },
      }),
      await send(t.app, "POST", "/api/operations/OTHER-OP/locations", {
        as: admin,
        body: { code: "unit:77777777", name: "Their wagon", kind: "transport-unit", parent: "transit" },
      }),
      await send(t.app, "POST", "/api/operations/OTHER-OP/items", {
        as: admin,
        body: { code: "OTHER-ITEM", name: "Elsewhere", uom: "KGM", kind: "goods" },
      }),
      await send(t.app, "POST", `/api/operations/${OP}/events`, { as: admin, body: stored }),
    ];
    for (const res of setup) expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => t.close());

  const admin = () => ({ cookie: t.admin });

  describe("POST /api/operations/:op/events", () => {
    const url = `/api/operations/${OP}/events`;
    refuses(
      () => ({ t, method: "POST", url, as: admin() }),
      [
        ...notJsonCases(arrival()),
        // the schema: types, required fields, unknown values
        { name: "a unit number sent as a number", body: arrival({ unit: 24073082 }), status: 400, names: "/unit" },
        { name: "a location sent as a number", body: arrival({ location: 7 }), status: 400, names: "/location" },
        { name: "households sent as text", body: arrival({ households: "3" }), status: 400, names: "/households" },
        {
          name: "a quantity sent as a boolean",
          body: pledgeOf({ quantity: true }),
          status: 400,
          names: "/lines/0/quantity",
        },
        {
          name: "a quantity sent as null",
          body: pledgeOf({ quantity: null }),
          status: 400,
          names: "/lines/0/quantity",
        },
        {
          name: "an unknown field on a line",
          body: pledgeOf({ colour: "red" }),
          status: 400,
          names: "/lines/0/colour",
        },
        { name: "a missing id", body: { ...arrival(), id: undefined }, status: 400, names: "/id" },
        { name: "a missing type", body: { ...arrival(), type: undefined }, status: 400, names: "/type" },
        {
          name: "a missing event time",
          body: { ...arrival(), eventTime: undefined },
          status: 400,
          names: "/eventTime",
        },
        {
          name: "a line without an item",
          body: pledge({ lines: [{ quantity: "5" }] }),
          status: 400,
          names: "/lines/0/item",
        },
        { name: "an unknown event type", body: arrival({ type: "UnitTeleported" }), status: 400, names: "/type" },
        { name: "an id that is not a UUID", body: arrival({ id: "event-1" }), status: 400, names: "/id" },
        {
          name: "an unknown condition",
          body: pledgeOf({ condition: "soggy" }),
          status: 400,
          names: "/lines/0/condition",
        },
        {
          name: "a line unit of measure in lower case",
          body: pledgeOf({ uom: "tne" }),
          status: 400,
          names: "/lines/0/uom",
        },
        { name: "a note of 2001 characters", body: arrival({ note: "n".repeat(2001) }), status: 400, names: "/note" },
        {
          name: "501 lines",
          body: pledge({ lines: Array.from({ length: 501 }, () => line("FLOUR", "1")) }),
          status: 400,
          names: "/lines",
        },
        { name: "a negative household count", body: arrival({ households: -1 }), status: 400, names: "/households" },
        // quantities
        {
          name: "a negative quantity as text",
          body: pledgeOf({ quantity: "-5" }),
          status: 422,
          names: "/lines/0/quantity",
        },
        {
          name: "a negative quantity as a number",
          body: pledgeOf({ quantity: -5 }),
          status: 422,
          names: "/lines/0/quantity",
        },
        {
          name: "a non-numeric quantity",
          body: pledgeOf({ quantity: "lots" }),
          status: 422,
          names: "/lines/0/quantity",
        },
        {
          name: "a quantity in exponent notation",
          body: pledgeOf({ quantity: "1e3" }),
          status: 422,
          names: "/lines/0/quantity",
        },
        { name: "a zero quantity", body: pledgeOf({ quantity: "0" }), status: 422, names: "/lines/0/quantity" },
        {
          name: "a quantity with 7 decimals",
          body: pledgeOf({ quantity: "0.1234567" }),
          status: 422,
          names: "/lines/0/quantity",
        },
        {
          name: "a quantity of 16 digits",
          body: pledgeOf({ quantity: "1234567890123456" }),
          status: 422,
          names: "/lines/0/quantity",
        },
        {
          name: "half a piece of equipment",
          body: pledge({ lines: [line("CRANE", "0.5")] }),
          status: 422,
          names: "/lines/0/quantity",
        },
        // references to the catalogue
        { name: "an unknown item", body: pledgeOf({ item: "CAVIAR" }), status: 422, names: "/lines/0/item" },
        { name: "an unknown location", body: arrival({ location: "ATLANTIS" }), status: 422, names: "/location" },
        { name: "an unknown transport unit", body: arrival({ unit: "99999999" }), status: 422, names: "/unit" },
        { name: "an unknown source location", body: pledge({ from: "donor:NOBODY" }), status: 422, names: "/from" },
        { name: "a line unit of measure XYZ", body: pledgeOf({ uom: "XYZ" }), status: 422, names: "/lines/0/uom" },
        {
          name: "a line unit of measure other than the item's",
          body: pledgeOf({ uom: "KGM" }),
          status: 422,
          names: "/lines/0/uom",
        },
        {
          name: "a neighbourhood that is not a neighbourhood",
          body: event("GoodsDistributed", { location: "HUB", neighbourhood: "DEPOT", lines: [line("FLOUR", "1")] }),
          status: 422,
          names: "/neighbourhood",
        },
        // other operations
        {
          name: "an operation field naming another operation",
          body: arrival({ operation: "OTHER-OP" }),
          status: 422,
          names: "/operation",
        },
        {
          name: "a location that exists only in another operation",
          body: arrival({ location: "ONLY-OTHER" }),
          status: 422,
          names: "/location",
        },
        {
          name: "a transport unit that exists only in another operation",
          body: arrival({ unit: "77777777" }),
          status: 422,
          names: "/unit",
        },
        {
          name: "an item that exists only in another operation",
          body: pledgeOf({ item: "OTHER-ITEM" }),
          status: 422,
          names: "/lines/0/item",
        },
        {
          name: "an operation that does not exist",
          url: "/api/operations/NO-SUCH-OP/events",
          body: arrival(),
          status: 404,
          names: "NO-SUCH-OP",
        },
        // the rules of each event type
        { name: "an arrival without a unit", body: { ...arrival(), unit: undefined }, status: 422, names: "/unit" },
        {
          name: "an arrival with lines of goods",
          body: arrival({ lines: [line("FLOUR", "1")] }),
          status: 422,
          names: "/lines",
        },
        { name: "a pledge without lines", body: pledge({ lines: [] }), status: 422, names: "/lines" },
        { name: "a pledge with a transport unit", body: pledge({ unit: "24073082" }), status: 422, names: "/unit" },
        {
          name: "goods moved from a place to itself",
          body: event("StockTransferred", { from: "HUB", to: "HUB", lines: [line("FLOUR", "1")] }),
          status: 422,
          names: "/to",
        },
        {
          name: "households on an event that is not a distribution",
          body: arrival({ households: 3 }),
          status: 422,
          names: "/households",
        },
        {
          name: "an expected quantity outside a count at receipt",
          body: pledgeOf({ expected: "5" }),
          status: 422,
          names: "/lines/0/expected",
        },
        // time
        {
          name: "an event time in the future",
          body: arrival({ eventTime: "2026-01-01T00:10:00Z" }),
          status: 422,
          names: "/eventTime",
        },
        {
          name: "an event time in the future of another time zone",
          body: arrival({ eventTime: "2026-01-01T04:10:00+04:00" }),
          status: 422,
          names: "/eventTime",
        },
        {
          name: "an event time without an offset",
          body: arrival({ eventTime: "2020-12-01T10:00:00" }),
          status: 422,
          names: "/eventTime",
        },
        {
          name: "an event time that is not a time",
          body: arrival({ eventTime: "yesterday" }),
          status: 422,
          names: "/eventTime",
        },
        {
          name: "an event time with month 13",
          body: arrival({ eventTime: "2020-13-01T10:00:00Z" }),
          status: 422,
          names: "/eventTime",
        },
        // history is never overwritten
        {
          name: "a stored event id with different content",
          body: { ...stored, location: "HUB" },
          status: 409,
          names: "/id",
        },
        // inputs the database cannot hold: refused at the edge, never a 500
        { name: "a note containing a NUL character", body: arrival({ note: NUL }), status: "4xx", names: "/note" },
        {
          name: "a note containing an unpaired surrogate (\\ud800)",
          body: arrival({ note: LONE_SURROGATE }),
          status: "4xx",
          names: "/note",
        },
        {
          name: "a unit number containing a NUL character",
          body: arrival({ unit: NUL }),
          status: "4xx",
          names: "/unit",
        },
        {
          name: "an id written as a urn:uuid: URN",
          body: arrival({ id: `urn:uuid:${arrival().id}` }),
          status: "4xx",
          names: "/id",
        },
        {
          name: "an event time on 29 February of a common year",
          body: arrival({ eventTime: "2021-02-29T10:00:00Z" }),
          status: [400, 422],
          names: "/eventTime",
        },
        {
          name: "an event time on 31 April",
          body: arrival({ eventTime: "2020-04-31T10:00:00+04:00" }),
          status: [400, 422],
          names: "/eventTime",
        },
        {
          name: "an event time in year 0",
          body: arrival({ eventTime: "0000-06-01T10:00:00Z" }),
          status: [400, 422],
          names: "/eventTime",
        },
        {
          name: "an event time with offset +16:00",
          body: arrival({ eventTime: "2020-12-01T10:00:00+16:00" }),
          status: [400, 422],
          names: "/eventTime",
        },
      ],
    );
  });

  describe("POST /api/operations/:op/events/batch", () => {
    const url = `/api/operations/${OP}/events/batch`;
    const good = () => [pledge(), arrival(), pledge({ lines: [line("LUMBER", "2.5")] })];
    refuses(
      () => ({ t, method: "POST", url, as: admin() }),
      [
        ...notJsonCases({ events: good() }),
        { name: "events that are not an array", body: { events: arrival() }, status: 400, names: "/events" },
        { name: "a missing events field", body: {}, status: 400, names: "/events" },
        { name: "an empty batch", body: { events: [] }, status: 400, names: "/events" },
        {
          name: "a batch of 10,001 events",
          body: { events: Array.from({ length: 10_001 }, () => arrival()) },
          status: [400, 413],
          names: "/events",
        },
        {
          name: "one event with a wrong type among good ones",
          body: { events: [pledge(), arrival({ unit: 24073082 }), pledge()] },
          status: 400,
          names: "/events/1/unit",
        },
        {
          name: "one event with an unknown item among good ones",
          body: { events: [...good(), pledgeOf({ item: "CAVIAR" })] },
          status: 422,
          names: "/events/3/lines/0/item",
        },
        {
          name: "one event with a negative quantity among good ones",
          body: { events: [pledge(), pledgeOf({ quantity: "-1" }), arrival()] },
          status: 422,
          names: "/events/1/lines/0/quantity",
        },
        {
          name: "one event in the future among good ones",
          body: { events: [arrival(), arrival({ eventTime: "2027-01-01T00:00:00Z" })] },
          status: 422,
          names: "/events/1/eventTime",
        },
        {
          name: "one event naming another operation",
          body: { events: [arrival(), arrival({ operation: "OTHER-OP" })] },
          status: 422,
          names: "/events/1/operation",
        },
        {
          name: "one event at a location of another operation",
          body: { events: [arrival(), arrival({ location: "ONLY-OTHER" })] },
          status: 422,
          names: "/events/1/location",
        },
        {
          name: "one event with line unit of measure XYZ",
          body: { events: [pledge(), pledgeOf({ uom: "XYZ" })] },
          status: 422,
          names: "/events/1/lines/0/uom",
        },
        {
          name: "one stored id with different content",
          body: { events: [{ ...stored, location: "DEPOT" }, arrival()] },
          status: 409,
          names: "/events/0/id",
        },
        (() => {
          const twice = arrival();
          return {
            name: "one id twice with different content",
            body: { events: [twice, { ...twice, location: "HUB" }] },
            status: 409,
            names: "/events/1/id",
          };
        })(),
        {
          name: "an operation that does not exist",
          url: "/api/operations/NO-SUCH-OP/events/batch",
          body: { events: good() },
          status: 404,
          names: "NO-SUCH-OP",
        },
        {
          name: "one event with a note containing a NUL character",
          body: { events: [pledge(), arrival({ note: NUL })] },
          status: "4xx",
          names: "/events/1/note",
        },
      ],
    );
  });
});
