// Bad input to POST /api/operations/:op/events, by its form: not JSON, the schema's types,
// required fields and unknown values, quantities that are not exact amounts, and text or
// times the database cannot hold (refused at the edge, never a 500). Each is refused with
// problem+json naming the field, and nothing is stored: no event, no move, no change of last_seq.
// (What the content means: bad-input.event-rules.int.test.ts; batches: bad-input.event-batch.int.test.ts.)
import { describe } from "vitest";
import { OP, line } from "../../test/helpers/fixtures.ts";
import { LONE_SURROGATE, NUL, notJsonCases, refusedNaming, refuses } from "../../test/helpers/http-bad-input.ts";
import { arrival, describeBadLedgerInput, pledge, pledgeOf } from "../../test/helpers/ledger-bad-input.ts";

describeBadLedgerInput((to) => {
  describe("POST /api/operations/:op/events", () => {
    refuses(to(`/api/operations/${OP}/events`), [
      ...notJsonCases(arrival()),
      // the schema: types, required fields, unknown values
      ...refusedNaming(400, "/unit", { "a unit number sent as a number": arrival({ unit: 24073082 }) }),
      ...refusedNaming(400, "/location", { "a location sent as a number": arrival({ location: 7 }) }),
      ...refusedNaming(400, "/households", {
        "households sent as text": arrival({ households: "3" }),
        "a negative household count": arrival({ households: -1 }),
      }),
      ...refusedNaming(400, "/lines/0/quantity", {
        "a quantity sent as a boolean": pledgeOf({ quantity: true }),
        "a quantity sent as null": pledgeOf({ quantity: null }),
      }),
      ...refusedNaming(400, "/lines/0/colour", { "an unknown field on a line": pledgeOf({ colour: "red" }) }),
      ...refusedNaming(400, "/id", {
        "a missing id": { ...arrival(), id: undefined },
        "an id that is not a UUID": arrival({ id: "event-1" }),
      }),
      ...refusedNaming(400, "/type", {
        "a missing type": { ...arrival(), type: undefined },
        "an unknown event type": arrival({ type: "UnitTeleported" }),
      }),
      ...refusedNaming(400, "/eventTime", { "a missing event time": { ...arrival(), eventTime: undefined } }),
      ...refusedNaming(400, "/lines/0/item", { "a line without an item": pledge({ lines: [{ quantity: "5" }] }) }),
      ...refusedNaming(400, "/lines/0/condition", { "an unknown condition": pledgeOf({ condition: "soggy" }) }),
      ...refusedNaming(400, "/lines/0/uom", { "a line unit of measure in lower case": pledgeOf({ uom: "tne" }) }),
      ...refusedNaming(400, "/note", { "a note of 2001 characters": arrival({ note: "n".repeat(2001) }) }),
      ...refusedNaming(400, "/lines", {
        "501 lines": pledge({ lines: Array.from({ length: 501 }, () => line("FLOUR", "1")) }),
      }),
      // quantities: exact amounts only, above zero, whole for equipment
      ...refusedNaming(422, "/lines/0/quantity", {
        "a negative quantity as text": pledgeOf({ quantity: "-5" }),
        "a negative quantity as a number": pledgeOf({ quantity: -5 }),
        "a non-numeric quantity": pledgeOf({ quantity: "lots" }),
        "a quantity in exponent notation": pledgeOf({ quantity: "1e3" }),
        "a zero quantity": pledgeOf({ quantity: "0" }),
        "a quantity with 7 decimals": pledgeOf({ quantity: "0.1234567" }),
        "a quantity of 16 digits": pledgeOf({ quantity: "1234567890123456" }),
        "half a piece of equipment": pledge({ lines: [line("CRANE", "0.5")] }),
      }),
      // inputs the database cannot hold: refused at the edge, never a 500
      ...refusedNaming("4xx", "/note", {
        "a note containing a NUL character": arrival({ note: NUL }),
        "a note containing an unpaired surrogate (\\ud800)": arrival({ note: LONE_SURROGATE }),
      }),
      ...refusedNaming("4xx", "/unit", { "a unit number containing a NUL character": arrival({ unit: NUL }) }),
      ...refusedNaming("4xx", "/id", {
        "an id written as a urn:uuid: URN": arrival({ id: `urn:uuid:${arrival().id}` }),
      }),
      ...refusedNaming([400, 422], "/eventTime", {
        "an event time on 29 February of a common year": arrival({ eventTime: "2021-02-29T10:00:00Z" }),
        "an event time on 31 April": arrival({ eventTime: "2020-04-31T10:00:00+04:00" }),
        "an event time in year 0": arrival({ eventTime: "0000-06-01T10:00:00Z" }),
        "an event time with offset +16:00": arrival({ eventTime: "2020-12-01T10:00:00+16:00" }),
      }),
    ]);
  });
});
