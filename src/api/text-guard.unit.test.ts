// The text guard's shortcut: a URL with nothing to decode and nothing unreadable in it cannot
// give a path parameter or query value with unreadable text, so its request needs no walk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnreadableText, isUnreadable, urlIsPlainReadable } from "./text-guard.ts";

/** Path segments and query values as a server decodes them (percent-decoding, '+' as a space in the query). */
function decodedPieces(url: string): string[] {
  const [path, query = ""] = url.split(/\?(.*)/s);
  const segments = path!.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const params = [...new URLSearchParams(query)].flat();
  return [...segments, ...params];
}

const piece = fc.oneof(
  fc.string({ unit: "grapheme-composite" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom("%00", "%EF%BF%BD", "%ED%A0%80", "+", "%2B", "a%20b", "\u0000", "\ufffd", "\ud800", "\u007f"),
);

describe("the text guard's shortcut for URLs with nothing to decode", () => {
  it("is taken only when no decoded path segment or query value is unreadable", () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 4 }),
        fc.array(fc.tuple(piece, piece), { maxLength: 4 }),
        (path, query) => {
          const url = `/api/${path.join("/")}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
          if (!urlIsPlainReadable(url)) return;
          for (const text of decodedPieces(url)) expect(isUnreadable(text), JSON.stringify(url)).toBe(false);
        },
      ),
    );
  });

  it.each([
    ["/api/operations/OP-1/stock?location=a%00b", false],
    ["/api/operations/OP-1/stock?location=caf%C3%A9", false],
    ["/api/operations/OP-1/stock?location=a\u0000b", false],
    ["/api/operations/OP-\ufffd/stock", false],
    ["/api/operations/OP-1/stock?location=a+b&item=FLOUR", true],
    ["/api/operations/OP-1/units?limit=100&cursor=WyJhIl0", true],
  ])("%j: shortcut %s", (url, plain) => {
    expect(urlIsPlainReadable(url)).toBe(plain);
  });

  it("still names the field of a decoded value that is unreadable", () => {
    expect(findUnreadableText({ location: "a\u0000b" })).toBe("/location");
  });
});
