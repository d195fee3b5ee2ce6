// Requests counted per caller whatever their method: those that cost seconds of CPU or read the
// whole ledger (reports, PDFs, exports, verify, backup) and the live event streams. A caller may
// have only IN_FLIGHT[kind] of them at once; one more is refused at once with 429, without
// touching other callers, and the places free as answers go out or streams close.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { createUser } from "../app/identity.ts";
import { COUNTED_ROUTES, IN_FLIGHT } from "./request-guards.ts";

let t: TestApp;
let other: string;
let port = 0;
beforeAll(async () => {
  t = await testApp();
  await createUser(t.db, "system", {
    email: "other@example.org",
    name: "Other",
    isAdmin: true,
    password: "another long password",
  });
  other = await signIn(t.app, "other@example.org", "another long password");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(async () => t?.close());

const PDF = `/api/operations/${OP}/reports/sitrep?from=2020-11-01&to=2020-12-31&format=pdf`;
const STREAM = `/api/operations/${OP}/stream`;

/** Opens a live stream as `cookie` (or with other headers) and resolves with its answer's head (the stream stays open until destroyed). */
function openStream(as: string | Record<string, string>): Promise<{ res: IncomingMessage; req: ClientRequest }> {
  const headers = typeof as === "string" ? { cookie: as } : as;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", path: STREAM, headers }, (res) => {
      res.resume();
      resolve({ res, req });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("requests counted per caller", () => {
  it("are the routes of the list, on GET and on HEAD", () => {
    const counted = t.app.routeTable.filter((r) => r.config.counted).map((r) => `${r.method} ${r.url}`);
    const listed = Object.keys(COUNTED_ROUTES);
    const gets = listed.filter((r) => r.startsWith("GET "));
    for (const route of listed) expect(counted, route).toContain(route);
    for (const route of gets) expect(counted, route).toContain(route.replace(/^GET/, "HEAD"));
    expect(counted).toHaveLength(listed.length + gets.length);
  });

  it("include the imports that parse a sheet or write thousands of rows", () => {
    const costly = t.app.routeTable.filter((r) => r.config.counted === "costly").map((r) => `${r.method} ${r.url}`);
    expect(costly).toContain("POST /api/operations/:op/needs/import");
    expect(costly).toContain("POST /api/operations/:op/import/epcis");
    expect(costly).toContain("POST /api/operations/:op/consignments/:consignment/manifests");
  });

  it("include the claims check: its longest text (500,000 characters) held the event loop 5 s, and four at once 17 s", () => {
    const costly = t.app.routeTable.filter((r) => r.config.counted === "costly").map((r) => `${r.method} ${r.url}`);
    expect(costly).toContain("POST /api/operations/:op/claims/check");
  });

  it(`let a caller build ${IN_FLIGHT.costly} reports at once and refuse more, while another caller goes on`, async () => {
    const mine = Array.from({ length: 3 * IN_FLIGHT.costly }, () =>
      t.app.inject({ url: PDF, headers: { cookie: t.admin } }),
    );
    const theirs = t.app.inject({ url: PDF, headers: { cookie: other } });
    const answers = await Promise.all(mine);
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(IN_FLIGHT.costly);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    const refused = answers.find((r) => r.statusCode === 429)!;
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.json().detail).toContain(`already sending ${IN_FLIGHT.costly} requests that build a report`);
    expect((await theirs).statusCode).toBe(200);
    // Every place was given back as the answers went out.
    const again = await Promise.all(
      Array.from({ length: IN_FLIGHT.costly }, () => t.app.inject({ url: PDF, headers: { cookie: t.admin } })),
    );
    expect(again.map((r) => r.statusCode)).toEqual(again.map(() => 200));
  });

  it(`let a caller hold ${IN_FLIGHT.stream} live streams and refuse one more, while another caller opens one`, async () => {
    const mine = await Promise.all(Array.from({ length: IN_FLIGHT.stream }, () => openStream(t.admin)));
    expect(mine.map((s) => s.res.statusCode)).toEqual(mine.map(() => 200));
    const refused = await openStream(t.admin);
    expect(refused.res.statusCode).toBe(429);
    const theirs = await openStream(other);
    expect(theirs.res.statusCode).toBe(200);
    // A reader closes one stream: the caller may open another.
    const closed = new Promise((resolve) => mine[0]!.res.once("close", resolve));
    mine[0]!.req.destroy();
    await closed;
    for (;;) {
      const next = await openStream(t.admin);
      next.req.destroy();
      if (next.res.statusCode === 200) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    for (const s of [...mine, theirs, refused]) s.req.destroy();
  });

  it("count a user's phones as that user: any reader may issue device credentials, and each was a caller of its own", async () => {
    // Found by testing: a viewer issued 6 device credentials and built 24 situation reports as PDFs at once.
    await createUser(t.db, "system", {
      email: "phones@example.org",
      name: "Phones",
      isAdmin: true,
      password: "a third long password",
    });
    const owner = await signIn(t.app, "phones@example.org", "a third long password");
    const phones = await Promise.all(
      Array.from({ length: 2 }, async (_, i) => {
        const res = await t.app.inject({
          method: "POST",
          url: `/api/operations/${OP}/devices`,
          headers: { cookie: owner, "sec-fetch-site": "same-origin" },
          payload: { label: `phone ${i}`, installationId: `0190a0a0-0000-7000-8000-00000000000${i}` },
        });
        expect(res.statusCode).toBe(201);
        return { authorization: `Bearer ${res.json().token}` };
      }),
    );
    const half = IN_FLIGHT.stream / 2;
    const held = await Promise.all(
      Array.from({ length: IN_FLIGHT.stream }, (_, i) => openStream(i < half ? phones[0]! : phones[1]!)),
    );
    expect(held.map((s) => s.res.statusCode)).toEqual(held.map(() => 200));
    const refused = await Promise.all([openStream(owner), openStream(phones[0]!)]);
    expect(refused.map((s) => s.res.statusCode)).toEqual([429, 429]);
    for (const s of [...held, ...refused]) s.req.destroy();
  });
});
