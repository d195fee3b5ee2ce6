// POST /api/operations/:op/claims/check over HTTP, in-process, on the demo: a reader
// checks a text; a contradicted count can then be kept through POST …/claims; bad input
// is a clear 4xx that stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../../test/helpers/demo.ts";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import {
  LONE_SURROGATE,
  NUL,
  expectNothingStored,
  expectProblem,
  notJsonCases,
  refuses,
  send,
  userWithRole,
} from "../../../test/helpers/http-bad-input.ts";

const url = `/api/operations/${DEMO}/claims/check`;
const TEXT =
  "MOSCOW, December 20. On December 19, specialists unloaded 17 rail cars: 300 cubic meters of lumber and a platform with a truck-mounted crane.\n" +
  "So far, nine out of 54 train cars have arrived.";

describe("checking claims over HTTP", () => {
  let t: TestApp;
  let viewer: { cookie: string };
  beforeAll(async () => {
    const db = await freshPglite();
    await seedDemo(db);
    t = await testApp(db);
    viewer = await userWithRole(t, "viewer@example.org", "viewer", DEMO);
  });
  afterAll(async () => t.close());

  it("answers a viewer with each claim, its span, its verdict and the ledger figure with its query, and stores nothing", async () => {
    const res = await expectNothingStored(t.db, () =>
      send(t.app, "POST", url, { as: viewer, body: { text: TEXT, lang: "ru" } }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      date: string;
      counts: Record<string, number>;
      claims: {
        claim: { quote: string; span: { start: number; end: number } };
        verdict: string;
        explanation: string;
        figure?: { value: string; query: { sql: string } };
      }[];
    };
    expect(body.date).toBe("2020-12-20");
    expect(body.counts).toEqual({ supported: 4, contradicted: 1, notCheckable: 0 });
    const nine = body.claims.find((c) => c.claim.quote === "nine out of 54 train cars")!;
    expect(nine).toMatchObject({
      verdict: "contradicted",
      figure: { value: "26", query: { sql: expect.stringContaining("unit_states") } },
    });
    expect(nine.explanation).toContain("По реестру 26");
    for (const c of body.claims) expect(TEXT.slice(c.claim.span.start, c.claim.span.end)).toBe(c.claim.quote);
  });

  it("gives a contradicted count a record that POST …/claims keeps (a press officer may record)", async () => {
    const officer = await userWithRole(t, "press@example.org", "press-officer", DEMO);
    const body = (await send(t.app, "POST", url, { as: officer, body: { text: TEXT } })).json() as {
      claims: { verdict: string; record?: Record<string, unknown> }[];
    };
    const record = body.claims.find((c) => c.verdict === "contradicted")!.record!;
    expect(record).toEqual({ consignment: "STP-54", metric: "arrived", claimed: 9, ofTotal: 54, asOf: "2020-12-20" });
    const kept = await send(t.app, "POST", `/api/operations/${DEMO}/claims`, {
      as: officer,
      body: { ...record, source: "Draft press release, checked" },
    });
    expect(kept.statusCode, kept.body).toBe(201);
  });

  it("refuses a viewer's attempt to record a claim", async () => {
    const res = await send(t.app, "POST", `/api/operations/${DEMO}/claims`, {
      as: viewer,
      body: { consignment: "STP-54", metric: "arrived", claimed: 9, asOf: "2020-12-20", source: "x" },
    });
    expectProblem(res, 403);
  });

  it("refuses to keep a claim as of a day that has not begun (422 naming /asOf), storing nothing", async () => {
    const officer = await userWithRole(t, "press2@example.org", "press-officer", DEMO);
    const body = { consignment: "STP-54", metric: "arrived", claimed: 9, asOf: "2026-01-02", source: "x" };
    const res = await expectNothingStored(t.db, () =>
      send(t.app, "POST", `/api/operations/${DEMO}/claims`, { as: officer, body }),
    );
    expect(expectProblem(res, 422, "/asOf").detail).toContain("has not begun");
  });

  it("answers 404 to someone with no role in the operation, and 401 to no one", async () => {
    const stranger = await userWithRole(t, "stranger@example.org");
    expectProblem(await send(t.app, "POST", url, { as: stranger, body: { text: TEXT } }), 404);
    expectProblem(await send(t.app, "POST", url, { body: { text: TEXT } }), 401);
  });

  it("reads a text of nearly the whole limit without a 5xx", async () => {
    const long = `${"Seventeen rail cars were unloaded on 19 December. ".repeat(9_000)}`;
    const res = await send(t.app, "POST", url, { as: viewer, body: { text: long, date: "2020-12-20" } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect((res.json() as { claims: unknown[] }).claims.length).toBe(500);
  });

  refuses(
    () => ({ t, method: "POST", url, as: { cookie: t.admin } }),
    [
      ...notJsonCases({ text: TEXT }),
      { name: "no text", body: {}, status: 400, names: "/text" },
      { name: "an empty text", body: { text: "" }, status: 400, names: "/text" },
      { name: "a text that is not a string", body: { text: 17 }, status: 400, names: "/text" },
      { name: "a text over the limit", body: { text: "x".repeat(500_001) }, status: 400, names: "/text" },
      { name: "a body over the body limit", raw: JSON.stringify({ text: "я".repeat(600_000) }), status: 413 },
      { name: "a date in another format", body: { text: TEXT, date: "20.12.2020" }, status: 400, names: "/date" },
      { name: "a date not on the calendar", body: { text: TEXT, date: "2020-02-30" }, status: 422, names: "/date" },
      { name: "an unknown language", body: { text: TEXT, lang: "fr" }, status: 400, names: "/lang" },
      // The app's clock stands at 04:00 on 1 January 2026 in the demo's time zone.
      { name: "a day that has not begun", body: { text: TEXT, date: "2026-01-02" }, status: 422, names: "/date" },
      {
        name: "a text dated a day that has not begun",
        body: { text: `MOSCOW, January 2, 2026.\n${TEXT}` },
        status: 422,
        names: "/text",
      },
      { name: "a text with a NUL character", body: { text: NUL }, status: 400, names: "/text" },
      { name: "a text with a lone surrogate", body: { text: LONE_SURROGATE }, status: 400, names: "/text" },
      { name: "an unknown operation", body: { text: TEXT }, status: 404, url: "/api/operations/NOPE/claims/check" },
    ],
  );
});
