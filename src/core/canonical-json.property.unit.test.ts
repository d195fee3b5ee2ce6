// The hand-written RFC 8785 serialiser must agree with the `canonicalize` package (the
// reference the chain was first built on) on every JSON value, so every hash of every
// existing ledger stays the same.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import canonicalizeModule from "canonicalize";
import { canonicalJson, GENESIS_HASH, hashEvent } from "./chain.ts";
import { decideEvent } from "./decide.ts";
import { batch, catalogueContext, withIds } from "../../test/helpers/arbitraries.ts";

type Canonicalize = (input: unknown) => string | undefined;
const reference = ((canonicalizeModule as unknown as { default?: Canonicalize }).default ??
  canonicalizeModule) as Canonicalize;

/** How the chain hashed a record before: the reference serialiser over the record without its hash. */
const referenceHash = (r: Parameters<typeof hashEvent>[0]) =>
  createHash("sha256")
    .update(r.prevHash)
    .update(
      reference({
        operationId: r.operationId,
        seq: r.seq,
        recordedAt: r.recordedAt,
        recordedBy: r.recordedBy,
        event: r.event,
        prevHash: r.prevHash,
      })!,
    )
    .digest("hex");

describe("canonical JSON", () => {
  it("writes every JSON value exactly as the reference RFC 8785 serialiser does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the reference on awkward strings, keys and numbers", () => {
    const values = [
      { "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\u0080": 5, "\ud83d\ude00": 6, "": 7 },
      ["\u2028\u2029", "\ud800", 'quote " back \\ slash', "\u001f"],
      [0, -0, 1e21, 1e-7, 123.456, -1.5e-300, Number.MAX_SAFE_INTEGER, 5e-324],
      { a: undefined, b: [undefined], c: null, d: true, e: false },
      { date: new Date("2020-12-01T08:00:00Z") },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
  });

  it("refuses what has no JSON form", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson([Infinity])).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe("the chain hash", () => {
  it("is the hash the reference serialiser gives, for every event the ledger can store", () => {
    const ctx = catalogueContext();
    fc.assert(
      fc.property(batch({}, 4), fc.integer({ min: 1, max: 1e9 }), (drafts, seq) => {
        for (const input of withIds(drafts)) {
          const decided = decideEvent(input, ctx);
          if (!decided.ok) continue;
          const record = {
            operationId: "0193c0de-0000-7000-8000-00000000000a",
            seq,
            recordedAt: "2020-12-05T10:00:00.123Z",
            recordedBy: "0193c0de-0000-7000-8000-0000000000a1",
            event: decided.event,
            prevHash: GENESIS_HASH,
          };
          expect(hashEvent(record)).toBe(referenceHash(record));
        }
      }),
      { numRuns: 300 },
    );
  });
});
