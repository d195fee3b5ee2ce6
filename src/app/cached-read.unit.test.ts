// The key a kept answer is found by: different requests never share one, and the order of a
// query's parameters does not make two; and If-None-Match as RFC 9110 compares it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerKey, matchesEtag } from "./cached-read.ts";
import { canonicalJson } from "../core/chain.ts";

const request = fc.record({
  operationId: fc.uuid(),
  role: fc.constantFrom("admin", "coordinator", "clerk", "viewer"),
  endpoint: fc.constantFrom("progress", "stock", "units"),
  query: fc.dictionary(
    fc.constantFrom("consignment", "status", "kind", "q", "limit", "cursor", "location", "item", "lang"),
    fc.oneof(fc.string(), fc.integer(), fc.constant("")),
  ),
});
type Request = { operationId: string; role: string; endpoint: string; query: Record<string, unknown> };
const keyOf = (r: Request) => answerKey(r.operationId, r.role, r.endpoint, r.query);

describe("the key of a kept answer", () => {
  it("is the same only for the same operation, role, endpoint and query", () => {
    fc.assert(
      fc.property(request, request, (a, b) => {
        const same =
          a.operationId === b.operationId &&
          a.role === b.role &&
          a.endpoint === b.endpoint &&
          canonicalJson(a.query) === canonicalJson(b.query);
        expect(keyOf(a) === keyOf(b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it("tells apart requests that differ in one part only", () => {
    fc.assert(
      fc.property(request, fc.string(), fc.string(), (r, name, value) => {
        fc.pre(!(name in r.query) || r.query[name] !== value);
        expect(keyOf({ ...r, query: { ...r.query, [name]: value } })).not.toBe(keyOf(r));
        expect(keyOf({ ...r, role: `${r.role}x` })).not.toBe(keyOf(r));
        expect(keyOf({ ...r, endpoint: `${r.endpoint}x` })).not.toBe(keyOf(r));
      }),
    );
  });

  it("does not depend on the order of the query's parameters", () => {
    fc.assert(
      fc.property(request, (r) => {
        const reversed = Object.fromEntries(Object.entries(r.query).reverse());
        expect(keyOf({ ...r, query: reversed })).toBe(keyOf(r));
      }),
    );
  });
});

describe("If-None-Match", () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"other", "abc"', true],
    ["*", true],
    ['"abc.br"', false],
    ['"other"', false],
    ["", false],
  ])('%j matches "abc": %s', (header, matches) => {
    expect(matchesEtag(header, '"abc"')).toBe(matches);
  });
});
