// Every kind of answer carries the security headers (the UI, its assets, JSON, problems,
// the docs, the public view, the event stream); the UI's scripts and styles and JSON
// answers are compressed when the client accepts it; the event stream is not.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webFixture } from "./helpers/web-fixture.ts";
import { buildApp } from "../src/api/app.ts";
import { testApp, type TestApp } from "./helpers/http.ts";
import { OP } from "./helpers/fixtures.ts";

let t: TestApp;
const web = webFixture();
// A script and a stylesheet of a realistic size beside the stand-in build (compression starts at 1 KB).
const ASSETS: Record<string, string> = {
  ".js": "app-5eed1e55.js",
  ".css": "app-5eed1e55.css",
};
const asset = (ext: string) => `/assets/${ASSETS[ext]}`;
beforeAll(async () => {
  writeFileSync(
    join(web.root, "assets", ASSETS[".js"]!),
    Array.from({ length: 400 }, (_, i) => `export const value${i} = "relief line ${i}";`).join("\n"),
  );
  writeFileSync(
    join(web.root, "assets", ASSETS[".css"]!),
    Array.from({ length: 300 }, (_, i) => `.rule-${i} { color: #14202e; margin: ${i}px; }`).join("\n"),
  );
  t = await testApp(undefined, web.root);
});
afterAll(async () => {
  await t?.close();
  web.remove();
});

type Kind = [what: string, url: string, signedIn?: boolean];
/** What a browser renders as a page. */
const PAGES = (): Kind[] => [
  ["the UI", "/"],
  ["a client-side route", "/op/TEST-OP/stock"],
  ["a script", asset(".js")],
  ["a stylesheet", asset(".css")],
  ["the API docs", "/api/docs"],
  ["the public view", "/public"],
  ["the public stylesheet", "/public/style.css"],
  ["a path that is no file", "/nothing-here"],
  [
    "the situation report as a page",
    `/api/operations/${OP}/reports/sitrep?from=2025-12-01&to=2025-12-02&format=html`,
    true,
  ],
  ["the press statement as a page", `/api/operations/${OP}/reports/press?date=2025-12-02&format=html`, true],
];
/** What the API answers as data. */
const DATA = (): Kind[] => [
  ["JSON", "/api/health"],
  ["a problem", "/api/operations"],
  ["a 404", "/api/nothing-here"],
  ["the OpenAPI document", "/api/openapi.json"],
  ["staff JSON", `/api/operations/${OP}/stock`, true],
  ["a report as text", `/api/operations/${OP}/reports/sitrep?from=2025-12-01&to=2025-12-02&format=text`, true],
  [
    "a report as a PDF attachment",
    `/api/operations/${OP}/reports/sitrep?from=2025-12-01&to=2025-12-02&format=pdf`,
    true,
  ],
  ["a path outside any route", "/api/../api/health"],
];
const get = (url: string, signedIn?: boolean) => t.app.inject({ url, headers: signedIn ? { cookie: t.admin } : {} });

