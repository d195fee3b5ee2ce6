// Checking a text's claims against the ledger (any reader of the operation). Recording a
// claim goes through the existing POST /api/operations/:op/claims with a claim's `record`.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { checkClaims } from "../../app/claims-check.ts";

/** About a megabyte of text: a long press release or situation report, not a book. */
export const CLAIMS_TEXT_LIMIT = 500_000;

const ClaimsCheckBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: CLAIMS_TEXT_LIMIT,
      description: "Any text in English or Russian: a draft press release, a partner's situation report, a news item",
    }),
    date: Type.Optional(
      Type.String({
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        description:
          'The day the text speaks from ("so far", "yesterday"); by default a date on its first line, else the latest day with events. A day that has not begun in the operation\'s time zone is refused (422)',
        examples: ["2020-12-20"],
      }),
    ),
    lang: Type.Optional(
      Type.Unsafe<"en" | "ru">({
        type: "string",
        enum: ["en", "ru"],
        default: "en",
        description: "Language of the explanations",
      }),
    ),
  },
  { additionalProperties: false },
);

const Figure = Type.Object({
  id: Type.String(),
  label: Type.String(),
  value: Type.String(),
  unit: Type.String(),
  query: Type.Object({ description: Type.String(), sql: Type.String(), params: Type.Array(Type.Unsafe<unknown>({})) }),
});
const open = { additionalProperties: true } as const;
const CheckedClaim = Type.Object({
  claim: Type.Object(
    {
      id: Type.String(),
      type: Type.String({ description: "units, goods (with equipment and carrier) or part" }),
      span: Type.Object(
        { start: Type.Integer(), end: Type.Integer() },
        { description: "UTF-16 offsets into the text, end exclusive" },
      ),
      quote: Type.String(),
      lang: Type.String(),
      step: Type.Union([Type.String(), Type.Null()]),
      when: Type.Object({ scope: Type.String(), date: Type.String() }),
      locations: Type.Array(Type.String()),
    },
    open,
  ),
  verdict: Type.Unsafe<"supported" | "contradicted" | "not-checkable">({
    type: "string",
    enum: ["supported", "contradicted", "not-checkable"],
  }),
  reading: Type.String({ description: "The claim in the ledger's terms" }),
  explanation: Type.String({ description: "In the requested language" }),
  figure: Type.Optional(Figure),
  figures: Type.Array(Figure),
  difference: Type.Optional(Type.String({ description: "Claimed minus ledger" })),
  reason: Type.Object({ code: Type.String() }, open),
  discrepancies: Type.Array(
    Type.Object({ id: Type.String(), kind: Type.String(), subject: Type.String(), explanation: Type.String() }),
  ),
  events: Type.Array(Type.String()),
  record: Type.Optional(
    Type.Object(
      {
        consignment: Type.String(),
        metric: Type.String(),
        claimed: Type.Integer(),
        ofTotal: Type.Optional(Type.Integer()),
        asOf: Type.String(),
      },
      { description: "POST this (with a source) to /api/operations/:op/claims to keep the claim" },
    ),
  ),
});
const ClaimsCheckResult = Type.Object({
  operation: Type.String(),
  timeZone: Type.String(),
  date: Type.String(),
  dateSource: Type.String({ description: "given, dateline, latest-events or today" }),
  asOf: Type.Optional(
    Type.String({
      description: "When date is today in the operation's time zone: the clock time (HH:MM) the figures stand at",
    }),
  ),
  ledger: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  claims: Type.Array(CheckedClaim),
  counts: Type.Object({ supported: Type.Integer(), contradicted: Type.Integer(), notCheckable: Type.Integer() }),
});

export const claimsRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/operations/:op/claims/check",
      {
        schema: {
          tags: ["claims"],
          summary: "Check the quantitative claims in a text against the ledger",
          description:
            "Each claim (units by kind and step, quantities of goods, equipment on its carrier) is answered supported, " +
            "contradicted or not checkable, with its span in the text and the ledger figure with the query behind it.",
          params: OperationParams,
          body: ClaimsCheckBody,
          response: { 200: ClaimsCheckResult, ...problems(400, 401, 404, 413, 422) },
        },
      },
      async (request) => checkClaims(ctx.db, principalOf(request), request.params.op, request.body, ctx.now()),
    );
  };
