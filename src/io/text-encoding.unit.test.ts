import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeText, eightBitVerdict, TextEncodingError } from "./text-encoding.ts";

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/encodings/${name}`, import.meta.url));
const ORIGINAL = fixture("needs.utf8.csv").toString("utf8");

describe("a CSV saved by a spreadsheet", () => {
  it.each([
    ["UTF-8 without a byte-order mark", "needs.utf8.csv", "UTF-8"],
    ["UTF-8 with a byte-order mark", "needs.utf8-bom.csv", "UTF-8"],
    ["UTF-16 little-endian with a mark (Excel's Unicode text)", "needs.utf16le.csv", "UTF-16LE"],
    ["UTF-16 big-endian with a mark", "needs.utf16be.csv", "UTF-16BE"],
    ["Windows-1251 (Excel's CSV on a Russian Windows)", "needs.cp1251.csv", "Windows-1251"],
  ])("reads %s exactly, the Cyrillic included", (_what, file, encoding) => {
    const decoded = decodeText(fixture(file));
    expect(decoded).toEqual({ text: ORIGINAL, encoding });
    expect(decoded.text).toContain("Оперативная оценка МЧС — район «Центр»");
    expect(decoded.text).not.toContain("\ufffd");
  });

  it.each([
    ["KOI8-R", "needs.koi8r.csv", /KOI8-R/],
    ["Windows-1252 (a French sheet)", "needs.cp1252.csv", /Western European 8-bit encoding such as Windows-1252/],
    ["UTF-16 without a byte-order mark", "needs.utf16le-nobom.csv", /UTF-16LE text without a byte-order mark/],
  ])("refuses %s, naming what it found", (_what, file, named) => {
    expect(() => decodeText(fixture(file), "needs.csv")).toThrow(TextEncodingError);
    expect(() => decodeText(fixture(file), "needs.csv")).toThrow(named);
  });

  it("says where the first byte that is not UTF-8 is", () => {
    expect(() => decodeText(fixture("needs.cp1252.csv"))).toThrow(/byte 0xc9 at offset 74/);
  });

  it("refuses UTF-32, and UTF-16 whose mark is followed by broken text", () => {
    expect(() => decodeText(Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toThrow(/UTF-32/);
    expect(() => decodeText(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toThrow(/not valid UTF-16LE/);
  });

  it("never returns a replacement character, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          expect(decodeText(bytes).text).not.toContain("\ufffd");
        } catch (error) {
          expect(error).toBeInstanceOf(TextEncodingError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reads any text it was given in UTF-8 back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        fc.pre(!text.includes("\ufffd") && !text.startsWith("\ufeff"));
        expect(decodeText(new TextEncoder().encode(text)).text).toBe(text);
      }),
    );
  });
});

describe("the Windows-1251 heuristic", () => {
  it("accepts short codes in capitals, and refuses bytes Russian text never has", () => {
    expect(eightBitVerdict(Uint8Array.from([0xcc, 0xd7, 0xd1]))).toBe("Windows-1251");
    expect(eightBitVerdict(Uint8Array.from([0x98]))).toMatch(/other than Windows-1251/);
  });
});
