import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import { expectProblem, send } from "../../test/helpers/http-bad-input.ts";
import { webFixture } from "../../test/helpers/web-fixture.ts";

let t: TestApp;
const web = webFixture();
beforeAll(async () => {
  t = await testApp(undefined, web.root);
});
afterAll(async () => {
  await t.close();
  web.remove();
});

describe("GET /api/health", () => {
  it("answers 200 without signing in, with the version, engine and server time", async () => {
    const res = await send(t.app, "GET", "/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ok",
      version: expect.any(String),
      engine: "pglite",
      time: NOW.toISOString(),
    });
  });
});

describe("GET /api/openapi.json", () => {
  let doc: Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    const res = await send(t.app, "GET", "/api/openapi.json");
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc);
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("lists the main paths with their methods", () => {
    const expected: Record<string, string[]> = {
      "/api/health": ["get"],
      "/api/auth/login": ["post"],
      "/api/auth/logout": ["post"],
      "/api/auth/me": ["get"],
      "/api/auth/password": ["post"],
      "/api/auth/tokens": ["post"],
      "/api/auth/tokens/{id}": ["delete"],
      "/api/organisations": ["get", "post"],
      "/api/users": ["post"],
      "/api/operations": ["get", "post"],
      "/api/operations/{op}": ["get"],
      "/api/operations/{op}/members": ["get", "put"],
      "/api/operations/{op}/locations": ["get", "post"],
      "/api/operations/{op}/items": ["get", "post"],
      "/api/operations/{op}/stock": ["get"],
      "/api/operations/{op}/events": ["get", "post"],
      "/api/operations/{op}/events/batch": ["post"],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths), path).toContain(path);
      for (const method of methods) expect(Object.keys(doc.paths[path]!), `${method} ${path}`).toContain(method);
    }
  });

  it("documents problem+json error responses on the event route", () => {
    const post = doc.paths["/api/operations/{op}/events"]!.post as { responses: Record<string, unknown> };
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(["200", "201", "400", "401", "403", "404", "409", "422"]),
    );
  });

  it("hides itself and the web page from the document", () => {
    expect(Object.keys(doc.paths)).not.toContain("/api/openapi.json");
    expect(Object.keys(doc.paths)).not.toContain("/");
  });
});

describe("GET /api/docs", () => {
  it("serves the interactive documentation as HTML", async () => {
    const res = await send(t.app, "GET", "/api/docs");
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["content-type"])).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});

describe("GET /", () => {
  it("serves the operations-room UI", async () => {
    const res = await send(t.app, "GET", "/");
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["content-type"])).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root">');
  });
});

describe("unknown routes", () => {
  it("answers 404 problem+json naming the route and pointing at the docs", async () => {
    const res = await send(t.app, "POST", "/api/no-such-thing?x=1", { as: { cookie: t.admin }, body: {} });
    const body = expectProblem(res, 404, "POST /api/no-such-thing");
    expect(body.detail).toContain("/api/docs");
    expect(body.instance).toBe("/api/no-such-thing");
  });
});
