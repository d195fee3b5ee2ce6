// The HTTP shell: a Fastify app around the application functions. Routes validate
// once at the edge and call the same functions as the CLI.
import Fastify, { type FastifyContextConfig, type FastifyInstance } from "fastify";
import { randomUUID } from "node:crypto";
import { constants as zlibConstants } from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import AjvModule from "ajv";
import formatsModule from "ajv-formats";
import type { Db } from "../store/db.ts";
import type { AppContext } from "./context.ts";
import { errorHandler, rawProblem, sendProblem } from "./problem.ts";
import { resolvePrincipal } from "./auth.ts";
import { rejectUnreadableText } from "./text-guard.ts";
import { CONNECTIONS_PER_ADDRESS, connectionCap, limitConnections, openFileLimit } from "./connection-limits.ts";
import { endConnectionsOnClose } from "./close-connections.ts";
import { applyBodyLimit, DEFAULT_BODY_LIMIT, useGuardedJsonParser } from "./body-limits.ts";
import {
  answerClientError,
  dropSilentConnections,
  markCounted,
  REQUEST_TIMEOUT_MS,
  requestGuard,
} from "./request-guards.ts";
import { refuseCompressedBody } from "./content-coding.ts";
import { refuseUnacceptedMediaType } from "./media-types.ts";
import { documentGuardAnswers } from "./guard-answers.ts";
import { securityHeaders } from "./security-headers.ts";
import { HttpMetrics, recordRequests } from "./metrics.ts";
import { metricsRoutes } from "./routes/metrics.routes.ts";
import { backupRoutes } from "./routes/backup.routes.ts";
import { healthRoutes } from "./routes/health.routes.ts";
import { authRoutes } from "./routes/auth.routes.ts";
import { adminRoutes } from "./routes/admin.routes.ts";
import { auditRoutes } from "./routes/audit.routes.ts";
import { operationRoutes } from "./routes/operations.routes.ts";
import { catalogueRoutes } from "./routes/catalogue.routes.ts";
import { eventRoutes } from "./routes/events.routes.ts";
import { webRoutes } from "./routes/web.routes.ts";
import { WEB_DIST } from "../web/web-build.ts";
import { exchangeRoutes } from "./routes/exchange.routes.ts";
import { trackingRoutes } from "./routes/tracking.routes.ts";
import { reconcileRoutes } from "./routes/reconcile.routes.ts";
import { allocationRoutes } from "./routes/allocation.routes.ts";
import { sitrepRoutes } from "./routes/sitrep.routes.ts";
import { reportRoutes } from "./routes/reports.routes.ts";
import { streamRoutes } from "./routes/stream.routes.ts";
import { LedgerFeed } from "./ledger-feed.ts";
import { databaseRateLimitStore } from "./rate-limit-store.ts";
import { publicationRoutes } from "./routes/publications.routes.ts";
import { ledgerExportRoutes } from "./routes/ledger-export.routes.ts";
import { publicRoutes } from "./routes/public.routes.ts";
import { claimsRoutes } from "./routes/claims.routes.ts";
import { verifyRoutes } from "./routes/verify.routes.ts";
import { fieldRoutes } from "./routes/field.routes.ts";
import { DEFAULT_DEVICE_HOURS } from "../app/devices.ts";
import { VERSION } from "../version.ts";
import { lazySerializerFactory, lazyValidator } from "./lazy-compilers.ts";

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /** Structured JSON logs (pino) at this level, each line with the request's id; off when absent. */
  logLevel?: string;
  /** Whether cookies need HTTPS (set behind a TLS proxy). */
  secureCookies?: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login rate limits are per client). */
  trustProxy?: boolean;
  /** The built UI to serve at / (default dist/web); null serves a page saying it is not built. */
  webRoot?: string | null;
  /** How often an open event stream sends a heartbeat comment (default 15 s). */
  streamHeartbeatMs?: number;
  /** How long a field app's device credential lasts, in hours (default 24: a shift). */
  deviceHours?: number;
  /** The origin the public pages are reached at, such as https://relief.example.org: the feed's links use it, never a request's Host. */
  publicOrigin?: string;
}

export interface RouteSummary {
  method: string;
  url: string;
  config: FastifyContextConfig;
  bodyLimit: number;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, in order (method, path, config, body limit). */
    routeTable: readonly RouteSummary[];
  }
}

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: InstanceType<AjvClass>) => void;

