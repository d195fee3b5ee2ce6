// A real answer of each status the guards send is a problem+json that the route's documented
// schema admits, with every member the server put in it (the schema serialises the answer and would
// drop what it does not name). The document's lists: ./guard-answers.int.test.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "./app.ts";
import { signIn } from "../../test/helpers/http.ts";
import { freshPglite } from "../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import {
  capturingApp,
  documentedApp,
  expectAdmitted,
  expectDocumentedProblem as expectDocumented,
  PROBLEM_JSON,
  type Doc,
} from "../../test/helpers/documented-answers.ts";
import { IN_FLIGHT, REQUEST_TIMEOUT_MS, WRITES_IN_FLIGHT } from "./request-guards.ts";
import { DEFAULT_BODY_LIMIT } from "./body-limits.ts";
import { openPglite } from "../store/pglite.ts";
import { freeBytes } from "../store/disk-room.ts";
import type { Db } from "../store/db.ts";

let doc: Doc;
let app: FastifyInstance;
let given: Map<string, unknown>;
let cookie: string;
let db: Db;
beforeAll(async () => {
  ({ db, app, given, cookie, doc } = await documentedApp());
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const expectDocumentedProblem = (
  res: LightMyRequestResponse,
  status: number,
  method: string,
  path: string,
  answers: Map<string, unknown>,
  docOf: Doc = doc,
) => expectDocumented(res, status, method, path, answers, docOf);

describe("a real answer of a guard's status", () => {
  it("413: a body over the route's limit", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/organisations",
      headers: { cookie, "content-type": "application/json" },
      payload: JSON.stringify({ code: "BIG", name: "x".repeat(DEFAULT_BODY_LIMIT), kind: "ngo" }),
    });
    const body = expectDocumentedProblem(res, 413, "post", "/api/organisations", given);
    expect(body.type).toBe("https://reliefline.org/problems/too-large");
  });

  it("415: a compressed body", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch`,
      headers: { cookie, "content-type": "application/json", "content-encoding": "gzip" },
      payload: "not read",
    });
    const body = expectDocumentedProblem(res, 415, "post", "/api/operations/{op}/events/batch", given);
    expect(body.type).toBe("https://reliefline.org/problems/unsupported-media-type");
    expect(res.headers["accept-encoding"]).toBe("identity");
  });

  /**
   * Holds `count` POSTs to `url` under way (bodies that never finish arriving), then posts `payload`
   * until one is refused with 429, and answers that refusal; the held requests end afterwards.
   */
  async function refusedBeyond(url: string, count: number, payload: string): Promise<LightMyRequestResponse> {
    const held = Array.from({ length: count }, () => new PassThrough());
    const pending = held.map(
      (body) =>
        app
          .inject({
            method: "POST",
            url,
            headers: { cookie, "content-type": "application/json", "content-length": "100" },
            payload: body,
          })
          .then((res) => res), // inject sends when its answer is asked for
    );
    try {
      let res: LightMyRequestResponse | undefined;
      // Each held request is admitted when its hooks run; ask until all of them are.
      for (let tries = 0; tries < 1000 && res?.statusCode !== 429; tries++)
        res = await app.inject({
          method: "POST",
          url,
          headers: { cookie, "content-type": "application/json" },
          payload,
        });
      return res!;
    } finally {
      for (const h of held) h.end("x".repeat(100));
      await Promise.all(pending);
    }
  }

  it("429: one more counted request than a caller may have under way", async () => {
    const res = await refusedBeyond(`/api/operations/${OP}/needs/import`, IN_FLIGHT.costly, "{}");
    const body = expectDocumentedProblem(res, 429, "post", "/api/operations/{op}/needs/import", given);
    expect(body.type).toBe("https://reliefline.org/problems/rate-limited");
    expect(res.headers["retry-after"]).toBe("1");
  });

  it("429: one more body than a caller may be sending at once", async () => {
    const res = await refusedBeyond("/api/organisations", WRITES_IN_FLIGHT.signedIn, "[");
    const body = expectDocumentedProblem(res, 429, "post", "/api/organisations", given);
    expect(body.detail).toContain(`already sending ${WRITES_IN_FLIGHT.signedIn} requests`);
  });

  it("429: too many sign-ins from one address (the rate limit)", async () => {
    let res: LightMyRequestResponse | undefined;
    for (let tries = 0; tries < 50 && res?.statusCode !== 429; tries++)
      res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "192.0.2.77",
        payload: { email: "nobody@example.org", password: "wrong" },
      });
    const body = expectDocumentedProblem(res!, 429, "post", "/api/auth/login", given);
    expect(body.type).toBe("https://reliefline.org/problems/rate-limited");
  });

  it("408: a request not arrived whole within the request timeout (as Node reports it to the app's server)", () => {
    // Node waits REQUEST_TIMEOUT_MS (and checks every 30 s) before it says so; its report is handed over here.
    let written = "";
    let destroyed = false;
    const socket = {
      destroyed: false,
      writable: true,
      write: (text: string) => (written += text),
      destroy: () => (destroyed = true),
    };
    const timeout = Object.assign(new Error("Request timeout"), { code: "ERR_HTTP_REQUEST_TIMEOUT" });
    app.server.emit("clientError", timeout, socket);
    const [head, body] = written.split("\r\n\r\n") as [string, string];
    expect(head).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n/);
    expect(head).toContain("content-type: application/problem+json");
    expect(destroyed).toBe(true);
    const problem = JSON.parse(body) as Record<string, unknown>;
    expect(problem).toEqual({
      type: "https://reliefline.org/problems/request-timeout",
      title: "Request timeout",
      status: 408,
      detail: `The request did not arrive whole within ${REQUEST_TIMEOUT_MS / 1000} s, so it was not read; nothing was recorded. Send it again, on a better connection or in smaller parts.`,
    });
    const documented = doc.paths["/api/operations/{op}/events/batch"]!.post!.responses["408"]!;
    expectAdmitted(documented.content![PROBLEM_JSON]!.schema, problem);
  });

  it("503: the database cannot be reached", async () => {
    let down = false;
    const unreachable = () => Promise.reject(Object.assign(new Error("connection lost"), { code: "08006" }));
    const flaky = new Proxy(await freshPglite(), {
      get(target, prop, receiver) {
        if (down && (prop === "query" || prop === "transaction" || prop === "exec")) return unreachable;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const own = await capturingApp(flaky);
    try {
      const ownDoc = (await own.app.inject({ url: "/api/openapi.json" })).json() as Doc;
      down = true;
      const res = await own.app.inject({ url: "/api/health" });
      const body = expectDocumentedProblem(res, 503, "get", "/api/health", own.given, ownDoc);
      expect(body.type).toBe("https://reliefline.org/problems/unavailable");
      expect(res.headers["retry-after"]).toBe("10");
    } finally {
      down = false;
      await own.app.close();
      await flaky.close();
    }
  });
});

describe("a real 507 (the embedded database's disk reserve)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "reliefline-guard-answers-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers a write 507 with Retry-After, as documented, with every member", async () => {
    const pgdata = join(dir, "pgdata");
    const first = await openPglite({
      dataDir: pgdata,
      loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]),
      minFreeBytes: 0,
    });
    const principal = await seedOperation(first);
    const signedIn = await buildApp({ db: first, now: () => NOW });
    const session = await signIn(signedIn, principal.email, ADMIN_PASSWORD);
    await signedIn.close();
    await first.close();

    const full = await openPglite({ dataDir: pgdata, minFreeBytes: freeBytes(dir) + 1024 ** 4 });
    const own = await capturingApp(full);
    try {
      const ownDoc = (await own.app.inject({ url: "/api/openapi.json" })).json() as Doc;
      const res = await own.app.inject({
        method: "POST",
        url: "/api/organisations",
        headers: { cookie: session },
        payload: { code: "FULL-DISK", name: "No room", kind: "ngo" },
      });
      const body = expectDocumentedProblem(res, 507, "post", "/api/organisations", own.given, ownDoc);
      expect(body.type).toBe("https://reliefline.org/problems/storage-full");
      expect(res.headers["retry-after"]).toBe("60");
    } finally {
      await own.app.close();
      await full.close();
    }
  });
});
