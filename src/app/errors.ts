// The closed set of failures an application function can report. The HTTP shell maps
// each code to a status in one place (api/problem.ts); the CLI prints the message.
import type { FieldError } from "../core/decide.ts";

export const ERROR_CODES = {
  "bad-request": 400,
  unauthenticated: 401,
  forbidden: 403,
  /** A session signed in with a one-time password may only change it (or sign out). */
  "password-change-required": 403,
  /** A cookie-authenticated write sent from another site. */
  "cross-site": 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "too-large": 413,
  /** A body in a form the server does not take, e.g. compressed (Content-Encoding: gzip). */
  "unsupported-media-type": 415,
  invalid: 422,
  "rate-limited": 429,
  unavailable: 503,
  /** The database's disk is full (or within its reserve): writes are refused, reads go on. */
  "storage-full": 507,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * More for the problem document: `type` names a more specific problem than the code's
 * (the URI ends with it), `title` its title; other members are added as they are
 * (RFC 9457 extension members), e.g. the discrepancies a publication must acknowledge.
 */
export type ProblemExtensions = { type?: string; title?: string } & Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly extensions: ProblemExtensions = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Too many tries: the caller may try again after `retryAfterSeconds` (sent as Retry-After). */
export class ThrottledError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate-limited", message);
  }
}

export const notFound = (what: string): AppError => new AppError("not-found", `${what} does not exist`);
