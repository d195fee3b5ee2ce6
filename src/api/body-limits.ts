// How much a request may send. Every route takes at most DEFAULT_BODY_LIMIT; the bulk
// routes below take more, each documented here and in docs/architecture.md. Fastify
// refuses a body over its route's limit with 413 as soon as Content-Length says so, and
// stops reading a chunked body the moment it passes the limit: it is never buffered whole.
// JSON nested deeper than MAX_JSON_DEPTH is refused with 400 before it is parsed, by a
// single pass over the text (no recursion over client input).
import type { FastifyInstance, RouteOptions } from "fastify";
import { AppError } from "../app/errors.ts";
import { isWriteMethod, type GuardAnswer } from "./guard-answer.ts";

const MiB = 1024 * 1024;
export const DEFAULT_BODY_LIMIT = 1 * MiB;

/**
 * Bulk routes, by method and path: a batch of 10,000 events, an EPCIS document, manifests and
 * needs sheets; and a text to check for claims (500,000 characters, two bytes each in Cyrillic).
 */
export const BULK_BODY_LIMITS: Readonly<Record<string, number>> = {
  "POST /api/operations/:op/events/batch": 16 * MiB,
  "POST /api/operations/:op/import/epcis": 32 * MiB,
  "POST /api/operations/:op/consignments/:consignment/manifests": 16 * MiB,
  "POST /api/operations/:op/needs": 8 * MiB,
  "POST /api/operations/:op/needs/import": 32 * MiB,
  "POST /api/operations/:op/claims/check": 1_100_000,
};

export const MAX_JSON_DEPTH = 64;

/** Megabytes, as the answers and the documentation say them (1,100,000 bytes is 1.05 MB). */
const megabytes = (bytes: number) => `${Number((bytes / MiB).toFixed(2))} MB`;

/**
 * What the body limit and the JSON parser answer, on every route that reads a body (Fastify reads
 * one on any method but GET and HEAD; our routes take none on OPTIONS). guard-answers.ts adds them
 * to each route's OpenAPI responses.
 */
export const BODY_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 413,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: (route) =>
      `The request body is over this route's limit of ${megabytes(route.bodyLimit)} ` +
      "(refused as soon as Content-Length says so, or when a chunked body passes it).",
  },
  {
    status: 400,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: () =>
      `The body, sent as JSON, is not valid JSON, is empty, or is nested more than ${MAX_JSON_DEPTH} levels deep.`,
  },
];

/** An onRoute hook: gives each route its limit unless it set one itself. */
export function applyBodyLimit(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const bulk = methods.map((m) => BULK_BODY_LIMITS[`${m} ${route.url}`]).find((limit) => limit !== undefined);
  route.bodyLimit ??= bulk ?? DEFAULT_BODY_LIMIT;
}

/**
 * True when the JSON text opens more than `max` arrays or objects inside each other. One
 * pass: outside strings it counts brackets; a string is skipped to its closing quote.
 */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = closingQuote(text, i);
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Index of the quote closing the string opened at `open` (or the end of the text). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** JSON (and JSON-LD) bodies: the depth check, then Fastify's own parser (prototype-poisoning checks included). */
export function useGuardedJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    ["application/json", "application/ld+json"],
    { parseAs: "string" },
    (request, body, done) => {
      if (jsonTooDeep(body as string)) {
        done(
          new AppError(
            "bad-request",
            `The body is nested more than ${MAX_JSON_DEPTH} levels deep; nothing Reliefline accepts is.`,
          ),
          undefined,
        );
        return;
      }
      parse(request, body as string, done);
    },
  );
}
