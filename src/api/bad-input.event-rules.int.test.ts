// Bad input to POST /api/operations/:op/events, by what it means: references the catalogue
// does not hold or that belong to another operation, the rules of each event type, times that
// are not a past instant, and a stored event sent again with other content. Each is refused
// with problem+json naming the field, and nothing is stored: no event, no move, no change of last_seq.
import { describe } from "vitest";
import { OP, event, line } from "../../test/helpers/fixtures.ts";
import { refusedNaming, refuses } from "../../test/helpers/http-bad-input.ts";
import { arrival, describeBadLedgerInput, pledge, pledgeOf, stored } from "../../test/helpers/ledger-bad-input.ts";

describeBadLedgerInput((to) => {
  describe("POST /api/operations/:op/events", () => {
    const toDepot = event("GoodsDistributed", { location: "HUB", neighbourhood: "DEPOT", lines: [line("FLOUR", "1")] });
    const hubToHub = event("StockTransferred", { from: "HUB", to: "HUB", lines: [line("FLOUR", "1")] });
    refuses(to(`/api/operations/${OP}/events`), [
      // references to the catalogue
      ...refusedNaming(422, "/lines/0/item", { "an unknown item": pledgeOf({ item: "CAVIAR" }) }),
      ...refusedNaming(422, "/location", { "an unknown location": arrival({ location: "ATLANTIS" }) }),
      ...refusedNaming(422, "/unit", { "an unknown transport unit": arrival({ unit: "99999999" }) }),
      ...refusedNaming(422, "/from", { "an unknown source location": pledge({ from: "donor:NOBODY" }) }),
      ...refusedNaming(422, "/lines/0/uom", {
        "a line unit of measure XYZ": pledgeOf({ uom: "XYZ" }),
        "a line unit of measure other than the item's": pledgeOf({ uom: "KGM" }),
      }),
      ...refusedNaming(422, "/neighbourhood", { "a neighbourhood that is not a neighbourhood": toDepot }),
      // other operations
      ...refusedNaming(422, "/operation", {
        "an operation field naming another operation": arrival({ operation: "OTHER-OP" }),
      }),
      ...refusedNaming(422, "/location", {
        "a location that exists only in another operation": arrival({ location: "ONLY-OTHER" }),
      }),
      ...refusedNaming(422, "/unit", {
        "a transport unit that exists only in another operation": arrival({ unit: "77777777" }),
      }),
      ...refusedNaming(422, "/lines/0/item", {
        "an item that exists only in another operation": pledgeOf({ item: "OTHER-ITEM" }),
      }),
      {
        name: "an operation that does not exist",
        url: "/api/operations/NO-SUCH-OP/events",
        body: arrival(),
        status: 404,
        names: "NO-SUCH-OP",
      },
      // the rules of each event type
      ...refusedNaming(422, "/unit", {
        "an arrival without a unit": { ...arrival(), unit: undefined },
        "a pledge with a transport unit": pledge({ unit: "24073082" }),
      }),
      ...refusedNaming(422, "/lines", {
        "an arrival with lines of goods": arrival({ lines: [line("FLOUR", "1")] }),
        "a pledge without lines": pledge({ lines: [] }),
      }),
      ...refusedNaming(422, "/to", { "goods moved from a place to itself": hubToHub }),
      ...refusedNaming(422, "/households", {
        "households on an event that is not a distribution": arrival({ households: 3 }),
      }),
      ...refusedNaming(422, "/lines/0/expected", {
        "an expected quantity outside a count at receipt": pledgeOf({ expected: "5" }),
      }),
      // time: a past instant, with an offset
      ...refusedNaming(422, "/eventTime", {
        "an event time in the future": arrival({ eventTime: "2026-01-01T00:10:00Z" }),
        "an event time in the future of another time zone": arrival({ eventTime: "2026-01-01T04:10:00+04:00" }),
        "an event time without an offset": arrival({ eventTime: "2020-12-01T10:00:00" }),
        "an event time that is not a time": arrival({ eventTime: "yesterday" }),
        "an event time with month 13": arrival({ eventTime: "2020-13-01T10:00:00Z" }),
      }),
      // history is never overwritten
      ...refusedNaming(409, "/id", { "a stored event id with different content": { ...stored, location: "HUB" } }),
    ]);
  });
});
