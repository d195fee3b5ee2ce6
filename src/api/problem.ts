// Every failure leaves the API as RFC 9457 problem details with a message a person
// understands and, where it applies, the fields at fault. Nothing escapes as a bare 500.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorObject } from "ajv";
import { AppError, ERROR_CODES, ThrottledError } from "../app/errors.ts";
import type { ErrorCode, ProblemExtensions } from "../app/errors.ts";
import type { FieldError } from "../core/decide.ts";
import { concurrentCreation } from "../store/unique-violations.ts";
import { unreachable, type Unreachable } from "../store/unavailable.ts";
import { storageFull } from "../store/disk-room.ts";
import { FIRST_REPEAT, sampleRepeat, type RepeatLog } from "../core/repeat-log.ts";
import { isWriteMethod, RETRY_AFTER, type GuardAnswer } from "./guard-answer.ts";
import { deviceReaches } from "./device-auth.ts";
import { unsupportedMediaType } from "./media-types.ts";

const TITLES: Record<ErrorCode | "internal", string> = {
  "bad-request": "Bad request",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  "password-change-required": "Change your password first",
  "cross-site": "Cross-site request refused",
  "not-found": "Not found",
  conflict: "Conflict",
  gone: "Gone",
  "too-large": "Too large",
  "unsupported-media-type": "Unsupported media type",
  invalid: "Invalid input",
  "rate-limited": "Too many requests",
  unavailable: "Service unavailable",
  "storage-full": "The database's disk is full",
  internal: "Internal error",
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode | "internal",
  detail: string,
  errors: readonly FieldError[] = [],
  extensions: ProblemExtensions = {},
) {
  const status = code === "internal" ? 500 : ERROR_CODES[code];
  const { type, title, ...members } = extensions;
  return reply
    .status(status)
    .type("application/problem+json")
    .send({
      ...members,
      type: `https://reliefline.org/problems/${type ?? code}`,
      title: title ?? TITLES[code],
      status,
      detail,
      instance: request.url.split("?")[0],
      ...(errors.length > 0 && { errors }),
    });
}

/** A 400 problem written straight to the socket, for errors Fastify raises before a route (and its serializers) is known. */
export function rawProblem(reply: FastifyReply, request: FastifyRequest, detail: string): void {
  const body = JSON.stringify({
    type: "https://reliefline.org/problems/bad-request",
    title: TITLES["bad-request"],
    status: 400,
    detail,
    instance: request.url.split("?")[0],
  });
  reply.raw.writeHead(400, {
    "content-type": "application/problem+json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  reply.raw.end(body);
}

/** Turns a schema violation into a field pointer and a sentence. */
export function fieldErrorOf(e: ErrorObject, part: string): FieldError {
  const base = e.instancePath || "";
  const where = part === "body" ? "" : `${part} `;
  switch (e.keyword) {
    case "additionalProperties":
      return {
        field: `${base}/${e.params.additionalProperty}`,
        message: `${where}field ${e.params.additionalProperty} is not allowed here`,
      };
    case "required":
      return {
        field: `${base}/${e.params.missingProperty}`,
        message: `${where}field ${e.params.missingProperty} is required`,
      };
    case "enum":
      return { field: base, message: `must be one of ${(e.params.allowedValues as unknown[]).join(", ")}` };
    case "anyOf":
      return { field: base, message: "has the wrong type" };
    case "discriminator": {
      const { tag, tagValue, error } = e.params as { tag: string; tagValue: unknown; error: string };
      return error === "tag" && tagValue === undefined
        ? { field: `${base}/${tag}`, message: `${where}field ${tag} is required` }
        : { field: `${base}/${tag}`, message: `${JSON.stringify(tagValue)} is not one of the kinds offered here` };
    }
    default:
      return { field: base || "/", message: e.message ?? "is invalid" };
  }
}

/** Seconds a client is asked to wait (Retry-After) while the database's disk is full, and while it is away. */
const STORAGE_FULL_RETRY_S = 60;
const UNREACHABLE_RETRY_S = 10;

/** Whether @fastify/rate-limit counts a route (its config sets a rate: signing in, the public view). */
const rateLimited = (config: { rateLimit?: unknown }): boolean =>
  config.rateLimit !== undefined && config.rateLimit !== false;

/**
 * What errorHandler answers whatever the route's own refusals are, and on which routes (guard-answers.ts
 * adds them to each route's OpenAPI responses).
 */
export const ERROR_HANDLER_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 400,
    appliesTo: ({ schema }) => [schema.body, schema.querystring, schema.params, schema.headers].some(Boolean),
    describe: () => "The request does not match its schema; `errors` names each field at fault (a JSON Pointer).",
  },
  {
    // @fastify/rate-limit, on the routes whose config sets a rate (signing in, the public view).
    status: 429,
    appliesTo: ({ config }) => rateLimited(config),
    describe: () =>
      "Too many requests from this address within the rate limit's window; Retry-After says when the window " +
      "lets it through again.",
    headers: RETRY_AFTER,
  },
  {
    status: 503,
    appliesTo: () => true,
    describe: () =>
      "The database (or the node of a database cluster holding this data) cannot be reached, so nothing was " +
      `read or recorded. Retry-After: ${UNREACHABLE_RETRY_S}.`,
    headers: RETRY_AFTER,
  },
  {
    // Any write; a device credential's request writes its last contact; on PostgreSQL rate limits count in the database.
    status: 507,
    appliesTo: ({ method, url, config }) => isWriteMethod(method) || deviceReaches(url) || rateLimited(config),
    describe: () =>
      "The database's disk is full, or within the reserve the embedded database keeps free: nothing was " +
      `recorded. Reads go on. Retry-After: ${STORAGE_FULL_RETRY_S}; send the same request again once room is made.`,
    headers: RETRY_AFTER,
  },
];

