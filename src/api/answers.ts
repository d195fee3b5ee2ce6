// Sending an answer kept as JSON bytes (app/cached-read.ts): with its entity tag, and as
// 304 Not Modified when the client already holds it (If-None-Match). A browser asks for
// compression on every request; an answer of 1 KB or more is compressed once, on the first
// request that accepts it, and that copy is kept beside the answer (and goes with it), so
// that no request compresses the same bytes again. Each coding is its own representation
// with its own strong entity tag. Routes sending kept answers set `compress: false`: the
// compression plugin would otherwise compress the answer again on every request.
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type, type TSchema } from "@sinclair/typebox";
import type { Answer } from "../app/cached-read.ts";
import { matchesEtag } from "../app/cached-read.ts";
import { preferredCoding, type Coding } from "./accept-encoding.ts";

/** Responses that may be answered 304 to a conditional request: documented beside the 200. */
export const NotModified = Type.Null({
  description: "Not modified: the answer is still the one whose ETag was sent in If-None-Match",
});

/** A 200 answer documented by `schema` but sent as the JSON bytes kept for it. */
export const preSerialised = (schema: TSchema) => Type.Unsafe<Buffer>({ ...schema });

/** Smaller answers go as they are (the compression plugin's threshold, for the rest of the API). */
export const COMPRESS_FROM_BYTES = 1024;

/** Brotli at the quality the compression plugin uses; made once per kept answer, so a little slower is fine. */
const BROTLI = { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } };

interface Representation {
  bytes: Buffer;
  etag: string;
}

const compressed = new WeakMap<Answer, Partial<Record<Exclude<Coding, "identity">, Representation>>>();

/** The answer in `coding`, compressed on first use and kept as long as the answer is. */
export function representationOf(answer: Answer, coding: Coding): Representation {
  if (coding === "identity") return { bytes: answer.body, etag: answer.etag };
  let copies = compressed.get(answer);
  if (!copies) compressed.set(answer, (copies = {}));
  return (copies[coding] ??= {
    bytes: coding === "br" ? brotliCompressSync(answer.body, BROTLI) : gzipSync(answer.body),
    // The same tag with the coding named: a strong tag belongs to one representation (RFC 9110 §8.8.3).
    etag: `${answer.etag.slice(0, -1)}.${coding}"`,
  });
}

export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
  const compressible = answer.body.length >= COMPRESS_FROM_BYTES;
  const coding = compressible ? preferredCoding(request.headers["accept-encoding"]) : "identity";
  const sent = representationOf(answer, coding);
  // A browser may keep the answer but asks again each time (a cheap 304 while nothing changed).
  reply.header("etag", sent.etag).header("cache-control", "private, no-cache");
  if (compressible) reply.header("vary", "accept-encoding");
  if (matchesEtag(request.headers["if-none-match"], sent.etag)) return reply.code(304).send();
  if (coding !== "identity") reply.header("content-encoding", coding);
  return reply.type("application/json; charset=utf-8").send(sent.bytes);
}
