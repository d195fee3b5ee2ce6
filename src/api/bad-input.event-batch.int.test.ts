// Bad input to POST /api/operations/:op/events/batch: a batch that is not a list of events,
// and one bad event among good ones, named by its place in the batch. Each is refused with
// problem+json, and nothing of the batch is stored: no event, no move, no change of last_seq.
import { describe } from "vitest";
import { OP, line } from "../../test/helpers/fixtures.ts";
import { NUL, notJsonCases, refuses } from "../../test/helpers/http-bad-input.ts";
import { arrival, describeBadLedgerInput, pledge, pledgeOf, stored } from "../../test/helpers/ledger-bad-input.ts";

describeBadLedgerInput((to) => {
  describe("POST /api/operations/:op/events/batch", () => {
    const good = () => [pledge(), arrival(), pledge({ lines: [line("LUMBER", "2.5")] })];
    refuses(to(`/api/operations/${OP}/events/batch`), [
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
    ]);
  });
});
