// What a request must pass before its body is read. Fastify runs onRequest hooks before
// it parses or validates anything, so a write from nobody answers 401 without its body
// being buffered, a cookie-authenticated write from another site answers 403, and a
// session signed in with a one-time password can do nothing but change it.
//
// Every write (any method but GET, HEAD and OPTIONS) needs a principal unless its route
// says `config: { auth: "public" }` (signing in and out): a route added later is closed
// by default. Reads call principalOf() in their handler, which applies the same rules.
//
// A body that trickles in holds its connection until the request timeout, so each caller
// may be sending only so many bodies at once: a signed-in caller (a user, or one phone's
// credential) WRITES_IN_FLIGHT.signedIn, an address that is not signed in (the sign-in form)
// WRITES_IN_FLIGHT.anonymous. One more is refused at once with 429 and Retry-After. The same
// goes for the requests that cost seconds of CPU or a scan of the whole ledger (COUNTED_ROUTES:
// reports, PDFs, exports, verify, backup, sheet and manifest imports): a caller with read access alone could otherwise ask
// for fifty PDFs at once and keep the server from everyone else; and for the live event
// streams, each of which holds a connection for as long as its reader likes.
import { STATUS_CODES, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";
import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { AppError, ThrottledError } from "../app/errors.ts";
import { InFlight } from "../core/in-flight.ts";
import { principalOf } from "./auth.ts";
import { isWriteMethod, RETRY_AFTER, type GuardAnswer } from "./guard-answer.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** "public": anyone may send this write (signing in, signing out). */
    auth?: "public";
    /** Still allowed while the caller's one-time password is unchanged (me, change password, sign out). */
    duringPasswordChange?: boolean;
    /** Set from COUNTED_ROUTES when the route is added: its requests are counted per caller. */
    counted?: Counted;
  }
}

export const isWrite = (request: FastifyRequest): boolean => isWriteMethod(request.method);

/**
 * Bodies one caller may be sending at once. The field app syncs one batch at a time, the UI
 * sends a few writes at once, and an integration a handful; signing in takes one short body.
 */
export const WRITES_IN_FLIGHT = { signedIn: 16, anonymous: 4 } as const;

type Counted = "costly" | "stream";

/**
 * Routes whose requests are counted per caller, whatever their method: those that cost seconds
 * of CPU or read the whole ledger, and the event streams. A caller may have IN_FLIGHT[kind] at once.
 */
export const COUNTED_ROUTES: Readonly<Record<string, Counted>> = {
  "GET /api/operations/:op/reports/sitrep": "costly",
  "GET /api/operations/:op/reports/press": "costly",
  "GET /api/operations/:op/labels.pdf": "costly",
  "GET /api/operations/:op/export/ledger": "costly",
  "GET /api/operations/:op/export/epcis": "costly",
  "GET /api/operations/:op/export/stock.csv": "costly",
  "GET /api/operations/:op/export/distributions.csv": "costly",
  "POST /api/operations/:op/verify": "costly",
  "POST /api/operations/:op/reconcile": "costly",
  "GET /api/admin/backup": "costly",
  // Parsing a needs sheet (up to 16 MB of XLSX XML), checking and writing 100,000 manifest rows, or
  // mapping and appending an EPCIS document of 32 MB takes seconds.
  "POST /api/operations/:op/needs/import": "costly",
  "POST /api/operations/:op/import/epcis": "costly",
  "POST /api/operations/:op/consignments/:consignment/manifests": "costly",
  // Reading a text of 500,000 characters for claims holds the event loop for seconds (5 s for "1e1e…").
  "POST /api/operations/:op/claims/check": "costly",
  "GET /api/operations/:op/stream": "stream",
};

/** At once per caller: a few reports; a live stream for each open tab or screen. */
export const IN_FLIGHT: Readonly<Record<Counted, number>> = { costly: 4, stream: 16 };
const COUNTED_WHAT: Record<Counted, string> = {
  costly: "requests that build a report, import a sheet or read the whole ledger",
  stream: "live event streams",
};

/** What requestGuard answers, and on which routes (added to each route's OpenAPI responses by guard-answers.ts). */
export const REQUEST_GUARD_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 401,
    appliesTo: (route) => isWriteMethod(route.method) && route.config.auth !== "public",
    describe: () =>
      "Sign-in required: no session cookie or API token was sent, or it is unknown, revoked or expired. " +
      "Nothing of the body is read.",
  },
  {
    status: 403,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: () =>
      "A write with a session cookie sent from another site's page (Sec-Fetch-Site or Origin says so); " +
      "scripts and devices use an API token (Authorization: Bearer), which is not checked for this.",
  },
  {
    // Node's request timeout, answered by answerClientError: a write's body may trickle in for that long.
    status: 408,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: () =>
      `The request (headers and body) did not arrive whole within ${REQUEST_TIMEOUT_MS / 1000} s; nothing was ` +
      "recorded and the connection is closed. It may never reach a client whose connection is that slow.",
  },
  {
    status: 429,
    appliesTo: (route) => isWriteMethod(route.method),
    describe: () =>
      `This caller is already sending ${WRITES_IN_FLIGHT.signedIn} request bodies at once ` +
      `(an address not signed in: ${WRITES_IN_FLIGHT.anonymous}); refused before its body is read. ` +
      "Retry-After: 1.",
    headers: RETRY_AFTER,
  },
  {
    status: 429,
    appliesTo: (route) => route.config.counted !== undefined,
    describe: (route) =>
      `This caller already has ${IN_FLIGHT[route.config.counted!]} ${COUNTED_WHAT[route.config.counted!]} ` +
      "under way; send this one when one of them is answered. Retry-After: 1.",
    headers: RETRY_AFTER,
  },
];

