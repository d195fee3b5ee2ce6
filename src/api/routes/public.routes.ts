// The public, unauthenticated view: only published content, as HTML pages, JSON and an
// Atom feed. Rate-limited per client; answers are cacheable for a minute.
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Code, Uuid, problems } from "../schemas.ts";
import { AppError } from "../../app/errors.ts";
import { publicIndex, publicOperation, publicPublication } from "../../app/public-view.ts";
import { PUBLIC_CSS, indexPage, notPublishedPage, operationPage } from "../public/html.ts";
import { PUBLIC_LANGS, readerLanguage, type PublicLang } from "../public/words.ts";
import { atomFeed, feedOrigin } from "../public/feed.ts";

const strict = { additionalProperties: false } as const;
/** Per client address: generous for readers, a ceiling for scrapers hammering the database. */
export const PUBLIC_RATE_LIMIT = { max: 120, timeWindow: "1 minute" };
const config = { rateLimit: PUBLIC_RATE_LIMIT };
const OpParams = Type.Object({ op: Code }, strict);
const PublicationParams = Type.Object({ op: Code, id: Uuid }, strict);
/** The reader's language: ?lang= first, then Accept-Language, then English. */
// Other query parameters (a link's tracking tags) and languages we do not write are ignored, not refused.
const LangQuery = Type.Object({
  lang: Type.Optional(
    Type.String({
      maxLength: 35,
      description: `Language of the page: ${PUBLIC_LANGS.join(" or ")} (default: Accept-Language, else en)`,
    }),
  ),
});
const HTML = "text/html; charset=utf-8";
const html = (description: string) => ({ description, content: { "text/html": { schema: Type.String() } } });
const PublicPublication = Type.Object({
  id: Uuid,
  operation: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  language: Type.String(),
  publishedAt: Type.String(),
  ledger: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  verify: Type.String(),
  acknowledgement: Type.Union(
    [
      Type.Object({
        discrepancies: Type.Array(
          Type.Object({
            id: Type.String(),
            kind: Type.String(),
            subject: Type.String(),
            figures: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
            explanation: Type.String(),
            facts: Type.Unknown(),
          }),
        ),
        note: Type.String(),
      }),
      Type.Null(),
    ],
    {
      description:
        "Published anyway: the open discrepancies that touched its figures (explained in the reader's language) and the press office's note",
    },
  ),
  content: Type.Unknown(),
});

/** Cacheable for a minute, per language asked for. */
const cacheable = (reply: FastifyReply) =>
  reply.header("cache-control", "public, max-age=60").header("vary", "Accept-Language");

const langOf = (request: Pick<FastifyRequest, "query" | "headers">): PublicLang =>
  readerLanguage((request.query as { lang?: string } | undefined)?.lang, request.headers["accept-language"]);

/** An operation's page answers its 404 as HTML too, in the reader's language (a reader's browser shows it). */
async function htmlOr(reply: FastifyReply, lang: PublicLang, code: string, render: () => Promise<string>) {
  try {
    return cacheable(reply)
      .type(HTML)
      .send(await render());
  } catch (error) {
    if (error instanceof AppError && error.code === "not-found")
      return reply.status(404).type(HTML).send(notPublishedPage(code, lang));
    throw error;
  }
}

/**
 * This server's origin for the feed's absolute links: the one configured (RELIEFLINE_PUBLIC_URL),
 * else as the request names it; a Host that names no host is a bad request.
 */
function originOf(request: Pick<FastifyRequest, "protocol" | "host">, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const origin = feedOrigin(request.protocol, request.host);
  if (!origin)
    throw new AppError("bad-request", "the Host header does not name a host: the feed's links cannot be built from it");
  return origin;
}

export const publicRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    const tags = ["public"];
    const security: [] = [];
    app.get(
      "/public",
      {
        config,
        schema: {
          tags,
          security,
          querystring: LangQuery,
          summary: "Operations with published figures (HTML)",
          response: { 200: html("index page") },
        },
      },
      async (request, reply) =>
        cacheable(reply)
          .type(HTML)
          .send(indexPage(await publicIndex(ctx.db), langOf(request))),
    );

    app.get(
      "/public/:op",
      {
        config,
        schema: {
          tags,
          security,
          params: OpParams,
          querystring: LangQuery,
          summary: "An operation's latest published figures and its publications (HTML)",
          response: { 200: html("operation page"), 404: html("nothing published") },
        },
      },
      async (request, reply) =>
        htmlOr(reply, langOf(request), request.params.op, async () =>
          operationPage(await publicOperation(ctx.db, request.params.op, langOf(request)), langOf(request)),
        ),
    );

    app.get("/public/style.css", { config, schema: { tags, security, hide: true } }, async (_request, reply) =>
      reply.header("cache-control", "public, max-age=3600").type("text/css; charset=utf-8").send(PUBLIC_CSS.trim()),
    );

    app.get(
      "/public/:op/publications.json",
      {
        config,
        schema: {
          tags,
          security,
          params: OpParams,
          querystring: LangQuery,
          summary: "An operation's publications still published, newest first (JSON)",
          response: {
            200: Type.Object({
              code: Type.String(),
              name: Type.String(),
              names: Type.Record(Type.String(), Type.String()),
              lastPublishedAt: Type.String(),
              publications: Type.Array(PublicPublication),
            }),
            ...problems(404),
          },
        },
      },
      async (request, reply) =>
        cacheable(reply).send(await publicOperation(ctx.db, request.params.op, langOf(request))),
    );

    app.get(
      "/public/:op/publications/:id.json",
      {
        config,
        schema: {
          tags,
          security,
          params: PublicationParams,
          querystring: LangQuery,
          summary: "One publication (JSON); 410 once it was withdrawn",
          response: { 200: PublicPublication, ...problems(404, 410) },
        },
      },
      async (request, reply) => {
        const { op, id } = request.params;
        return cacheable(reply).send(await publicPublication(ctx.db, op, id, langOf(request)));
      },
    );

    app.get(
      "/public/:op/feed.atom",
      {
        config,
        schema: {
          tags,
          security,
          params: OpParams,
          querystring: LangQuery,
          summary: "An operation's publications as an Atom feed",
          response: {
            200: { description: "Atom 1.0", content: { "application/atom+xml": { schema: Type.String() } } },
            ...problems(400, 404),
          },
        },
      },
      async (request, reply) => {
        const lang = langOf(request);
        const origin = originOf(request, ctx.publicOrigin);
        const op = await publicOperation(ctx.db, request.params.op, lang);
        return cacheable(reply)
          .type("application/atom+xml; charset=utf-8")
          .send(atomFeed(op, origin, lang));
      },
    );
  };
