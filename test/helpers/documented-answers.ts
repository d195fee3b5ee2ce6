// For tests of the guards' answers: an app that keeps each answer's body as given before
// serialisation, and a check that a real answer is the problem+json its OpenAPI entry documents.
import type { LightMyRequestResponse } from "fastify";
import AjvModule from "ajv";
import { expect } from "vitest";
import { buildApp } from "../../src/api/app.ts";
import type { Db } from "../../src/store/db.ts";
import { ADMIN_PASSWORD, NOW, seedOperation } from "./fixtures.ts";
import { freshPglite } from "./engines.ts";
import { signIn } from "./http.ts";

type Schema = Record<string, unknown>;
interface Response {
  description: string;
  headers?: Record<string, { description?: string; schema: Schema }>;
  content?: Record<string, { schema: Schema }>;
}
export interface Operation {
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
/** The parts of the OpenAPI document these tests read. */
export type Doc = { paths: Record<string, Record<string, Operation>> };

/** The media type every failure is sent and documented in (RFC 9457). */
export const PROBLEM_JSON = "application/problem+json";

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const ajv = new Ajv({ strict: false, allErrors: true });

/** The JSON schema (as the OpenAPI document gives it) admits the value. */
export function expectAdmitted(schema: Schema, value: unknown): void {
  const valid = ajv.compile(schema);
  expect(valid(value), JSON.stringify(valid.errors)).toBe(true);
}

/** An app on `db` that keeps every answer's body as the handler or error handler gave it, before serialisation. */
export async function capturingApp(db: Db) {
  const app = await buildApp({ db, now: () => NOW });
  const given = new Map<string, unknown>();
  app.addHook("preSerialization", async (request, _reply, payload) => {
    given.set(request.id, structuredClone(payload));
    return payload;
  });
  return { app, given };
}

/**
 * A fresh operation on PGlite, served by a capturing app, with its administrator signed in and the
 * OpenAPI document read: what the tests of real answers against the document start from.
 */
export async function documentedApp() {
  const db = await freshPglite();
  const principal = await seedOperation(db);
  const { app, given } = await capturingApp(db);
  const cookie = await signIn(app, principal.email, ADMIN_PASSWORD);
  const doc = (await app.inject({ url: "/api/openapi.json" })).json() as Doc;
  return { db, app, given, cookie, doc };
}

/**
 * The answer is problem+json, the documented schema for its operation and status admits it, its
 * Retry-After is there when documented, and its body is what the server gave before serialising.
 */
export function expectDocumentedProblem(
  res: LightMyRequestResponse,
  status: number,
  method: string,
  path: string,
  given: Map<string, unknown>,
  doc: Doc,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const response = doc.paths[path]?.[method]?.responses[String(status)];
  expect(response, `${method} ${path} documents ${status}`).toBeDefined();
  const body = res.json() as Record<string, unknown>;
  expect(Object.keys(response!.content ?? {}), `${method} ${path} ${status} is documented as problem+json`).toEqual([
    PROBLEM_JSON,
  ]);
  expectAdmitted(response!.content![PROBLEM_JSON]!.schema, body);
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  expect(body.detail).toEqual(expect.any(String));
  expect(body, "every member the server gave is sent").toEqual(given.get(String(res.headers["x-request-id"])));
  if (response!.headers?.["Retry-After"]) expect(res.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
  return body;
}
