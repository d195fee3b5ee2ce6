// The server's side of the UI: the built app at /, index.html for client-side routes,
// hashed assets cached for good, and /api paths still answered as problem+json.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWebBuild, WEB_DIST } from "../src/web/web-build.ts";
import { testApp, type TestApp } from "./helpers/http.ts";

let t: TestApp;
beforeAll(async () => {
  await ensureWebBuild();
  t = await testApp();
}, 180_000);
afterAll(() => t?.close());

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
    const asset = readdirSync(join(WEB_DIST, "assets")).find((f) => f.endsWith(".js"))!;
    const res = await t.app.inject({ url: `/assets/${asset}` });
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
