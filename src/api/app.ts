// The HTTP shell: a Fastify app around the application functions. Routes validate
// once at the edge and call the same functions as the CLI.
import Fastify, { type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import AjvModule from "ajv";
import formatsModule from "ajv-formats";
import type { Db } from "../store/db.ts";
import type { AppContext } from "./context.ts";
import { errorHandler, sendProblem } from "./problem.ts";
import { resolvePrincipal } from "./auth.ts";
import { rejectUnreadableText } from "./text-guard.ts";
import { healthRoutes } from "./routes/health.routes.ts";
import { authRoutes } from "./routes/auth.routes.ts";
import { adminRoutes } from "./routes/admin.routes.ts";
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
import { publicationRoutes } from "./routes/publications.routes.ts";
import { ledgerExportRoutes } from "./routes/ledger-export.routes.ts";
import { publicRoutes } from "./routes/public.routes.ts";
import { claimsRoutes } from "./routes/claims.routes.ts";
import { verifyRoutes } from "./routes/verify.routes.ts";
import { VERSION } from "../version.ts";
import { lazySerializerFactory, lazyValidator } from "./lazy-compilers.ts";

export interface AppOptions {
  db: Db;
  now?: () => Date;
  logger?: boolean;
  /** Whether cookies need HTTPS (set behind a TLS proxy). */
  secureCookies?: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login rate limits are per client). */
  trustProxy?: boolean;
  /** The built UI to serve at / (default dist/web); null serves a page saying it is not built. */
  webRoot?: string | null;
  /** How often an open event stream sends a heartbeat comment (default 15 s). */
  streamHeartbeatMs?: number;
}

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: InstanceType<AjvClass>) => void;

/** Bodies are validated strictly (no type coercion, no unknown fields); query strings and path parameters are coerced from text. */
function validators() {
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: true, strict: false, discriminator: true });
    addFormats(ajv);
    return ajv;
  };
  const strict = make(false);
  const coercing = make(true);
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) => lazyValidator(() => (httpPart === "body" ? strict : coercing).compile(schema));
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = { db: options.db, now: options.now ?? (() => new Date()), secureCookies: options.secureCookies ?? false };
  // Sign-ins, operations and read answers are remembered while nothing they depend on changed;
  // hearing other processes' writes (a CLI on the same PostgreSQL) is what makes that safe.
  await options.db.listenForChanges();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 32 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
  });
  app.setValidatorCompiler(validators());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, "not-found", `no route ${request.method} ${request.url.split("?")[0]}; see /api/docs`));

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Reliefline API", version: VERSION, description: "Humanitarian relief logistics: operations, catalogues, the event ledger and stock." },
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

  app.addHook("onRequest", resolvePrincipal(ctx.db, ctx.now));
  // Live streams: every successful write under an operation may have appended to its
  // ledger (events, batches, EPCIS imports, plan approvals, hand-overs…); the feed reads
  // what is new once the response is out, so each appending route is covered by this one hook.
  const feed = new LedgerFeed(ctx.db);
  app.addHook("onResponse", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 400) return;
    const params: unknown = request.params;
    const op = typeof params === "object" && params !== null && "op" in params ? params.op : undefined;
    if (typeof op === "string" && feed.listeners(op) > 0) await feed.changed(op);
  });
  app.addHook("preClose", async () => feed.close());
  app.addHook("preValidation", rejectUnreadableText);
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(adminRoutes(ctx));
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
  await app.register(webRoutes(options.webRoot === undefined ? WEB_DIST : options.webRoot));
  return app;
}
