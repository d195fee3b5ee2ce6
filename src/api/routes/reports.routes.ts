// Reports from the ledger. The press statement for a day, as JSON (text plus every figure
// with the query behind it), as plain text (Accept: text/plain or ?format=text), or as a
// printable HTML page or PDF drawn by the same renderers as the situation report.
import type { FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Code, OperationParams, Pdf, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { pressStatement, pressStatementDocument } from "../../app/press.ts";
import { pageHeaders } from "../security-headers.ts";
import { renderHtml } from "../../core/reports/render/html.ts";
import { renderPdf } from "../../report-render/pdf.ts";
import { PRESS_LANGS } from "../../core/reports/press/statement.ts";

const strict = { additionalProperties: false } as const;
/** A PDF file: the handler sends its bytes. */

export const PressQuery = Type.Object(
  {
    date: Type.String({
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      description: "The day, YYYY-MM-DD, in the operation's time zone",
      examples: ["2020-12-19"],
    }),
    lang: Type.Optional(
      Type.Unsafe<"en" | "ru">({
        type: "string",
        enum: [...PRESS_LANGS],
        default: "en",
        description: "Language of the text",
      }),
    ),
    consignment: Type.Optional(Code),
    format: Type.Optional(
      Type.Unsafe<"json" | "text" | "html" | "pdf">({
        type: "string",
        enum: ["json", "text", "html", "pdf"],
        description:
          "text: the statement alone, as text/plain (same as Accept: text/plain); html: a printable page; pdf: A4 with the figures table, as an attachment",
      }),
    ),
  },
  strict,
);

const Figure = Type.Object({
  id: Type.String(),
  label: Type.String(),
  value: Type.String({ description: "Exact decimal text" }),
  unit: Type.String({
    description:
      "UN/CEFACT Rec 20 code for quantities of goods, or what is counted (units, events, neighbourhoods, ratio)",
  }),
  unitLabel: Type.String({
    description:
      "The unit as the statement's language writes it: a symbol (m³, шт.) or a word (units, ед.); never a Rec 20 code",
  }),
  query: Type.Object({
    description: Type.String(),
    sql: Type.String(),
    params: Type.Array(Type.Unsafe<unknown>({ description: "a parameter of the SQL, $1 first" })),
  }),
  note: Type.Optional(Type.String({ description: "Set when the figure shows a contradiction in the ledger" })),
});

export const PressStatementBody = Type.Object({
  operation: Type.String(),
  date: Type.String(),
  lang: Type.String(),
  timeZone: Type.String({ description: "The time zone the day is taken in: the operation's" }),
  text: Type.String(),
  figures: Type.Array(Figure),
});

/** Whether the client asked for the text alone. */
function wantsText(request: Pick<FastifyRequest, "headers">, format: string | undefined): boolean {
  if (format) return format === "text";
  const accept = String(request.headers.accept ?? "");
  return /\btext\/plain\b/.test(accept) && !/\bapplication\/(json|\*)/.test(accept);
}

export const reportRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/reports/press",
      {
        schema: {
          tags: ["reports"],
          summary: "Press statement for a day, in English or Russian, with every figure and the query that produced it",
          description:
            "A day with no events says so. Future dates are answered (with no events). The day runs midnight to midnight in the operation's time zone.",
          params: OperationParams,
          querystring: PressQuery,
          produces: ["application/json", "text/plain", "text/html", "application/pdf"],
          response: {
            200: {
              description: "The statement",
              content: {
                "application/json": { schema: PressStatementBody },
                "text/plain": { schema: Type.String() },
                "text/html": { schema: Type.String() },
                "application/pdf": { schema: Pdf },
              },
            },
            ...problems(400, 401, 404, 422),
          },
        },
      },
      async (request, reply) => {
        const { query: q, params } = request;
        const wanted = { date: q.date, lang: q.lang ?? "en", ...(q.consignment && { consignment: q.consignment }) };
        if (q.format === "pdf" || q.format === "html") {
          const doc = await pressStatementDocument(ctx.db, principalOf(request), params.op, wanted, ctx.now());
          if (q.format === "html")
            return pageHeaders(reply, ctx.secureCookies).type("text/html; charset=utf-8").send(renderHtml(doc));
          return reply
            .type("application/pdf")
            .header("content-disposition", `attachment; filename="${doc.fileName}.pdf"`)
            .send(await renderPdf(doc));
        }
        const result = await pressStatement(ctx.db, principalOf(request), params.op, wanted, ctx.now());
        if (wantsText(request, q.format)) return reply.type("text/plain; charset=utf-8").send(result.text);
        const { facts: _, ...body } = result;
        return reply.type("application/json; charset=utf-8").send(body);
      },
    );
  };
