// Telling "the database (or part of it) cannot be reached" from every other failure, so
// the shells can answer 503 and say which. The forms come from the pg driver (a socket
// that refused, reset or closed), from PostgreSQL (SQLSTATE class 08, connection
// exceptions; 57P01-57P03, shutting down or starting up), and from Citus, whose
// coordinator reports a worker it cannot reach as 08006 naming the remote node.

export type Unreachable = "worker" | "database";

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const SHUTTING_DOWN = new Set(["57P01", "57P02", "57P03"]);

/** What cannot be reached, when the error says so; undefined for every other error. */
export function unreachable(error: unknown): Unreachable | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return undefined;
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (
    /connection to the remote node|connection establishment for node|remote node .* (closed|terminated)/i.test(message)
  )
    return "worker";
  if (/^08[0-9A-Z]{3}$/.test(code) || SHUTTING_DOWN.has(code) || SOCKET_CODES.has(code)) return "database";
  // pg's own words for a client whose connection died (or was closed) before this statement.
  if (
    /^Connection terminated|^connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable$/i.test(
      message,
    )
  )
    return "database";
  return undefined;
}
