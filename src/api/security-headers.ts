// Security headers on every response (set on the raw response, so that a hijacked reply such
// as an event stream carries them too). Two sets:
// - a page (the UI, static files, the docs, the public view, the standalone report pages): the
//   policy fits what Reliefline serves: its own scripts only (no inline script anywhere), its own
//   styles, images from itself or data:/blob: URLs, no framing by anyone. Inline styles are
//   refused except the reports' one stylesheet, by hash. The field app's barcode decoder is
//   WebAssembly ('wasm-unsafe-eval'), its service worker and manifest are same-origin files, and
//   it may use the camera; no other page, and no other site framing ours, can.
// - data (everything else under /api/): a policy that allows nothing, no framing, no sniffing,
//   no reading by other sites; the page-only headers would mean nothing there. And no copy in any
//   cache (Cache-Control: no-store), unless the route says otherwise: most answers are for one
//   signed-in person, and a browser kept them (exports, reports, /api/auth/me) in its disk cache
//   for the next person at a shared computer.
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { REPORT_CSS } from "../core/reports/render/html.ts";

/** The standalone report pages (sitrep, press statement as HTML) carry one fixed inline stylesheet, allowed by its hash. */
const REPORT_STYLE = `'sha256-${createHash("sha256").update(REPORT_CSS).digest("base64")}'`;

/**
 * Swagger UI's bundle (@fastify/swagger-ui 5.2.6) adds one fixed <style> element at run time;
 * the docs pages allow it by its hash. test/ui-security.e2e.test.ts fails if an upgrade changes it.
 */
const DOCS_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

const policy = (styles: string) =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' ${styles}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

export const CONTENT_SECURITY_POLICY = policy(REPORT_STYLE);
const DOCS_POLICY = policy(`${REPORT_STYLE} ${DOCS_STYLE}`);

export const PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

/** Headers that only mean something to a page a browser renders (HTML, and the docs). */
const PAGE_ONLY: readonly (readonly [string, string])[] = [
  ["referrer-policy", "same-origin"],
  ["permissions-policy", PERMISSIONS_POLICY],
  ["cross-origin-opener-policy", "same-origin"],
  ["origin-agent-cluster", "?1"],
  ["x-dns-prefetch-control", "off"],
  ["x-permitted-cross-domain-policies", "none"],
];

/**
 * What a data answer (JSON, problems, CSV, NDJSON, text, event streams, downloads) needs: nothing
 * it could load or run, no framing, no sniffing into another type, no reading by other sites.
 * Sent rendered as a page by mistake, it shows as text with nothing active.
 */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

const upgraded = (csp: string, secure: boolean) => (secure ? `${csp}; upgrade-insecure-requests` : csp);

/** The API under /api/ answers data, except its docs pages; everything else (the UI, static files, the public view) is a page. */
const isData = (url: string) => url.startsWith("/api/") && !url.startsWith("/api/docs");

/**
 * Turns an /api/ answer into a page: the report routes call it before sending their standalone
 * HTML. Forgetting it fails safe: the page would render with no style and nothing running.
 */
export function pageHeaders(reply: FastifyReply, secure: boolean): FastifyReply {
  reply.raw.setHeader("content-security-policy", upgraded(CONTENT_SECURITY_POLICY, secure));
  for (const [name, value] of PAGE_ONLY) reply.raw.setHeader(name, value);
  return reply;
}

export function securityHeaders(options: { secureCookies: boolean }) {
  const secure = options.secureCookies;
  const csp = upgraded(CONTENT_SECURITY_POLICY, secure);
  const docsCsp = upgraded(DOCS_POLICY, secure);
  // On every answer. HSTS only behind HTTPS: sent over plain HTTP it would be ignored, and on localhost it would stick.
  const every: [string, string][] = [
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    ["cross-origin-resource-policy", "same-origin"],
  ];
  if (secure) every.push(["strict-transport-security", "max-age=31536000; includeSubDomains"]);
  // A data answer is most of the traffic (phones syncing, the UI polling) and is often small:
  // the page-only headers would be most of its bytes, so it carries only what applies to it.
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    for (const [name, value] of every) reply.raw.setHeader(name, value);
    const url = request.url;
    if (isData(url)) {
      reply.raw.setHeader("content-security-policy", DATA_POLICY);
      // A route that may be kept says so itself (the kept reads: private, revalidated; the event stream).
      reply.raw.setHeader("cache-control", "no-store");
    } else {
      reply.raw.setHeader("content-security-policy", url.startsWith("/api/docs") ? docsCsp : csp);
      for (const [name, value] of PAGE_ONLY) reply.raw.setHeader(name, value);
    }
    done();
  };
}