describe("security headers", () => {
  it("on every page: the page policy and the page-only headers", async () => {
    for (const [what, url, signedIn] of PAGES()) {
      const res = await get(url, signedIn);
      expect(res.statusCode, `${what}: ${res.statusCode}`).toBeLessThan(signedIn ? 300 : 500);
      expect(res.headers["content-security-policy"], what).toMatch(
        /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'sha256-/,
      );
      for (const directive of [
        "frame-ancestors 'none'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "object-src 'none'",
      ]) {
        expect(res.headers["content-security-policy"], what).toContain(directive);
      }
      expect(res.headers["content-security-policy"], what).not.toContain("unsafe-inline");
      expect(res.headers["x-frame-options"], what).toBe("DENY");
      expect(res.headers["x-content-type-options"], what).toBe("nosniff");
      expect(res.headers["cross-origin-resource-policy"], what).toBe("same-origin");
      expect(res.headers["referrer-policy"], what).toBe("same-origin");
      expect(res.headers["cross-origin-opener-policy"], what).toBe("same-origin");
      expect(res.headers["permissions-policy"], what).toMatch(/^camera=\(self\), microphone=\(\)/);
      expect(res.headers["strict-transport-security"], what).toBeUndefined();
    }
  });

  it("on every data answer: a policy that allows nothing, and none of the page-only headers", async () => {
    for (const [what, url, signedIn] of DATA()) {
      const res = await get(url, signedIn);
      expect(res.statusCode, `${what}: ${res.statusCode}`).toBeLessThan(signedIn ? 300 : 500);
      expect(res.headers["content-type"], what).not.toMatch(/html/);
      expect(res.headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers["x-frame-options"], what).toBe("DENY");
      expect(res.headers["x-content-type-options"], what).toBe("nosniff");
      expect(res.headers["cross-origin-resource-policy"], what).toBe("same-origin");
      for (const pageOnly of ["permissions-policy", "cross-origin-opener-policy", "referrer-policy"])
        expect(res.headers[pageOnly], `${what}: ${pageOnly}`).toBeUndefined();
    }
  });

  it("every API answer that can be HTML is among the pages checked above", async () => {
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const html = Object.entries(spec.paths)
      .filter(([, ops]) =>
        Object.values(ops).some((op) =>
          Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((c) => c.includes("html"))),
        ),
      )
      .map(([path]) => path.replace("{op}", OP));
    const checked = PAGES().map(([, url]) => url.split("?")[0]);
    expect(html.length).toBeGreaterThan(0);
    for (const path of html.filter((p) => p.startsWith("/api/"))) expect(checked, path).toContain(path);
  });

  it("add HSTS and upgrade-insecure-requests when cookies are secure (behind HTTPS)", async () => {
    const secure = await buildApp({ db: t.db, secureCookies: true });
    try {
      const page = await secure.inject({ url: "/public" });
      expect(page.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(page.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
      const data = await secure.inject({ url: "/api/health" });
      expect(data.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    } finally {
      await secure.close();
    }
  });

  it("are on the event stream, which is not compressed", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as { port: number };
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/operations/${OP}/stream`, {
      headers: { cookie: t.admin, "accept-encoding": "br, gzip" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(`: ledger of ${OP}`);
    controller.abort();
  });
});

describe("compression and caching", () => {
  for (const [what, ext] of [
    ["script", ".js"],
    ["stylesheet", ".css"],
  ] as const) {
    it(`sends the UI's ${what} brotli- or gzip-compressed, cached for good`, async () => {
      const plain = await t.app.inject({ url: asset(ext) });
      for (const [encoding, inflate] of [
        ["br", brotliDecompressSync],
        ["gzip", gunzipSync],
      ] as const) {
        const res = await t.app.inject({ url: asset(ext), headers: { "accept-encoding": encoding } });
        expect(res.headers["content-encoding"]).toBe(encoding);
        expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
        expect(inflate(res.rawPayload).toString("utf8")).toBe(plain.body);
      }
    });
  }

  it("compresses JSON answers, and leaves small ones alone", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "gzip, br" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString("utf8"))).toMatchObject({ openapi: "3.1.0" });
    const small = await t.app.inject({ url: "/api/health", headers: { "accept-encoding": "gzip, br" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("lets no cache keep an API answer, except the kept reads, which a browser keeps for itself and revalidates", async () => {
    // Without it a browser kept signed-in answers (exports, reports, who is signed in) in its disk
    // cache, where the next person at a shared computer could open them, and so could a shared cache.
    const answers: Kind[] = [
      ...DATA(),
      ["who is signed in", "/api/auth/me", true],
      ["an export", `/api/operations/${OP}/export/stock.csv`, true],
      [
        "the situation report as a page",
        `/api/operations/${OP}/reports/sitrep?from=2025-12-01&to=2025-12-02&format=html`,
        true,
      ],
    ];
    for (const [what, url, signedIn] of answers) {
      const res = await get(url, signedIn);
      const kept = res.headers.etag !== undefined;
      expect(res.headers["cache-control"], what).toBe(kept ? "private, no-cache" : "no-store");
    }
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      payload: { email: "nobody@example.org", password: "not the password" },
    });
    expect(signIn.headers["cache-control"]).toBe("no-store");
  });

  it("never inflates a compressed request body", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/organisations",
      headers: { cookie: t.admin, "content-type": "application/json", "content-encoding": "gzip" },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
