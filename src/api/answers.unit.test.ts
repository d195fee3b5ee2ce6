// A kept answer's representations: the bytes as they are, and the compressed copies made once.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { representationOf } from "./answers.ts";
import { etagOf, type Answer } from "../app/cached-read.ts";

const answerOf = (value: unknown): Answer => {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: etagOf(body) };
};

describe("the representations of a kept answer", () => {
  const answer = answerOf(
    Array.from({ length: 50 }, (_, i) => ({ unit: String(i).padStart(8, "0"), status: "unloaded" })),
  );

  it("sends the kept bytes and tag themselves when not compressed", () => {
    expect(representationOf(answer, "identity")).toEqual({ bytes: answer.body, etag: answer.etag });
  });

  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)("compresses to %s once, and the copy decodes to the same bytes", (coding, decode) => {
    const first = representationOf(answer, coding);
    expect(representationOf(answer, coding)).toBe(first);
    expect(decode(first.bytes).equals(answer.body)).toBe(true);
    expect(first.bytes.length).toBeLessThan(answer.body.length);
    expect(first.etag).toBe(`${answer.etag.slice(0, -1)}.${coding}"`);
  });

  it("gives another answer its own copies", () => {
    const other = answerOf({ another: true });
    expect(representationOf(other, "gzip")).not.toBe(representationOf(answer, "gzip"));
    expect(gunzipSync(representationOf(other, "gzip").bytes).toString()).toBe('{"another":true}');
  });
});
