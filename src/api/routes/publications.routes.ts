// Publishing for the public view (press officers and admins), and the staff list.
import { type Static, Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Code, OperationParams, Problem, Uuid, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { checkPublication, publicationsOf, publish, withdraw } from "../../app/publications.ts";
import { CONTENT_BUILDERS } from "../../app/publication-builders.ts";
import { PUBLICATION_LANGUAGES } from "../../core/publication.ts";

const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description && { description }) });
const Title = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: "\\S",
  description: "Shown as the publication's heading; a default is made from the operation's name and date",
});
const Lang = literals(PUBLICATION_LANGUAGES, "Language of the title (and of a statement's text)");

const Acknowledge = Type.Object(
  {
    discrepancies: Type.Array(Uuid, {
      maxItems: 10_000,
      description: "Every open discrepancy that touches the figures, by id (as a 409 lists them)",
    }),
    note: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: "\\S",
      description: "Why it is published anyway; shown with the publication",
    }),
  },
  { ...strict, description: "Publish although open discrepancies touch the figures: name each one and say why" },
);
const PublishSnapshot = Type.Object(
  {
    kind: literals(["snapshot"] as const),
    title: Type.Optional(Title),
    lang: Type.Optional(Lang),
    acknowledge: Type.Optional(Acknowledge),
  },
  strict,
);
const PublishStatement = Type.Object(
  {
    kind: literals(["statement"] as const),
    date: Type.String({
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      description: "The day of the statement, YYYY-MM-DD",
      examples: ["2020-12-19"],
    }),
    lang: Lang,
    title: Type.Optional(Title),
    acknowledge: Type.Optional(Acknowledge),
  },
  strict,
);
/** The API offers a kind only when its content builder is wired in app/publication-builders.ts. */
// A tagged union: the validator picks the branch by `kind`, so errors name the right fields.
type PublishRequest = Static<typeof PublishSnapshot> | Static<typeof PublishStatement>;
const PublishBody = CONTENT_BUILDERS.statement
  ? Type.Unsafe<PublishRequest>({
      type: "object",
      required: ["kind"],
      discriminator: { propertyName: "kind" },
      oneOf: [PublishSnapshot, PublishStatement],
    })
  : Type.Unsafe<PublishRequest>(PublishSnapshot);

const Touching = Type.Object({
  id: Uuid,
  kind: Type.String(),
  subject: Type.String(),
  figures: Type.Array(Type.Object({ id: Type.String(), label: Type.String() }), {
    description: "The figures it touches, labelled in the publication's language",
  }),
  explanation: Type.String({ description: "In the publication's language" }),
  facts: Type.Unknown(),
});
const Acknowledgement = Type.Union(
  [Type.Object({ discrepancies: Type.Array(Touching), note: Type.String() }), Type.Null()],
  {
    description:
      "Published anyway: the open discrepancies that touched its figures, as acknowledged, and why (null when none did)",
  },
);
/** 409: open discrepancies touch the figures; publish anyway by acknowledging every one of them. */
const OpenDiscrepancies = Type.Object(
  {
    ...Problem.properties,
    discrepancies: Type.Optional(
      Type.Array(Touching, { description: "With type …/open-discrepancies: those that touch the figures" }),
    ),
    unacknowledged: Type.Optional(
      Type.Array(Uuid, {
        description: "With type …/open-discrepancies: those the request's acknowledgement did not name",
      }),
    ),
  },
  {
    description:
      "RFC 9457 problem, type …/open-discrepancies with the two lists; another conflict (such as two requests at once) has neither",
  },
);
const Check = Type.Object({ title: Type.String(), language: Type.String(), discrepancies: Type.Array(Touching) });

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
  acknowledgement: Acknowledgement,
  content: Type.Unknown(),
});
const PublicationParams = Type.Object({ op: Code, id: Uuid }, strict);
const Withdrawal = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: "\\S",
      description: "Why it is withdrawn (kept for staff)",
    }),
  },
  strict,
);

export const publicationRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    const tags = ["publications"];
    app.post(
      "/api/operations/:op/publications",
      {
        schema: {
          tags,
          params: OperationParams,
          body: PublishBody,
          summary:
            "Publish a snapshot or a day's press statement computed from the ledger now (press officer or admin); it appears under /public with the ledger head it was computed at. " +
            "When open discrepancies touch its figures the answer is 409 listing them, unless `acknowledge` names every one with a note: then the acknowledgement is published with it",
          response: { 201: Publication, ...problems(400, 401, 403, 404), 409: OpenDiscrepancies },
        },
      },
      async (request, reply) => {
        const { op } = request.params;
        const created = await publish(ctx.db, principalOf(request), op, request.body, ctx.now());
        return reply.status(201).header("location", `/public/${op}/publications/${created.id}.json`).send(created);
      },
    );

    app.post(
      "/api/operations/:op/publications/check",
      {
        schema: {
          tags,
          params: OperationParams,
          body: PublishBody,
          summary:
            "What publishing this now would have to acknowledge: the open discrepancies that touch its figures (nothing is published; publishing checks again)",
          response: { 200: Check, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => checkPublication(ctx.db, principalOf(request), request.params.op, request.body, ctx.now()),
    );

    app.get(
      "/api/operations/:op/publications",
      {
        schema: {
          tags,
          params: OperationParams,
          summary: "Every publication of the operation, withdrawn ones included",
          response: { 200: Type.Array(Publication), ...problems(401, 404) },
        },
      },
      async (request) => publicationsOf(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/publications/:id/withdraw",
      {
        schema: {
          tags,
          params: PublicationParams,
          body: Withdrawal,
          summary: "Withdraw a publication: it leaves /public; the record of it, who withdrew it and why stays",
          response: { 200: Publication, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { op, id } = request.params;
        return withdraw(ctx.db, principalOf(request), op, id, request.body.reason, ctx.now());
      },
    );
  };
