// The Atom feed is the one public answer built from the request's Host (its links must be
// absolute). Anyone can send any Host: one that names no host is refused as a bad request,
// never a server error, and nothing of it reaches the feed. Behind a proxy the address is
// configured (RELIEFLINE_PUBLIC_URL) and no request's headers reach the links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../../test/helpers/engines.ts";
import { NOW, OP } from "../../../test/helpers/fixtures.ts";
import { buildApp } from "../app.ts";
import { configuredOrigin } from "../public/feed.ts";
import { expectProblem, freshAddress, send } from "../../../test/helpers/http-bad-input.ts";

describeEachEngine("the public feed and the Host it was asked with", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    const published = await send(t.app, "POST", `/api/operations/${OP}/publications`, {
      as: { cookie: t.admin },
      body: { kind: "snapshot" },
    });
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(async () => t.close());

  const feed = (host: string) =>
    t.app.inject({ method: "GET", url: `/public/${OP}/feed.atom`, headers: { host }, remoteAddress: freshAddress() });

  describe("refuses with 400 problem+json a Host that is not a host name", () => {
    it.each([
      ['evil.example"><x y="'],
      ["[::1"],
      ["evil.example/path"],
      ["user@evil.example"],
      ["evil.example:port"],
      ["evil example"],
    ])("Host: %s", async (host) => {
      const res = await feed(host);
      expect(expectProblem(res, 400).detail).toContain("Host");
      expect(res.body).not.toContain("<x");
    });
  });

  it.each([["reliefline.example"], ["reliefline.example:8443"], ["127.0.0.1:8080"], ["[::1]:8080"]])(
    "builds the feed's links on a Host that names a host: %s",
    async (host) => {
      const res = await feed(host);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(`<id>http://${host}/public/${OP}/feed.atom</id>`);
    },
  );
  it("builds the links on the configured public address, whatever Host or X-Forwarded-Host a request names", async () => {
    const behindProxy = await buildApp({
      db: t.db,
      now: () => NOW,
      webRoot: null,
      trustProxy: true,
      publicOrigin: configuredOrigin("https://relief.example.org/"),
    });
    try {
      for (const headers of [
        { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
        { host: 'evil.example"><x y="' },
      ]) {
        const res = await behindProxy.inject({
          url: `/public/${OP}/feed.atom`,
          headers,
          remoteAddress: freshAddress(),
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.body).toContain(`<id>https://relief.example.org/public/${OP}/feed.atom</id>`);
        expect(res.body).not.toContain("evil");
      }
    } finally {
      await behindProxy.close();
    }
  });
});
