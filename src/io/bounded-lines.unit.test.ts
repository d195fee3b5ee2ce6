import { Readable } from "node:stream";
import { createGunzip, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { boundedLines, LineTooLongError } from "./bounded-lines.ts";

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p, "utf8")));
const all = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe("the lines of a stream", () => {
  it("are split wherever the chunks break, multi-byte characters included", async () => {
    const text = "первая строка\n\nsecond\nпоследняя";
    const bytes = Buffer.from(text, "utf8");
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const parts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size),
      );
      expect(await all(boundedLines(Readable.from(parts), 100)), `chunks of ${size}`).toEqual(text.split("\n"));
    }
  });

  it("leave out the empty piece after a closing newline", async () => {
    expect(await all(boundedLines(chunks("a\nb\n"), 10))).toEqual(["a", "b"]);
  });

  it("stop at a line longer than the bound, naming it, in one chunk or many", async () => {
    await expect(all(boundedLines(chunks("short\n", "x".repeat(11), "\n"), 10))).rejects.toThrow(
      new LineTooLongError(2, 10),
    );
    await expect(all(boundedLines(chunks("ok\nxxxxxx", "xxxxxx\n"), 10))).rejects.toThrow(LineTooLongError);
  });

  it("stop a gzip bomb of one endless line at the bound, long before it is unpacked", async () => {
    // 64 gzip members of 16 MiB of "a" each: 1 GiB unpacked, about 1 MB packed, not one newline.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, "a"), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    let unpacked = 0;
    const gunzip = Readable.from([bomb]).pipe(createGunzip());
    async function* counted() {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        yield chunk;
      }
    }
    await expect(all(boundedLines(counted(), 1_000_000))).rejects.toThrow("line 1 is longer than 1 MB");
    expect(unpacked).toBeLessThan(2 * 1024 * 1024);
  });
});