/** An onRoute hook: marks the routes of COUNTED_ROUTES, so a request finds it in its own config. */
export function markCounted(route: RouteOptions): void {
  // Fastify answers HEAD on every GET route by running the GET's handler: it costs the same.
  const asked = (method: string) => (method === "HEAD" ? "GET" : method);
  const counted = [route.method].flat().map((method) => COUNTED_ROUTES[`${asked(method)} ${route.url}`]);
  const kind = counted.find((c) => c !== undefined);
  if (kind) route.config = { ...route.config, counted: kind };
}

/** The whole request, headers and body, must arrive within this (Node's own default, which Fastify turns off). */
export const REQUEST_TIMEOUT_MS = 300_000;

/**
 * Fastify's clientErrorHandler: what Node reports on a connection before a request is whole,
 * answered as problem details like every other refusal (Fastify's own answer is plain JSON), and
 * the connection closed: 408 when the request did not arrive whole within REQUEST_TIMEOUT_MS, 431
 * when its headers pass Node's limit, 400 when it is not HTTP Node can read.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, type, title, detail] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "request-timeout", "Request timeout", REQUEST_TIMEOUT_DETAIL]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "headers-too-large", "Headers too large", "The request's headers are larger than the server reads."]
        : [400, "bad-request", "Bad request", "The request is not HTTP the server can read."];
  const body = JSON.stringify({ type: `https://reliefline.org/problems/${type}`, title, status, detail });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

const REQUEST_TIMEOUT_DETAIL =
  `The request did not arrive whole within ${REQUEST_TIMEOUT_MS / 1000} s, so it was not read; nothing was recorded. ` +
  "Send it again, on a better connection or in smaller parts.";

/** A new connection must have sent its first request's headers within this. */
export const FIRST_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Hangs up on a connection that sends no request. Node times out headers that trickle in, but a
 * connection that never sends a byte was held for good: 20,000 of them took every file descriptor.
 * (Node's HTTP parser reads the socket directly, so the first request, not a 'data' event, is the sign.)
 */
export function dropSilentConnections(server: Server, timeoutMs = FIRST_REQUEST_TIMEOUT_MS): void {
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  server.on("connection", (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), timeoutMs).unref();
    waiting.set(socket, timer);
    socket.once("close", () => clearTimeout(timer));
  });
  server.on("request", (request: IncomingMessage) => {
    const timer = waiting.get(request.socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    waiting.delete(request.socket);
  });
}

/** The onRequest hook; runs after the principal was resolved from the cookie or token. One per app: it counts bodies in flight. */
export function requestGuard(limits: { signedIn: number; anonymous: number } = WRITES_IN_FLIGHT) {
  const signedIn = new InFlight(limits.signedIn);
  const anonymous = new InFlight(limits.anonymous);
  const counted: Record<Counted, InFlight> = {
    costly: new InFlight(IN_FLIGHT.costly),
    stream: new InFlight(IN_FLIGHT.stream),
  };
  return async function guardRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.is404) return;
    const kind = request.routeOptions.config.counted;
    // Reports and streams count per person: any reader may issue device credentials, so a phone is its user here.
    if (request.principal && kind) admit(request, reply, counted[kind], COUNTED_WHAT[kind], request.principal.userId);
    if (!isWrite(request)) return;
    const config = request.routeOptions.config;
    if (config.auth !== "public") {
      // Do not read what an unauthenticated client is still sending: answer and hang up.
      if (!request.principal && hasBody(request)) reply.header("connection", "close");
      principalOf(request);
    }
    if (request.headers.authorization === undefined) refuseCrossSite(request);
    if (hasBody(request)) admit(request, reply, request.principal ? signedIn : anonymous, "requests");
  };
}

/**
 * Counts the request in `flight` until its response closes, or refuses it (429) when its caller is at the limit.
 * The caller is the phone's credential or the user, else the address, unless given.
 */
function admit(request: FastifyRequest, reply: FastifyReply, flight: InFlight, what: string, as?: string): void {
  const principal = request.principal;
  const caller = as ?? (principal ? (principal.device?.id ?? principal.userId) : request.ip);
  if (!flight.enter(caller)) {
    if (hasBody(request)) reply.header("connection", "close");
    throw new ThrottledError(`this caller is already sending ${flight.limit} ${what}; wait for one to be answered`, 1);
  }
  reply.raw.once("close", () => flight.leave(caller));
}

/** Whether the request says it carries a body (a length over 0, or a chunked one). */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * A browser says where a request comes from: Sec-Fetch-Site (every current browser) or
 * at least Origin on a cross-origin POST. Requests carrying neither come from programs,
 * which hold no ambient cookie of a user's browser, so they pass; bearer tokens are never
 * sent by a browser on its own and are not checked at all.
 */
export function crossSiteReason(request: FastifyRequest): string | undefined {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string")
    return site === "same-origin" || site === "none" ? undefined : `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.origin;
  if (typeof origin !== "string") return undefined;
  return sameHost(origin, request.host) ? undefined : `Origin ${origin} is not ${request.host}`;
}

/** Whether an Origin names this host and port (a default port may be left out on either side). */
function sameHost(origin: string, host: string): boolean {
  const hostOf = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return undefined;
    }
  };
  const from = hostOf(origin);
  return from !== undefined && (from === hostOf(`http://${host}`) || from === hostOf(`https://${host}`));
}

function refuseCrossSite(request: FastifyRequest): void {
  const reason = crossSiteReason(request);
  if (reason) {
    throw new AppError(
      "cross-site",
      `a write with a session cookie must come from this site's own pages (${reason}); scripts and devices use an API token (Authorization: Bearer)`,
    );
  }
}
