// Text no person typed: control characters (PostgreSQL cannot store NUL at all) and
// unpaired UTF-16 surrogates. Refused at the edge, before any lookup, for every body,
// query string and path parameter.
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON pointer of the first string with unreadable text, if any. */
export function findUnreadableText(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return CONTROL.test(value) || LONE_SURROGATE.test(value) ? path || "/" : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnreadableText(v, `${path}/${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = findUnreadableText(k, `${path}/${k}`) ?? findUnreadableText(v, `${path}/${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

export async function rejectUnreadableText(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  for (const [part, value] of [["body", request.body], ["query string", request.query], ["path", request.params]] as const) {
    const field = findUnreadableText(value);
    if (field) throw new AppError("bad-request", `The ${part} is not valid: ${field} contains control characters or broken Unicode.`, [{ field, message: "contains control characters or broken Unicode" }]);
  }
}
