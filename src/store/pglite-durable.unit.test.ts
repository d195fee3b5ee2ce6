// WAL locations and segment names as PostgreSQL writes them: the flusher finds the files a
// commit wrote by these, so a wrong name would leave a commit unflushed (or fail the write).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lsnBytes, segmentName } from "./pglite-durable.ts";

const MB16 = 16 * 1024 * 1024;

describe("WAL locations and segment names", () => {
  it("reads a location as PostgreSQL prints it: high and low 32 bits in hex", () => {
    expect(lsnBytes("0/0")).toBe(0);
    expect(lsnBytes("0/1A2B3C8")).toBe(0x1a2b3c8);
    expect(lsnBytes("2/FF")).toBe(2 * 2 ** 32 + 0xff);
  });

  it("names segments as pg_walfile_name does: timeline, log id and segment within it", () => {
    expect(segmentName("00000001", 1, MB16)).toBe("000000010000000000000001");
    expect(segmentName("00000001", 0xff, MB16)).toBe("0000000100000000000000FF");
    expect(segmentName("00000001", 0x100, MB16)).toBe("000000010000000100000000");
    expect(segmentName("00000003", 0x1ab, 64 * 1024 * 1024)).toBe("00000003000000060000002B");
  });

  it("gives the segment holding a location: consecutive locations never skip a segment", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 26 }), (at, step) => {
        const a = Math.floor(at / MB16);
        const b = Math.floor((at + step) / MB16);
        expect(b - a).toBeLessThanOrEqual(Math.ceil(step / MB16));
        const name = segmentName("00000001", a, MB16);
        const log = parseInt(name.slice(8, 16), 16);
        const seg = parseInt(name.slice(16), 16);
        expect(log * 256 + seg).toBe(a);
      }),
    );
  });
});
