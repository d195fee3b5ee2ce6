// Prometheus metrics for system administrators, and a request id on every answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line } from "../../test/helpers/fixtures.ts";
import { expectProblem, send, userWithRole } from "../../test/helpers/http-bad-input.ts";

let t: TestApp;
afterAll(async () => t.close());

// The ledger's figures are read across operations (on Citus, from every shard).
describeEachEngine("GET /api/metrics", API_ENGINES, (engine) => {
  beforeAll(async () => {
    await t?.close();
    t = await testApp(await freshDb(engine));
  });
  it("counts requests by route template and reports the ledger's figures", async () => {
    const pledge = event("GoodsPledged", {
      from: donorOf(),
      location: "DEPOT",
      lines: [line("FLOUR", "3")],
      eventTime: "2025-12-31T23:00:00+00:00",
    });
    expect(
      (await send(t.app, "POST", `/api/operations/${OP}/events`, { as: { cookie: t.admin }, body: pledge })).statusCode,
    ).toBe(201);
    await send(t.app, "GET", `/api/operations/${OP}/stock`, { as: { cookie: t.admin } });
    const res = await send(t.app, "GET", "/api/metrics", { as: { cookie: t.admin } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain; version=0.0.4");
    const text = res.body;
    expect(text).toMatch(
      /^reliefline_http_requests_total\{method="GET",route="\/api\/operations\/:op\/stock",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^reliefline_http_request_duration_seconds_count\{method="POST",route="\/api\/operations\/:op\/events"\} 1$/m,
    );
    expect(text).toMatch(
      /^reliefline_http_request_duration_seconds_bucket\{method="POST",route="\/api\/operations\/:op\/events",le="\+Inf"\} 1$/m,
    );
    expect(text).toMatch(new RegExp(`^reliefline_events_appended_total\\{operation="${OP}"\\} 1$`, "m"));
    expect(text).toMatch(new RegExp(`^reliefline_discrepancies_open\\{operation="${OP}"\\} \\d+$`, "m"));
    // Recorded at the test clock (2026-01-01T00:00Z), it happened an hour before.
    expect(text).toMatch(new RegExp(`^reliefline_sync_lag_seconds\\{operation="${OP}",stat="max"\\} 3600$`, "m"));
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).not.toMatch(/route="\/api\/operations\/TEST-OP/);
  });

  it("refuses anyone but a system administrator", async () => {
    expectProblem(await send(t.app, "GET", "/api/metrics"), 401);
    const viewer = await userWithRole(t, "metrics-viewer@example.org", "viewer");
    expectProblem(await send(t.app, "GET", "/api/metrics", { as: viewer }), 403);
  });
});

describe("request ids", () => {
  beforeAll(async () => {
    t ??= await testApp();
  });
  it("answer every request with an id, keeping a sane one the caller sent", async () => {
    const own = await t.app.inject({ url: "/api/health", headers: { "x-request-id": "scrape-42" } });
    expect(own.headers["x-request-id"]).toBe("scrape-42");
    const made = await t.app.inject({ url: "/api/health", headers: { "x-request-id": "not\nsane" } });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.app.inject({ url: "/nowhere.js" })).headers["x-request-id"]).toBeDefined();
  });
});
