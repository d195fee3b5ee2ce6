// Request bodies are taken as sent, never inflated: a 1 MB gzip body can hold 1 GB, and a
// route's body limit counts the bytes that arrive. (@fastify/compress is registered with
// globalDecompression off, and Fastify itself ignores Content-Encoding, so such a body used
// to reach the JSON parser as binary and answer "not valid JSON".) Nothing of ours sends a
// compressed body (the field app posts plain JSON), so a write with any coding but identity
// answers 415 before its body is read, with Accept-Encoding: identity (RFC 9110, 12.5.3).
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";
import { DEFAULT_BODY_LIMIT } from "./body-limits.ts";
import { isWrite } from "./request-guards.ts";
import { isWriteMethod, type GuardAnswer } from "./guard-answer.ts";

/** What refuseCompressedBody answers, and on which routes (guard-answers.ts adds it to their OpenAPI responses). */
export const CONTENT_CODING_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 415,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: () =>
      "The request says Content-Encoding other than identity (gzip, deflate, br…): bodies are taken only " +
      "uncompressed. Refused before the body is read; the answer carries Accept-Encoding: identity.",
    headers: {
      "Accept-Encoding": {
        type: "string",
        description: "On a 415 for the body's Content-Encoding: identity, the only coding taken.",
      },
    },
  },
];

/** An onRequest hook, after the request guard (so a write from nobody still answers 401 first). */
export async function refuseCompressedBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.is404 || !isWrite(request)) return;
  const coding = request.headers["content-encoding"]?.trim().toLowerCase();
  if (coding === undefined || coding === "" || coding === "identity") return;
  reply.header("accept-encoding", "identity");
  reply.header("connection", "close"); // do not read what is still coming
  const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
  throw new AppError(
    "unsupported-media-type",
    `request bodies are not taken compressed (Content-Encoding: ${coding}): send this one uncompressed, within the route's limit of ${Math.round(limit / 1024 / 1024)} MB`,
  );
}
