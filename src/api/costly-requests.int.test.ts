// Requests that cost seconds of CPU or read the whole ledger (reports, PDFs, exports, verify,
// backup): a caller may have only COSTLY_IN_FLIGHT of them running at once; one more is refused
// at once with 429, without touching other callers, and the places free as answers go out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { createUser } from "../app/identity.ts";
import { signIn } from "../../test/helpers/http.ts";
import { COSTLY_IN_FLIGHT, COSTLY_ROUTES } from "./request-guards.ts";

let t: TestApp;
let other: string;
beforeAll(async () => {
  t = await testApp();
  await createUser(t.db, "system", {
    email: "other@example.org",
    name: "Other",
    isAdmin: true,
    password: "another long password",
  });
  other = await signIn(t.app, "other@example.org", "another long password");
});
afterAll(async () => t?.close());

const PDF = `/api/operations/${OP}/reports/sitrep?from=2020-11-01&to=2020-12-31&format=pdf`;

describe("costly requests per caller", () => {
  it("are the routes of the list, on GET and on HEAD", () => {
    const costly = t.app.routeTable.filter((r) => r.config.costly).map((r) => `${r.method} ${r.url}`);
    for (const route of COSTLY_ROUTES) expect(costly, route).toContain(route);
    for (const route of [...COSTLY_ROUTES].filter((r) => r.startsWith("GET ")))
      expect(costly, route).toContain(route.replace(/^GET/, "HEAD"));
    expect(costly).toHaveLength(COSTLY_ROUTES.size + [...COSTLY_ROUTES].filter((r) => r.startsWith("GET ")).length);
  });

  it(`lets a caller run ${COSTLY_IN_FLIGHT} at once and refuses more, while another caller goes on`, async () => {
    const mine = Array.from({ length: 3 * COSTLY_IN_FLIGHT }, () =>
      t.app.inject({ url: PDF, headers: { cookie: t.admin } }),
    );
    const theirs = t.app.inject({ url: PDF, headers: { cookie: other } });
    const answers = await Promise.all(mine);
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(COSTLY_IN_FLIGHT);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    const refused = answers.find((r) => r.statusCode === 429)!;
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.json().detail).toContain(`already sending ${COSTLY_IN_FLIGHT} requests that build a report`);
    expect((await theirs).statusCode).toBe(200);
    // Every place was given back as the answers went out.
    const again = await Promise.all(
      Array.from({ length: COSTLY_IN_FLIGHT }, () => t.app.inject({ url: PDF, headers: { cookie: t.admin } })),
    );
    expect(again.map((r) => r.statusCode)).toEqual(again.map(() => 200));
  });
});
