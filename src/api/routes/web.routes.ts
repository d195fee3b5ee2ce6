// The operations-room UI: the built single-page app in dist/web, with index.html for
// any other GET that is not under /api (the app routes on the client), and the field
// app's field/index.html for paths under /field/. Without a build (root null, or no
// index.html in it), / says how to make one.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import fastifyStatic from "@fastify/static";
import { sendProblem } from "../problem.ts";

const NO_BUILD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reliefline</title></head>
<body><main><h1>Reliefline</h1><p>The UI is not built: run <code>npm run build</code> (or <code>npm start</code>, which builds it).
The <a href="/api/docs">API</a> works meanwhile.</p></main></body></html>`;

/** The app's icon, served with the field app's files. */
export const ICON = "/field/icon.svg";

export const webRoutes =
  (root: string | null): FastifyPluginAsync =>
  async (app) => {
    if (root === null || !existsSync(join(root, "index.html"))) {
      app.get("/", { schema: { hide: true } }, async (_request, reply) =>
        reply.type("text/html; charset=utf-8").send(NO_BUILD),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      cacheControl: false,
      index: false,
      // Hashed assets never change; index.html must be revalidated so a new build is picked up.
      setHeaders: (res, path) =>
        res.setHeader(
          "cache-control",
          path.startsWith(join(root, "assets")) ? "public, max-age=31536000, immutable" : "no-cache",
        ),
    });
    const spa = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split("?")[0]!;
      if (path === "/api" || path.startsWith("/api/"))
        return sendProblem(reply, request, "not-found", `no route ${request.method} ${path}; see /api/docs`);
      // The public view has its own routes; an unknown path under it is not the staff UI.
      if (path === "/public" || path.startsWith("/public/"))
        return sendProblem(reply, request, "not-found", `no public page ${path}; see /public`);
      // The field app (web/field) is its own single-page app under /field/, the scope of its service worker.
      if (path === "/field") return reply.redirect("/field/", 302);
      // Browsers ask for /favicon.ico on any page without an icon link (a report's HTML, say).
      if (path === "/favicon.ico") return reply.header("cache-control", "public, max-age=86400").redirect(ICON, 302);
      if (path.startsWith("/field/") && !/\.[a-z0-9]+$/i.test(path))
        return reply.header("cache-control", "no-cache").sendFile("field/index.html");
      // A file that appeared after start-up (the UI rebuilt while the server runs) is still served;
      // sendFile stays inside root and answers 404 for a file that does not exist.
      if (/\.[a-z0-9]+$/i.test(path)) {
        const immutable = path.startsWith("/assets/");
        return reply
          .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
          .sendFile(decodeURIComponent(path.slice(1)));
      }
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    };
    app.get("/", { schema: { hide: true } }, spa);
    app.get("/*", { schema: { hide: true } }, spa);
  };
