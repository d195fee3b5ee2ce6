// The server's side of the UI: the built app at /, index.html for client-side routes,
// hashed assets cached for good, and /api paths still answered as problem+json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "./helpers/http.ts";
import { FIXTURE_ASSET, webFixture } from "./helpers/web-fixture.ts";

let t: TestApp;
const web = webFixture();
beforeAll(async () => {
  t = await testApp(undefined, web.root);
});
afterAll(async () => {
  await t?.close();
  web.remove();
});

describe("the server with a built UI", () => {
  it("serves the single-page app at / and at any client-side route", async () => {
    for (const url of ["/", "/op/TEST-OP/stock", "/operations?x=1"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain('<div id="root">');
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves hashed assets as immutable and answers a missing one with 404", async () => {
    const res = await t.app.inject({ url: `/assets/${FIXTURE_ASSET}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect((await t.app.inject({ url: "/assets/no-such-file.js" })).statusCode).toBe(404);
  });

  it("keeps unknown /api paths as problem+json 404s, not the app", async () => {
    const res = await t.app.inject({ url: "/api/no-such-thing" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
