// The operations-room UI is served here; until it lands this is a plain page that
// says what Reliefline is and where the API lives.
import type { FastifyPluginAsync } from "fastify";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reliefline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1d2733}
h1{font-size:1.6rem}a{color:#0b5cad}code{background:#eef2f6;padding:0 .25rem;border-radius:3px}</style></head>
<body><main><h1>Reliefline</h1>
<p>Humanitarian relief logistics: every consignment from pledge to neighbourhood, in one tamper-evident ledger.</p>
<p>The operations-room interface is on its way. Meanwhile use the <a href="/api/docs">API (interactive docs)</a>
or the <code>reliefline</code> command line.</p>
<p><a href="/api/health">Server health</a> · <a href="/api/openapi.json">OpenAPI document</a></p></main></body></html>`;

export const webRoutes = (): FastifyPluginAsync => async (app) => {
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.type("text/html; charset=utf-8").send(PAGE));
};
