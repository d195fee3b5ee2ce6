// What a guard can answer, declared beside the guard itself (request-guards.ts, content-coding.ts,
// body-limits.ts, auth.ts, problem.ts) so the OpenAPI document cannot drift from what the server
// sends: guard-answers.ts adds each answer to the responses of every route it applies to.
// Its own module (types only), so the guards need not import the module that gathers them.
import type { FastifyContextConfig, FastifySchema } from "fastify";

/** What a guard knows of a route when the route is added. */
export interface RouteFacts {
  /** Upper case; HEAD for Fastify's own HEAD route beside a GET. */
  method: string;
  /** Fastify's path, with :params. */
  url: string;
  config: FastifyContextConfig;
  /** The route's body limit in bytes (api/body-limits.ts has set it by now). */
  bodyLimit: number;
  schema: FastifySchema;
}

/** A response header a guard sends with its answer, as the OpenAPI document describes it. */
export interface AnswerHeader {
  description: string;
  type: "string" | "integer";
}

export interface GuardAnswer {
  status: number;
  /** What the answer means to a client, for this route (it may quote the route's limit). */
  describe(route: RouteFacts): string;
  /** Whether this guard can send this answer on this route. */
  appliesTo(route: RouteFacts): boolean;
  headers?: Readonly<Record<string, AnswerHeader>>;
}

/** Retry-After, as every refusal that says when to try again sends it (each answer's description says how long). */
export const RETRY_AFTER: Readonly<Record<string, AnswerHeader>> = {
  "Retry-After": { type: "integer", description: "Seconds to wait before sending the same request again." },
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A write: any method but GET, HEAD and OPTIONS. Such a request may carry a body, and Fastify reads it. */
export const isWriteMethod = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());
