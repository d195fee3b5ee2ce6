// Security headers on every response: the UI, the API, the docs, the public view, static
// files, errors, and the event streams (set on the raw response, so that a hijacked reply
// carries them too). The policy fits what Reliefline serves: its own scripts only (no
// inline script anywhere), its own styles, images from itself or data:/blob: URLs, no
// framing by anyone. Inline styles are refused except the reports' one stylesheet, by hash. The field app's barcode decoder is WebAssembly ('wasm-unsafe-eval'),
// its service worker and manifest are same-origin files, and it may use the camera; no
// other page, and no other site framing ours, can.
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

export function securityHeaders(options: { secureCookies: boolean }) {
  const upgrade = options.secureCookies ? "; upgrade-insecure-requests" : "";
  const csp = CONTENT_SECURITY_POLICY + upgrade;
  const docsCsp = DOCS_POLICY + upgrade;
  const headers: [string, string][] = [
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "same-origin"],
    ["permissions-policy", PERMISSIONS_POLICY],
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ["origin-agent-cluster", "?1"],
    ["x-dns-prefetch-control", "off"],
    ["x-permitted-cross-domain-policies", "none"],
  ];
  // Only behind HTTPS: HSTS sent over plain HTTP would be ignored, and on localhost it would stick.
  if (options.secureCookies) headers.push(["strict-transport-security", "max-age=31536000; includeSubDomains"]);
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    reply.raw.setHeader("content-security-policy", request.url.startsWith("/api/docs") ? docsCsp : csp);
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  };
}
