// RELIEFLINE_PUBLIC_URL, the address the public pages are reached at: an origin, or a plain
// refusal at start, never a malformed link in the feed.
import { describe, expect, it } from "vitest";
import { configuredOrigin } from "./feed.ts";

describe("the configured public address", () => {
  it.each([
    ["https://relief.example.org", "https://relief.example.org"],
    ["https://relief.example.org/", "https://relief.example.org"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["https://RELIEF.example.org:443/", "https://relief.example.org"],
  ])("takes %s as the origin %s", (value, origin) => {
    expect(configuredOrigin(value)).toBe(origin);
  });

  it.each([
    ["relief.example.org", "not an address"],
    ["ftp://relief.example.org", "not an address"],
    ["https://user:pw@relief.example.org", "not an address"],
    ["https://relief.example.org/?x=1", "not an address"],
    ["https://relief.example.org/reliefline", "has a path"],
  ])("refuses %s, saying why", (value, why) => {
    expect(() => configuredOrigin(value)).toThrow(why);
  });
});