export function errorHandler(
  error: FastifyError & { validation?: ErrorObject[]; validationContext?: string },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof ThrottledError)
    reply.header("retry-after", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  if (error instanceof AppError)
    return sendProblem(reply, request, error.code, error.message, error.errors, error.extensions);
  if (error.validation) {
    const part = error.validationContext ?? "body";
    // anyOf reports one error per branch and a summary; the summary is enough.
    const relevant = error.validation.some((e) => e.keyword === "anyOf")
      ? error.validation.filter(
          (e) =>
            e.keyword === "anyOf" ||
            !error.validation!.some((a) => a.keyword === "anyOf" && e.instancePath === a.instancePath),
        )
      : error.validation;
    const errors = dedupe(relevant.map((e) => fieldErrorOf(e, part)));
    const first = errors[0]!;
    return sendProblem(
      reply,
      request,
      "bad-request",
      `The ${part} is not valid: ${first.field} ${first.message}.`,
      errors,
    );
  }
  const status = error.statusCode ?? 500;
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return sendProblem(reply, request, "bad-request", `The body is not valid JSON: ${error.message}`);
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return sendProblem(reply, request, "too-large", "The request body is too large.");
  // Fastify's own 415 (a Content-Type it has no parser for, or cannot read): named as our guard names it.
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    const refusal = unsupportedMediaType(request, reply);
    return sendProblem(reply, request, refusal.code, refusal.message);
  }
  if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return sendProblem(reply, request, "bad-request", "The body is empty; send a JSON object.");
  if (status === 429) return sendProblem(reply, request, "rate-limited", error.message);
  // SQLSTATE class 22 (data exception): a value the database cannot hold slipped past validation.
  if (typeof error.code === "string" && /^22[0-9A-Z]{3}$/.test(error.code)) {
    request.log.warn({ err: error }, "data exception past validation");
    return sendProblem(
      reply,
      request,
      "bad-request",
      `A value is out of range or malformed: ${error.message}. Nothing was recorded.`,
    );
  }
  // SQLSTATE 23505 on a known constraint: another request created the same thing first.
  const created = concurrentCreation(error);
  if (created)
    return sendProblem(
      reply,
      request,
      "conflict",
      `${capitalise(created.message)}: another request created it at the same moment. Nothing of this request was stored.`,
      [created],
    );
  if (status >= 400 && status < 500) return sendProblem(reply, request, "bad-request", error.message);
  if (storageFull(error)) {
    // Every write fails alike until room is made: a line when it starts, then one every 10 s.
    const step = sampleRepeat(storageFullLog, Date.now(), UNREACHABLE_LOG_EVERY_MS);
    storageFullLog = step.state;
    if (step.log) request.log.error({ err: error, leftOut: step.leftOut }, "database disk full");
    void reply.header("retry-after", String(STORAGE_FULL_RETRY_S));
    return sendProblem(
      reply,
      request,
      "storage-full",
      `Nothing was recorded: ${error.message}. Reads still work. Once room is made on the server's disk, send the same request again.`,
    );
  }
  const down = unreachable(error);
  if (down) {
    // While the database is away every request fails alike: a line when it starts, then one every 10 s.
    const step = sampleRepeat(unreachableLog[down], Date.now(), UNREACHABLE_LOG_EVERY_MS);
    unreachableLog[down] = step.state;
    if (step.log) request.log.error({ err: error, leftOut: step.leftOut }, "database unreachable");
    void reply.header("retry-after", String(UNREACHABLE_RETRY_S));
    return sendProblem(reply, request, "unavailable", UNREACHABLE[down]);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(
    reply,
    request,
    "internal",
    "Something went wrong on the server; the error was logged. Nothing was recorded.",
  );
}

const UNREACHABLE_LOG_EVERY_MS = 10_000;
const unreachableLog: Record<Unreachable, RepeatLog> = { database: FIRST_REPEAT, worker: FIRST_REPEAT };
let storageFullLog: RepeatLog = FIRST_REPEAT;

const UNREACHABLE = {
  worker:
    "The database node that holds this data cannot be reached right now (a worker of the database cluster is down), " +
    "so nothing was read or recorded. Operations kept on other nodes are not affected. Try again shortly.",
  database: "The database cannot be reached right now, so nothing was read or recorded. Try again shortly.",
} as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field + e.message) && seen.add(e.field + e.message));
}
