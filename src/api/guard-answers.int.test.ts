// The OpenAPI document lists, for every operation, the statuses the guards can send on it (not
// only the route's own refusals), each described, with Retry-After where it is sent; and a real
// answer of each such status is a problem+json that the documented schema admits, with every
// member the server put in it (the schema serialises the answer and would drop what it does not name).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import AjvModule from "ajv";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "./app.ts";
import { signIn } from "../../test/helpers/http.ts";
import { freshPglite } from "../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import { COUNTED_ROUTES, IN_FLIGHT, REQUEST_TIMEOUT_MS, WRITES_IN_FLIGHT } from "./request-guards.ts";
import { BULK_BODY_LIMITS, DEFAULT_BODY_LIMIT } from "./body-limits.ts";
import SerializerSelectorModule, { type SerializerFactory } from "@fastify/fast-json-stringify-compiler";
import { Problem } from "./schemas.ts";
import { openPglite } from "../store/pglite.ts";
import { freeBytes } from "../store/disk-room.ts";
import type { Db } from "../store/db.ts";

type Schema = Record<string, unknown>;
interface Response {
  description: string;
  headers?: Record<string, { description?: string; schema: Schema }>;
  content?: Record<string, { schema: Schema }>;
}
interface Operation {
  responses: Record<string, Response>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const ajv = new Ajv({ strict: false, allErrors: true });

/** An app on `db` that keeps every answer's body as the handler or error handler gave it, before serialisation. */
async function capturingApp(db: Db) {
  const app = await buildApp({ db, now: () => NOW });
  const given = new Map<string, unknown>();
  app.addHook("preSerialization", async (request, _reply, payload) => {
    given.set(request.id, structuredClone(payload));
    return payload;
  });
  return { app, given };
}

let doc: Doc;
let app: FastifyInstance;
let given: Map<string, unknown>;
let cookie: string;
let db: Db;
beforeAll(async () => {
  db = await freshPglite();
  const principal = await seedOperation(db);
  ({ app, given } = await capturingApp(db));
  cookie = await signIn(app, principal.email, ADMIN_PASSWORD);
  doc = (await app.inject({ url: "/api/openapi.json" })).json() as Doc;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const WRITES = new Set(["post", "put", "patch", "delete"]);
const PUBLIC_WRITES = new Set(["POST /api/auth/login", "POST /api/auth/logout"]);
const RATE_LIMITED = (path: string, method: string) =>
  (method === "post" && path === "/api/auth/login") || (method === "get" && path.startsWith("/public"));
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      path,
      method,
      op,
      key: `${method.toUpperCase()} ${fastifyPath(path)}`,
    })),
  );
const PROBLEM_DESCRIPTION = "RFC 9457 problem details";

/** The statuses the guards can send on an operation, worked out from what the server does, not from the declarations. */
function guardStatuses(path: string, method: string, key: string): number[] {
  const statuses = [503];
  if (WRITES.has(method)) {
    statuses.push(400, 403, 408, 413, 415, 429, 507);
    if (!PUBLIC_WRITES.has(key)) statuses.push(401);
  }
  if (COUNTED_ROUTES[key] !== undefined) statuses.push(429);
  if (RATE_LIMITED(path, method)) statuses.push(429, 507);
  // A device credential's every request notes its last contact: a write.
  if (path.startsWith("/api/operations/{op}") || path === "/api/auth/me") statuses.push(507);
  return statuses;
}

