// A write's body must come in a media type its route reads: application/json, unless the route's
// schema lists others (`consumes`, e.g. EPCIS also as application/ld+json). Anything else, or a body
// with no Content-Type at all, answers 415 Unsupported Media Type before the body is read, with the
// types the route takes in Accept (RFC 9110, 15.5.16) and in the detail. Fastify refuses some such
// bodies itself (FST_ERR_CTP_INVALID_MEDIA_TYPE, answered the same way by problem.ts) but parses
// text/plain as a string, which then failed the route's schema and answered 400 as if the JSON
// were wrong. A body of the right type that is not valid JSON still answers 400 (body-limits.ts).
import type { FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import { AppError } from "../app/errors.ts";
import { hasBody, isWrite } from "./request-guards.ts";
import { isWriteMethod, type AnswerHeader, type GuardAnswer } from "./guard-answer.ts";

/** What a route's body may be sent as when its schema names nothing else. */
export const JSON_MEDIA_TYPES: readonly string[] = ["application/json"];

/** The media types a route reads its body in: its schema's `consumes`, else JSON. */
export function acceptedMediaTypes(schema: FastifySchema | undefined): readonly string[] {
  const consumes = (schema as { consumes?: readonly string[] } | undefined)?.consumes;
  return consumes !== undefined && consumes.length > 0 ? consumes : JSON_MEDIA_TYPES;
}

/** The media type of a Content-Type, without its parameters, in lower case ("" when there is none). */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();

const ACCEPT: Readonly<Record<string, AnswerHeader>> = {
  Accept: { type: "string", description: "On a 415 for the body's media type: the media types this route reads." },
};

/** What refuseUnacceptedMediaType answers, and on which routes (guard-answers.ts adds it to their OpenAPI responses). */
export const MEDIA_TYPE_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 415,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: (route) =>
      `The body is sent with no Content-Type or one this route does not read: it takes ` +
      `${acceptedMediaTypes(route.schema).join(" or ")}. Refused before the body is read; the answer's ` +
      "Accept header and its detail name the media types taken.",
    headers: ACCEPT,
  },
];

/** The 415 for a body this request's route does not read; sets Accept on the answer. */
export function unsupportedMediaType(request: FastifyRequest, reply: FastifyReply): AppError {
  const accepted = acceptedMediaTypes(request.routeOptions.schema);
  reply.header("accept", accepted.join(", "));
  const given = request.headers["content-type"];
  const sent = mediaTypeOf(given) === "" ? "with no Content-Type" : `as Content-Type: ${given}`;
  return new AppError(
    "unsupported-media-type",
    `This route reads its body as ${accepted.join(" or ")}; this one was sent ${sent}. ` +
      `Nothing was read or recorded: send it again with Content-Type: ${accepted[0]}.`,
  );
}

/** An onRequest hook, after the request guard (a write from nobody still answers 401 first) and the coding check. */
export async function refuseUnacceptedMediaType(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.is404 || !isWrite(request) || !hasBody(request)) return;
  const accepted = acceptedMediaTypes(request.routeOptions.schema);
  if (accepted.includes(mediaTypeOf(request.headers["content-type"]))) return;
  reply.header("connection", "close"); // do not read what is still coming
  throw unsupportedMediaType(request, reply);
}
