// Sending an answer kept as JSON text (app/cached-read.ts): with its entity tag, and as
// 304 Not Modified when the client already holds it (If-None-Match).
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type, type TSchema } from "@sinclair/typebox";
import type { Answer } from "../app/cached-read.ts";
import { matchesEtag } from "../app/cached-read.ts";

/** Responses that may be answered 304 to a conditional request: documented beside the 200. */
export const NotModified = Type.Null({
  description: "Not modified: the answer is still the one whose ETag was sent in If-None-Match",
});

/** A 200 answer documented by `schema` but sent as the JSON text kept for it. */
export const preSerialised = (schema: TSchema) => Type.Unsafe<string>({ ...schema });

export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
  // A browser may keep the answer but asks again each time (a cheap 304 while nothing changed).
  reply.header("etag", answer.etag).header("cache-control", "private, no-cache");
  if (matchesEtag(request.headers["if-none-match"], answer.etag)) return reply.code(304).send();
  return reply.type("application/json; charset=utf-8").send(answer.body);
}
