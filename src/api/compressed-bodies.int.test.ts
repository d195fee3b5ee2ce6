// Compressed request bodies: a 1 MB gzip body can hold 1 GB, and a route's body limit counts
// the bytes that arrive, so the server never inflates a body. Any Content-Encoding but
// identity answers 415 problem+json before the body is read; nothing is stored, and the
// server answers the next request as ever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { expectNothingStored, expectProblem } from "../../test/helpers/http-bad-input.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const zeros = Buffer.alloc(16 * 1024 * 1024);
/** 1 GiB of zeros as 64 gzip members one after another (valid gzip: gunzip reads them all), about 1 MB. */
const gzipGigabyte = (() => {
  const member = gzipSync(zeros, { level: 9 });
  return Buffer.concat(Array.from({ length: 64 }, () => member));
})();
const BOMBS: [coding: string, body: Buffer][] = [
  ["gzip", gzipGigabyte],
  ["deflate", deflateSync(zeros)],
  ["br", brotliCompressSync(zeros)],
  ["GZip", gzipGigabyte],
];
const ROUTES: [what: string, url: string, limit: string][] = [
  ["the event batch (16 MB)", `/api/operations/${OP}/events/batch`, "16 MB"],
  ["a route of the 1 MB default", "/api/organisations", "1 MB"],
  ["the needs import (32 MB)", `/api/operations/${OP}/needs/import`, "32 MB"],
];

const post = (url: string, payload: Buffer | string, coding?: string) =>
  t.app.inject({
    method: "POST",
    url,
    payload,
    headers: {
      cookie: t.admin,
      "content-type": "application/json",
      ...(coding !== undefined && { "content-encoding": coding }),
    },
  });

describe("a compressed request body", () => {
  it("is about 1 MB for 1 GiB of zeros (the test's own check of its bomb)", () => {
    expect(gzipGigabyte.length).toBeLessThan(1_200_000);
    expect(gzipGigabyte.length).toBeGreaterThan(900_000);
  });

  for (const [what, url, limit] of ROUTES)
    for (const [coding, body] of BOMBS)
      it(`sent to ${what} as ${coding} answers 415 before it is read, naming the coding, and stores nothing`, async () => {
        const res = await expectNothingStored(t.db, () => post(url, body, coding));
        const problem = expectProblem(res, 415);
        expect(problem.detail).toBe(
          `request bodies are not taken compressed (Content-Encoding: ${coding.toLowerCase()}): send this one uncompressed, within the route's limit of ${limit}`,
        );
        expect(res.headers["accept-encoding"]).toBe("identity");
        expect((await t.app.inject({ url: "/api/health" })).statusCode).toBe(200);
      });

  it("from nobody answers 401 first, as every write from nobody does", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch`,
      payload: gzipGigabyte,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });
    expectProblem(res, 401);
  });
});

describe("a body that says Content-Encoding: identity", () => {
  it("is taken as it is", async () => {
    const organisation = { code: "IDENTITY-ORG", name: "Plain bodies", kind: "ngo" };
    const res = await post("/api/organisations", JSON.stringify(organisation), "identity");
    expect(res.statusCode, res.body).toBe(201);
  });
});
