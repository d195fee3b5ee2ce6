// The lines of a byte stream (UTF-8), each at most `maxLineBytes` long. A backup is read
// through gunzip, and a small gzip file can unpack to gigabytes without a newline: without
// a bound that one "line" would be gathered in memory until the process died. Each chunk is
// searched for newlines once, so a long line costs linear time, not quadratic.
// (Not readline: its async iterator drops the lines that arrive before the loop starts, and
// restoring checks the store before reading the first line.)

export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly maxLineBytes: number,
  ) {
    super(`line ${line} is longer than ${Math.round(maxLineBytes / 1_000_000)} MB`);
    this.name = "LineTooLongError";
  }
}

export async function* boundedLines(stream: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pieces: Buffer[] = [];
  let pending = 0;
  let number = 1;
  for await (const chunk of stream) {
    let from = 0;
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, from)) {
      if (pending + at - from > maxLineBytes) throw new LineTooLongError(number, maxLineBytes);
      pieces.push(chunk.subarray(from, at));
      yield decoder.decode(Buffer.concat(pieces));
      pieces = [];
      pending = 0;
      number++;
      from = at + 1;
    }
    pending += chunk.length - from;
    if (pending > maxLineBytes) throw new LineTooLongError(number, maxLineBytes);
    pieces.push(chunk.subarray(from));
  }
  if (pending > 0) yield decoder.decode(Buffer.concat(pieces));
}