/** Bodies are validated strictly (no type coercion, no unknown fields); query strings and path parameters are coerced from text. */
function validators() {
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({
      allErrors: true,
      coerceTypes,
      removeAdditional: false,
      useDefaults: true,
      strict: false,
      discriminator: true,
    });
    addFormats(ajv);
    return ajv;
  };
  const strict = make(false);
  const coercing = make(true);
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    lazyValidator(() => (httpPart === "body" ? strict : coercing).compile(schema));
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies ?? false,
    deviceHours: options.deviceHours ?? DEFAULT_DEVICE_HOURS,
    ...(options.publicOrigin !== undefined && { publicOrigin: options.publicOrigin }),
  };
  // Sign-ins, operations and read answers are remembered while nothing they depend on changed;
  // hearing other processes' writes (a CLI on the same PostgreSQL) is what makes that safe.
  await options.db.listenForChanges();
  const headers = securityHeaders({ secureCookies: ctx.secureCookies });
  const app = Fastify({
    // A URL Fastify cannot route (malformed, or a path parameter over 100 characters) is answered before any hook runs.
    frameworkErrors: (error, request, reply) =>
      headers(request, reply, () => rawProblem(reply, request, error.message)),
    logger: options.logLevel ? { level: options.logLevel } : false,
    // A request id on every log line and in the X-Request-Id answer header; a caller's own id is kept when it is sane.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: DEFAULT_BODY_LIMIT,
    // A request that never finishes arriving is dropped (408) instead of holding its connection for good.
    requestTimeout: REQUEST_TIMEOUT_MS,
    // ... answered 408 as problem details (and a request Node cannot read 400 or 431).
    clientErrorHandler: answerClientError,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
  });
  dropSilentConnections(app.server);
  // One address may hold only so many connections, and the server fewer than its descriptor limit (connection-limits.ts).
  limitConnections(app.server, {
    perAddress: options.trustProxy ? null : CONNECTIONS_PER_ADDRESS,
    total: connectionCap(openFileLimit()),
  });
  // Stopping ends each kept-alive connection with its last answer (close-connections.ts).
  endConnectionsOnClose(app);
  app.setValidatorCompiler(validators());
  // Every route, as registered: its body limit is set here, its responses gain what the guards can answer on it
  // (guard-answers.ts), and tests walk the table (every write route is checked).
  const routeTable: RouteSummary[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    applyBodyLimit(route);
    markCounted(route);
    documentGuardAnswers(route);
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, config: route.config ?? {}, bodyLimit: route.bodyLimit! });
  });
  useGuardedJsonParser(app);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, "not-found", `no route ${request.method} ${request.url.split("?")[0]}; see /api/docs`),
  );

  // Before any route: headers on every response, then who is calling, then the checks a
  // write must pass before its body is read (request-guards.ts).
  // One synchronous hook (no promise per request): the request's id, then the security headers.
  app.addHook("onRequest", (request, reply, done) => {
    reply.raw.setHeader("x-request-id", request.id);
    headers(request, reply, done);
  });
  const metrics = new HttpMetrics();
  recordRequests(app, metrics);
  await app.register(cookie);
  app.addHook("onRequest", resolvePrincipal(ctx.db, ctx.now));
  app.addHook("onRequest", requestGuard());
  app.addHook("onRequest", refuseCompressedBody);
  app.addHook("onRequest", refuseUnacceptedMediaType);
  // Answers over 1 KB (the UI's scripts and styles, JSON, CSV, HTML) go out brotli- or gzip-compressed
  // when the client accepts it; event streams are hijacked raw responses and stay uncompressed.
  // Request bodies are never inflated: a small compressed upload must not expand past its limit.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // Rate limits count in the database when several processes may share it (see rate-limit-store.ts).
  await app.register(rateLimit, {
    global: false,
    ...(ctx.db.engine === "postgres" && { store: databaseRateLimitStore(ctx.db) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Reliefline API",
        version: VERSION,
        description: "Humanitarian relief logistics: operations, catalogues, the event ledger and stock.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "rl_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // Live streams hear every append, by this process or another, through the database's notifications.
  const feed = new LedgerFeed(ctx.db);
  app.addHook("preClose", async () => feed.close());
  app.addHook("preValidation", rejectUnreadableText);
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(metricsRoutes(ctx, metrics));
  await app.register(backupRoutes(ctx));
  await app.register(operationRoutes(ctx));
  await app.register(catalogueRoutes(ctx));
  await app.register(eventRoutes(ctx));
  await app.register(exchangeRoutes(ctx));
  await app.register(trackingRoutes(ctx));
  await app.register(reconcileRoutes(ctx));
  await app.register(allocationRoutes(ctx));
  await app.register(sitrepRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(streamRoutes(ctx, feed, options.streamHeartbeatMs));
  await app.register(publicationRoutes(ctx));
  await app.register(ledgerExportRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(claimsRoutes(ctx));
  await app.register(verifyRoutes(ctx));
  await app.register(fieldRoutes(ctx));
  await app.register(webRoutes(options.webRoot === undefined ? WEB_DIST : options.webRoot));
  return app;
}
