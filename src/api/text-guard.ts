// Text no person typed: control characters (PostgreSQL cannot store NUL at all), unpaired
// UTF-16 surrogates, and U+FFFD, the replacement character a decoder leaves where it met
// bytes of another encoding. Refused at the edge, before any lookup, for every body,
// query string and path parameter. The walk keeps its own stack instead of recursing, so
// no shape of client input can exhaust the call stack.
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";

const UNREADABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isUnreadable = (text: string): boolean => UNREADABLE.test(text);

/** The JSON pointer of a string (value or key) with unreadable text, if any: this level's strings before nested ones. */
export function findUnreadableText(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return isUnreadable(value) ? path || "/" : undefined;
  const stack: [object, string][] = [];
  if (value !== null && typeof value === "object") stack.push([value, path]);
  while (stack.length > 0) {
    const [container, at] = stack.pop()!;
    const entries: [string, unknown][] = Array.isArray(container)
      ? container.map((v, i) => [String(i), v])
      : Object.entries(container);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      if (!Array.isArray(container) && isUnreadable(k)) return `${at}/${k}`;
      if (v !== null && typeof v === "object") stack.push([v, `${at}/${k}`]);
    }
    for (const [k, v] of entries) if (typeof v === "string" && isUnreadable(v)) return `${at}/${k}`;
  }
  return undefined;
}

/**
 * Whether no path parameter or query value parsed from `url` can hold unreadable text: without a
 * '%' nothing is percent-decoded (a '+' becomes a space at most), so they are pieces of the URL.
 */
export const urlIsPlainReadable = (url: string): boolean => !url.includes("%") && !isUnreadable(url);

export async function rejectUnreadableText(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  // Most reads: no body, and a URL with nothing to decode. Nothing to walk.
  if (request.body === undefined && urlIsPlainReadable(request.url)) return;
  for (const [part, value] of [
    ["body", request.body],
    ["query string", request.query],
    ["path", request.params],
  ] as const) {
    const field = findUnreadableText(value);
    if (field) {
      const message = "contains control characters, broken Unicode or U+FFFD (text decoded with the wrong encoding)";
      throw new AppError("bad-request", `The ${part} is not valid: ${field} ${message}.`, [{ field, message }]);
    }
  }
}
