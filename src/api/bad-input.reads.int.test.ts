// Bad query strings to the read routes: answered 400 problem+json naming the parameter,
// never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { expectProblem, send, type Status } from "../../test/helpers/http-bad-input.ts";

describeEachEngine("bad input to reads", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t.close());

  const cases: { name: string; url: string; status: Status; names?: string }[] = [
    { name: "a negative after", url: `/api/operations/${OP}/events?after=-1`, status: 400, names: "/after" },
    { name: "a non-numeric after", url: `/api/operations/${OP}/events?after=ten`, status: 400, names: "/after" },
    { name: "a limit of 0", url: `/api/operations/${OP}/events?limit=0`, status: 400, names: "/limit" },
    { name: "a limit above 5000", url: `/api/operations/${OP}/events?limit=5001`, status: 400, names: "/limit" },
    { name: "an unknown query parameter", url: `/api/operations/${OP}/events?since=3`, status: 400, names: "/since" },
    {
      name: "includeZero that is not a boolean",
      url: `/api/operations/${OP}/stock?includeZero=maybe`,
      status: 400,
      names: "/includeZero",
    },
    {
      name: "a units-of-measure limit above 2000",
      url: "/api/units-of-measure?limit=2001",
      status: 400,
      names: "/limit",
    },
    { name: "an operation code that is not a code", url: "/api/operations/a%20b/events", status: 400, names: "/op" },
    {
      name: "an after beyond the largest sequence number",
      url: `/api/operations/${OP}/events?after=100000000000000000000`,
      status: 400,
      names: "/after",
    },
    {
      name: "a stock location filter containing a NUL character",
      url: `/api/operations/${OP}/stock?location=a%00b`,
      status: "4xx",
      names: "/location",
    },
    {
      name: "a location kind filter containing a NUL character",
      url: `/api/operations/${OP}/locations?kind=a%00b`,
      status: "4xx",
      names: "/kind",
    },
    {
      name: "a units-of-measure search containing a NUL character",
      url: "/api/units-of-measure?q=a%00b",
      status: "4xx",
      names: "/q",
    },
  ];

  describe("GET routes with bad query strings", () => {
    for (const { name, url, status, names } of cases) {
      it(`answer ${status} problem+json to ${name}`, async () => {
        expectProblem(await send(t.app, "GET", url, { as: { cookie: t.admin } }), status, names);
      });
    }
  });

  describe("GET /api/units-of-measure", () => {
    it("answers without signing in, exact code first", async () => {
      const res = await send(t.app, "GET", "/api/units-of-measure?q=kgm&limit=3");
      expect(res.statusCode).toBe(200);
      expect((res.json() as { code: string }[])[0]).toMatchObject({ code: "KGM" });
    });
  });
});
