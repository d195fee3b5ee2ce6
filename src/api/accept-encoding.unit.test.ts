// Choosing the coding of a kept answer from the client's Accept-Encoding header.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { preferredCoding } from "./accept-encoding.ts";

describe("the coding a kept answer is sent in", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["GZIP", "gzip"],
    ["x-gzip", "gzip"],
    ["deflate", "identity"],
    ["identity", "identity"],
    ["*", "br"],
    ["br;q=0, *", "gzip"],
    ["br;q=0.5, gzip;q=0.8", "gzip"],
    ["br;q=0, gzip;q=0", "identity"],
    ["*;q=0", "identity"],
    ["gzip;q=0.5, identity", "identity"],
    ["gzip;q=nonsense", "identity"],
    ["gzip;q=2", "identity"],
    [" br ; q=1 , gzip ", "br"],
  ])("for %j is %s", (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });

  it("never picks a coding the client gave a weight of 0", () => {
    const coding = fc.constantFrom("br", "gzip", "x-gzip", "deflate", "identity", "*", "zstd");
    const entry = fc.record({ coding, q: fc.option(fc.constantFrom("0", "0.0", "0.3", "1"), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const header = entries.map((e) => (e.q === undefined ? e.coding : `${e.coding};q=${e.q}`)).join(", ");
        const chosen = preferredCoding(header);
        if (chosen === "identity") return;
        const named = entries.filter((e) => (e.coding === "x-gzip" ? "gzip" : e.coding) === chosen);
        const weight = (e: { q?: string }) => Number(e.q ?? 1);
        // The last mention of a coding counts; if it is not named, `*` stands for it.
        const last = named.at(-1) ?? entries.filter((e) => e.coding === "*").at(-1);
        expect(last, header).toBeDefined();
        expect(weight(last!), header).toBeGreaterThan(0);
      }),
    );
  });
});
