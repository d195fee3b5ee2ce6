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

  it("serves the field app at /field/ (its own page, for every path under it) and its service worker, revalidated", async () => {
    const bare = await t.app.inject({ url: "/field" });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe("/field/");
    for (const url of ["/field/", "/field/anything?unit=1"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('rel="manifest" href="/field/manifest.webmanifest"');
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
    const worker = await t.app.inject({ url: "/field/sw.js" });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers["cache-control"]).toBe("no-cache");
  });
  it("sends a browser's /favicon.ico to the app's icon, so no page logs a missing file", async () => {
    const res = await t.app.inject({ url: "/favicon.ico" });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/field/icon.svg");
    const publicPage = await t.app.inject({ url: "/public" });
    expect(publicPage.body).toContain('<link rel="icon" type="image/svg+xml" href="/field/icon.svg">');
  });
  it("does not swallow unknown /public paths into the single-page app", async () => {
    for (const url of ["/public/X/unknown", "/public/X/a/b/c.json"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('id="root"');
    }
    expect((await t.app.inject({ url: "/op/X/stock" })).body).toContain('<div id="root">');
  });
});
