// The claims check on its longest text, over a real port: reading 500,000 characters of
// "1e1e…" held the event loop about 5 s, and a caller's four costly requests at once about
// 20 s, during which /api/health and every other caller waited. A long text is now read in a
// worker thread (src/claims/read-in-worker.ts), so the server answers others meanwhile.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";
import { IN_FLIGHT } from "../request-guards.ts";
import { CLAIMS_TEXT_LIMIT } from "./claims.routes.ts";

let t: TestApp;
let port = 0;
beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(async () => t?.close());

function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          cookie: t.admin,
          "sec-fetch-site": "same-origin",
          ...(payload && { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("checking the claims of the longest text", () => {
  it(`keeps /api/health answering promptly while ${IN_FLIGHT.costly} such checks are read`, async () => {
    const text = "1e".repeat(249_000);
    expect(text.length).toBeLessThanOrEqual(CLAIMS_TEXT_LIMIT);
    let reading = true;
    const checks = Promise.all(
      Array.from({ length: IN_FLIGHT.costly }, () =>
        send("POST", `/api/operations/${OP}/claims/check`, { text, date: "2020-12-20" }),
      ),
    ).finally(() => (reading = false));
    const health: number[] = [];
    // Probe while the checks are in flight (at least a few times, however fast they end).
    while (reading || health.length < 3) {
      const res = await send("GET", "/api/health");
      expect(res.status).toBe(200);
      health.push(res.ms);
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = await checks;
    for (const a of answers) {
      expect(a.status, a.body).toBe(200);
      expect(JSON.parse(a.body).claims).toEqual([]);
    }
    // Before, a probe waited for the reading: seconds. Generous for a loaded machine.
    expect(Math.max(...health), `health answered in ${health.map((ms) => ms.toFixed(0)).join(", ")} ms`).toBeLessThan(
      1_000,
    );
  }, 120_000);
});
