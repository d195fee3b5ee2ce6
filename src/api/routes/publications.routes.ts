// Publishing for the public view (press officers and admins), and the staff list.
import { type Static, Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Code, OperationParams, Uuid, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { publicationsOf, publish, withdraw } from "../../app/publications.ts";
import { CONTENT_BUILDERS } from "../../app/publication-builders.ts";
import { PUBLICATION_LANGUAGES } from "../../core/publication.ts";

const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description && { description }) });
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: "\\S", description: "Shown as the publication's heading; a default is made from the operation's name and date" });
const Lang = literals(PUBLICATION_LANGUAGES, "Language of the title (and of a statement's text)");

const PublishSnapshot = Type.Object({ kind: literals(["snapshot"] as const), title: Type.Optional(Title), lang: Type.Optional(Lang) }, strict);
const PublishStatement = Type.Object({
  kind: literals(["statement"] as const),
  date: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "The day of the statement, YYYY-MM-DD", examples: ["2020-12-19"] }),
  lang: Lang,
  title: Type.Optional(Title),
}, strict);
/** The API offers a kind only when its content builder is wired in app/publication-builders.ts. */
// A tagged union: the validator picks the branch by `kind`, so errors name the right fields.
type PublishRequest = Static<typeof PublishSnapshot> | Static<typeof PublishStatement>;
const PublishBody = CONTENT_BUILDERS.statement
  ? Type.Unsafe<PublishRequest>({ type: "object", required: ["kind"], discriminator: { propertyName: "kind" }, oneOf: [PublishSnapshot, PublishStatement] })
  : Type.Unsafe<PublishRequest>(PublishSnapshot);

const Publication = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  language: Type.String(),
  ledgerSeq: Type.Integer(),
  ledgerHash: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.String({ description: "Email of the publisher (staff only; never shown publicly)" }),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  withdrawnBy: Type.Union([Type.String(), Type.Null()]),
  withdrawalReason: Type.Union([Type.String(), Type.Null()]),
  content: Type.Unknown(),
});
const PublicationParams = Type.Object({ op: Code, id: Uuid }, strict);
const Withdrawal = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, pattern: "\\S", description: "Why it is withdrawn (kept for staff)" }) }, strict);

export const publicationRoutes = (ctx: AppContext): RoutePlugin => async (app) => {
  const tags = ["publications"];
  app.post("/api/operations/:op/publications", {
    schema: {
      tags, params: OperationParams, body: PublishBody,
      summary: "Publish a snapshot computed from the ledger now (press officer or admin); it appears under /public with the ledger head it was computed at",
      response: { 201: Publication, ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { op } = request.params;
    const created = await publish(ctx.db, principalOf(request), op, request.body, ctx.now());
    return reply.status(201).header("location", `/public/${op}/publications/${created.id}.json`).send(created);
  });

  app.get("/api/operations/:op/publications", {
    schema: { tags, params: OperationParams, summary: "Every publication of the operation, withdrawn ones included", response: { 200: Type.Array(Publication), ...problems(401, 404) } },
  }, async (request) => publicationsOf(ctx.db, principalOf(request), request.params.op));

  app.post("/api/operations/:op/publications/:id/withdraw", {
    schema: {
      tags, params: PublicationParams, body: Withdrawal,
      summary: "Withdraw a publication: it leaves /public; the record of it, who withdrew it and why stays",
      response: { 200: Publication, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const { op, id } = request.params;
    return withdraw(ctx.db, principalOf(request), op, id, request.body.reason, ctx.now());
  });
};
