// The one spelling of a quantity: the shortcut for quantities already canonical must
// give exactly what decimal.js gives for every decimal text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, canonicalQuantity } from "./quantity.ts";

describe("canonicalQuantity", () => {
  it("spells every decimal as decimal.js does, whether or not it was canonical already", () => {
    const decimal = fc
      .tuple(fc.stringMatching(/^\d{1,15}$/), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, (text) => {
        expect(canonicalQuantity(text)).toBe(new Decimal(text).toFixed());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ["300.0", "300"],
    ["0.50", "0.5"],
    ["007", "7"],
    ["0", "0"],
    ["0.000", "0"],
    ["19", "19"],
    ["1.25", "1.25"],
  ])("spells %s as %s", (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });
});
