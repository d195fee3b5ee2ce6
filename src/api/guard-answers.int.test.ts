// The OpenAPI document lists, for every operation, the statuses the guards can send on it (not
// only the route's own refusals), each described, with Retry-After where it is sent; and the
// Problem schema lets every member of an answer through. Real answers of each status:
// ./guard-answers-live.int.test.ts.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../test/helpers/engines.ts";
import { seedOperation } from "../../test/helpers/fixtures.ts";
import { capturingApp, PROBLEM_JSON, type Doc } from "../../test/helpers/documented-answers.ts";
import { COUNTED_ROUTES } from "./request-guards.ts";
import { BULK_BODY_LIMITS, DEFAULT_BODY_LIMIT } from "./body-limits.ts";
import SerializerSelectorModule, { type SerializerFactory } from "@fastify/fast-json-stringify-compiler";
import { Problem } from "./schemas.ts";
import type { Db } from "../store/db.ts";

let doc: Doc;
let app: FastifyInstance;
let db: Db;
beforeAll(async () => {
  db = await freshPglite();
  await seedOperation(db);
  ({ app } = await capturingApp(db));
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
        const schema = response.content?.[PROBLEM_JSON]?.schema;
        if (Number(status) >= 400 && schema?.type === "object")
          expect(schema.additionalProperties, `${key} ${status}`).not.toBe(false);
      }
  });

  it("leaves a route's own answers of a guard's status as they were (the 409 listing open discrepancies)", () => {
    const publish = doc.paths["/api/operations/{op}/publications"]!.post!.responses["409"]!;
    const schema = publish.content![PROBLEM_JSON]!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain("discrepancies");
  });
});

/** Failures a route sends in another media type on purpose: the public pages' "nothing published", an HTML page for people. */
const PAGES_FOR_PEOPLE = new Set(["GET /public/:op 404"]);
const NO_CONTENT = new Set(["204", "205", "304"]);

describe("the OpenAPI document's media types, over every operation", () => {
  it("documents a success or redirect for every operation, each with content in its real media type", () => {
    const bare: string[] = [];
    for (const { op, key } of operations()) {
      const answers = Object.keys(op.responses).filter((s) => /^[23]/.test(s));
      if (answers.length === 0) bare.push(`${key}: no 2xx or 3xx`);
      for (const status of answers.filter((s) => !NO_CONTENT.has(s)))
        if (Object.keys(op.responses[status]!.content ?? {}).length === 0) bare.push(`${key} ${status}: no content`);
    }
    expect(bare).toEqual([]);
    const labels = doc.paths["/api/operations/{op}/labels.pdf"]!.get!.responses["200"]!;
    expect(Object.keys(labels.content!)).toEqual(["application/pdf"]);
  });

  it("documents every 4xx and 5xx as application/problem+json alone, with the Problem members", () => {
    const wrong: string[] = [];
    let failures = 0;
    for (const { op, key } of operations())
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || PAGES_FOR_PEOPLE.has(`${key} ${status}`)) continue;
        failures++;
        const types = Object.keys(response.content ?? {});
        if (types.join() !== PROBLEM_JSON) wrong.push(`${key} ${status}: ${types.join(", ")}`);
        else
          expect(response.content![PROBLEM_JSON]!.schema.required, `${key} ${status}`).toEqual(
            expect.arrayContaining(["type", "title", "status", "detail"]),
          );
      }
    expect(failures).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it("documents 415 on every operation that takes a body, naming each media type it reads and sending Accept", () => {
    const withBody = operations().filter((o) => o.op.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(30);
    for (const { op, key } of withBody) {
      const refusal = op.responses["415"];
      expect(refusal, key).toBeDefined();
      for (const type of Object.keys(op.requestBody!.content)) expect(refusal!.description, key).toContain(type);
      expect(Object.keys(refusal!.headers ?? {}), key).toContain("Accept");
    }
    const epcis = doc.paths["/api/operations/{op}/import/epcis"]!.post!.responses["415"]!;
    expect(epcis.description).toContain("application/json or application/ld+json");
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
