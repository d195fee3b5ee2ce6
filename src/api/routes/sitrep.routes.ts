// The situation report over HTTP: one document, four formats.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, Pdf, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { situationReport } from "../../app/sitrep.ts";
import { renderText } from "../../core/reports/render/text.ts";
import { pageHeaders } from "../security-headers.ts";
import { renderHtml } from "../../core/reports/render/html.ts";
import { renderPdf } from "../../report-render/pdf.ts";

const Day = (description: string) =>
  Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description, examples: ["2020-12-01"] });
export const SitrepQuery = Type.Object(
  {
    from: Day("First day of the period (YYYY-MM-DD, in the operation's time zone)"),
    to: Day("Last day of the period, inclusive"),
    lang: Type.Optional(
      Type.Union([Type.Literal("en"), Type.Literal("ru")], { default: "en", description: "Language of the report" }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal("json"), Type.Literal("text"), Type.Literal("html"), Type.Literal("pdf")], {
        default: "json",
        description: "json: the report as a document of blocks; text; html (standalone page); pdf (A4, attachment)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A PDF file: the handler sends its bytes. */
/** The report document, sent already serialised (the handler's payload is its JSON text). */
const Document = Type.Unsafe<string>({
  type: "object",
  additionalProperties: true,
  required: ["lang", "title", "subtitle", "meta", "blocks", "footer", "generatedAt"],
  description:
    "A report document: title block, blocks (heading, paragraph, figures, table, bars) and the ledger footer",
});

const TYPES = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
} as const;

export const sitrepRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/reports/sitrep",
      {
        schema: {
          tags: ["reports"],
          summary:
            "Situation report for a period: arrivals, unloading, stock by location, distributions and coverage by neighbourhood, open discrepancies; stamped with the ledger sequence and head hash it was read at",
          params: OperationParams,
          querystring: SitrepQuery,
          response: {
            200: {
              description: "The report in the format asked for",
              content: {
                "application/json": { schema: Document },
                "text/plain": { schema: Type.String() },
                "text/html": { schema: Type.String() },
                "application/pdf": { schema: Pdf },
              },
            },
            ...problems(400, 401, 404),
          },
        },
      },
      async (request, reply) => {
        const { query } = request;
        const format = query.format ?? "json";
        const period = { from: query.from, to: query.to, lang: query.lang ?? "en" };
        const doc = await situationReport(ctx.db, principalOf(request), request.params.op, period, ctx.now());
        reply.type(TYPES[format]);
        switch (format) {
          case "json":
            return reply.send(JSON.stringify(doc));
          case "text":
            return reply.send(renderText(doc));
          case "html":
            return pageHeaders(reply, ctx.secureCookies).send(renderHtml(doc));
          case "pdf":
            return reply
              .header("content-disposition", `attachment; filename="${doc.fileName}.pdf"`)
              .send(await renderPdf(doc));
        }
      },
    );
  };
