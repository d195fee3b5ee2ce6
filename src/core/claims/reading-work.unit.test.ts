// Reading a text for claims does work proportional to its length, whatever its shape: a
// 500,000-character text of "1e1e…" held the server's event loop 5 s. The steps are counted
// (./work.ts), not timed: a text ten times longer takes at most about ten times the steps.
import { describe, expect, it } from "vitest";
import { extractClaims } from "./extract.ts";
import { MAX_SENTENCE_TOKENS, sentences } from "./text.ts";
import { measureWork } from "./work.ts";
import { CATALOGUE } from "../../../test/helpers/claims-ledger.ts";

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Texts an attacker (or a careless paste) may send, each made `length` characters long. */
const SHAPES: Record<string, (length: number) => string> = {
  "1e repeated": (n) => fill("1e", n),
  "one run of digits": (n) => fill("7", n),
  "1.1.1.": (n) => fill("1.1.", n),
  "1 000 000 …": (n) => "1" + fill(" 000", n - 1),
  "1,000,000 …": (n) => "1" + fill(",000", n - 1),
  "1\u00a0000 with non-breaking spaces": (n) => "1" + fill("\u00a0000", n - 1),
  "mixed Cyrillic and Latin letters": (n) => fill("aбcд ", n),
  "one giant word": (n) => fill("a", n),
  "a huge run of whitespace": (n) => "17 cars" + " \t".repeat(n / 2) + "unloaded",
  "many sentences with claims": (n) => fill("On 19 December, 17 rail cars were unloaded at the station. ", n),
  "counts with no full stop": (n) => fill("17 cars ", n),
  "equipment nouns with no full stop": (n) => fill("crane ", n),
  "number words": (n) => fill("nine ", n),
  "one hundred and …": (n) => fill("one hundred and ", n),
  "a Russian count negated, no full stop": (n) => fill("9 вагонов не ", n),
  "so far, again and again": (n) => fill("so far 1 car, ", n),
  "dates without end": (n) => fill("19 December 2020 ", n),
  "full stops only": (n) => fill(".", n),
  "one number per line": (n) => fill("1\n", n),
};

const stepsFor = (text: string) =>
  measureWork(() => extractClaims(text, { textDate: "2020-12-20", catalogue: CATALOGUE })).steps;

describe("reading a text for claims", () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`does work proportional to the text's length: ${shape}`, () => {
      const small = stepsFor(make(4_000));
      const large = stepsFor(make(40_000));
      expect(small).toBeGreaterThan(0);
      // Ten times the text, at most about ten times the steps (a quadratic scan would be a hundred).
      expect(large, `${small} steps for 4,000 characters, ${large} for 40,000`).toBeLessThanOrEqual(small * 12);
    });
  }

  it(`reads a text with no sentence end as sentences of at most ${MAX_SENTENCE_TOKENS} tokens`, () => {
    const text = fill("1e ", 30_000);
    const read = sentences(text);
    expect(read.length).toBeGreaterThan(1);
    expect(Math.max(...read.map((s) => s.tokens.length))).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    expect(read.reduce((n, s) => n + s.tokens.length, 0)).toBe(20_000);
  });

  it("still reads a long sentence's claims where it was cut", () => {
    const claims = extractClaims(fill("17 cars ", 8_000), { textDate: "2020-12-20", catalogue: CATALOGUE });
    expect(claims.length).toBe(500);
    expect(claims.every((c) => c.type === "units" && c.count === "17")).toBe(true);
  });
});