describe("the OpenAPI document", () => {
  it("lists every operation of the route table", () => {
    const documented = new Set(operations().map((o) => o.key));
    const routes = app.routeTable.filter((r) => r.method !== "HEAD" && r.url.startsWith("/api/operations"));
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
  });

  it("lists, for every operation, each status its guards can send, described", () => {
    const missing: string[] = [];
    for (const { path, method, op, key } of operations()) {
      for (const status of guardStatuses(path, method, key)) {
        const response = op.responses[String(status)];
        if (!response) missing.push(`${key} ${status}`);
        else expect(response.description, `${key} ${status}`).not.toBe(PROBLEM_DESCRIPTION);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists 413, 415, 429 and 507 on every POST, PUT, PATCH and DELETE (there are many)", () => {
    const writes = operations().filter((o) => WRITES.has(o.method));
    expect(writes.length).toBeGreaterThan(30);
    for (const { op, key } of writes)
      for (const status of ["413", "415", "429", "507"]) expect(Object.keys(op.responses), key).toContain(status);
  });

  it("lists 429 on every counted route", () => {
    for (const key of Object.keys(COUNTED_ROUTES)) {
      const [method, url] = key.split(" ") as [string, string];
      const path = url.replace(/:(\w+)/g, "{$1}");
      expect(Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {}), key).toContain("429");
    }
  });

  it("says Retry-After on every 429, 503 and 507", () => {
    for (const { op, key } of operations())
      for (const status of ["429", "503", "507"])
        if (op.responses[status])
          expect(Object.keys(op.responses[status].headers ?? {}), `${key} ${status}`).toEqual(["Retry-After"]);
  });

  it("names each route's own body limit in its 413", () => {
    const batch = doc.paths["/api/operations/{op}/events/batch"]!.post!.responses["413"]!;
    expect(batch.description).toContain(
      `limit of ${BULK_BODY_LIMITS["POST /api/operations/:op/events/batch"]! / 1024 / 1024} MB`,
    );
    // The batch's own 413 (more than 10,000 events) is still there, beside the limit.
    expect(batch.description).toMatch(/^Besides this route's own reasons: /);
    const organisations = doc.paths["/api/organisations"]!.post!.responses["413"]!;
    expect(organisations.description).toContain(`limit of ${DEFAULT_BODY_LIMIT / 1024 / 1024} MB`);
  });

  it("lets every problem through whole: no problem schema drops members it does not name", () => {
    for (const { op, key } of operations())
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.["application/json"]?.schema;
        if (Number(status) >= 400 && schema?.type === "object")
          expect(schema.additionalProperties, `${key} ${status}`).not.toBe(false);
      }
  });

  it("leaves a route's own answers of a guard's status as they were (the 409 listing open discrepancies)", () => {
    const publish = doc.paths["/api/operations/{op}/publications"]!.post!.responses["409"]!;
    const schema = publish.content!["application/json"]!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain("discrepancies");
  });
});

const SerializerSelector = ((SerializerSelectorModule as unknown as { default?: () => SerializerFactory }).default ??
  SerializerSelectorModule) as unknown as () => SerializerFactory;

describe("the Problem schema, as Fastify serialises an answer with it", () => {
  it("keeps every member: extension members, errors, instance", () => {
    const serialise = SerializerSelector()(undefined, {})({
      schema: Problem,
      method: "POST",
      url: "/",
      httpStatus: "409",
    });
    const answer = {
      type: "https://reliefline.org/problems/open-discrepancies",
      title: "Open discrepancies touch these figures",
      status: 409,
      detail: "Nothing was published.",
      instance: "/api/operations/TEST-OP/publications",
      errors: [{ field: "/acknowledge/note", message: "say why it is published anyway" }],
      discrepancies: [{ id: "d1", kind: "negative-stock" }],
      unacknowledged: ["d1"],
    };
    expect(JSON.parse(serialise(answer))).toEqual(answer);
  });
});

/**
 * The answer is problem+json, the documented schema for its operation and status admits it, its
 * Retry-After is there when documented, and its body is what the server gave before serialising.
 */
function expectDocumentedProblem(
  res: LightMyRequestResponse,
  status: number,
  method: string,
  path: string,
  given: Map<string, unknown>,
  docOf: Doc = doc,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const response = docOf.paths[path]?.[method]?.responses[String(status)];
  expect(response, `${method} ${path} documents ${status}`).toBeDefined();
  const schema = response!.content!["application/json"]!.schema;
  const body = res.json() as Record<string, unknown>;
  const valid = ajv.compile(schema);
  expect(valid(body), JSON.stringify(valid.errors)).toBe(true);
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  expect(body.detail).toEqual(expect.any(String));
  expect(body, "every member the server gave is sent").toEqual(given.get(String(res.headers["x-request-id"])));
  if (response!.headers?.["Retry-After"]) expect(res.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
  return body;
}

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

  it("429: one more counted request than a caller may have under way", async () => {
    const url = `/api/operations/${OP}/needs/import`;
    // Bodies that never finish arriving keep their requests under way.
    const held = Array.from({ length: IN_FLIGHT.costly }, () => new PassThrough());
    const pending = held.map(
      (payload) =>
        app
          .inject({
            method: "POST",
            url,
            headers: { cookie, "content-type": "application/json", "content-length": "100" },
            payload,
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
          payload: "{}",
        });
      const body = expectDocumentedProblem(res!, 429, "post", "/api/operations/{op}/needs/import", given);
      expect(body.type).toBe("https://reliefline.org/problems/rate-limited");
      expect(res!.headers["retry-after"]).toBe("1");
    } finally {
      for (const h of held) h.end("x".repeat(100));
      await Promise.all(pending);
    }
  });

  it("429: one more body than a caller may be sending at once", async () => {
    const url = "/api/organisations";
    const held = Array.from({ length: WRITES_IN_FLIGHT.signedIn }, () => new PassThrough());
    const pending = held.map(
      (payload) =>
        app
          .inject({
            method: "POST",
            url,
            headers: { cookie, "content-type": "application/json", "content-length": "100" },
            payload,
          })
          .then((res) => res), // inject sends when its answer is asked for
    );
    try {
      let res: LightMyRequestResponse | undefined;
      for (let tries = 0; tries < 1000 && res?.statusCode !== 429; tries++)
        res = await app.inject({
          method: "POST",
          url,
          headers: { cookie, "content-type": "application/json" },
          payload: "[",
        });
      const body = expectDocumentedProblem(res!, 429, "post", "/api/organisations", given);
      expect(body.detail).toContain(`already sending ${WRITES_IN_FLIGHT.signedIn} requests`);
    } finally {
      for (const h of held) h.end("x".repeat(100));
      await Promise.all(pending);
    }
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
    const valid = ajv.compile(documented.content!["application/json"]!.schema);
    expect(valid(problem), JSON.stringify(valid.errors)).toBe(true);
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
