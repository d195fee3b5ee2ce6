// Data exchange: EPCIS 2.0 JSON-LD out and in, stock and distributions as CSV / HXL.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, RecordOutcome, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { exportEpcis, importEpcis } from "../../app/epcis.ts";
import { exportCsv, type TableName } from "../../app/exports.ts";

const LD_JSON = "application/ld+json";
const AnyObject = Type.Unsafe<Record<string, unknown>>({ type: "object", additionalProperties: true });
/** A JSON object in the document, sent already serialised (the handler's payload is its text). */
const SerialisedObject = Type.Unsafe<string>({ type: "object", additionalProperties: true });
const CsvQuery = Type.Object(
  {
    hxl: Type.Optional(
      Type.Unsafe<"0" | "1" | "true" | "false">({
        type: "string",
        enum: ["0", "1", "true", "false"],
        description: "1 adds the HXL hashtag row under the header",
      }),
    ),
  },
  { additionalProperties: false },
);
const csvBody = (description: string) => ({ description, content: { "text/csv": { schema: Type.String() } } });

export const exchangeRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    const tags = ["exchange"];
    // EPCIS documents are JSON-LD: app.ts parses them like JSON (same limits, same errors).

    app.get(
      "/api/operations/:op/export/epcis",
      {
        schema: {
          tags,
          summary: "The operation's ledger as an EPCIS 2.0 JSON-LD document (GS1 schema-valid)",
          params: OperationParams,
          response: {
            200: { description: "EPCISDocument", content: { [LD_JSON]: { schema: SerialisedObject } } },
            ...problems(400, 401, 404),
          },
        },
      },
      async (request, reply) => {
        const { op } = request.params;
        const document = await exportEpcis(ctx.db, principalOf(request), op, ctx.now());
        return reply
          .type(LD_JSON)
          .header("content-disposition", `attachment; filename="${op}.epcis.jsonld"`)
          .send(JSON.stringify(document));
      },
    );

    const csvRoute = (table: TableName, summary: string) =>
      app.get(
        `/api/operations/:op/export/${table}.csv`,
        {
          schema: {
            tags,
            summary,
            params: OperationParams,
            querystring: CsvQuery,
            response: { 200: csvBody(`${table} as CSV`), ...problems(400, 401, 404) },
          },
        },
        async (request, reply) => {
          const { op } = request.params;
          const hxl = ["1", "true"].includes(request.query.hxl ?? "0");
          const text = await exportCsv(ctx.db, principalOf(request), op, table, { hxl, now: ctx.now() });
          const name = `${op}-${table}${hxl ? ".hxl" : ""}.csv`;
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="${name}"`)
            .send(text);
        },
      );
    csvRoute("stock", "Stock on hand by location and item, as CSV; hxl=1 adds the HXL hashtag row");
    csvRoute(
      "distributions",
      "Goods distributed by neighbourhood and item, with households and people reached, as CSV; hxl=1 adds HXL hashtags",
    );

    app.post(
      "/api/operations/:op/import/epcis",
      {
        schema: {
          tags,
          summary:
            "Import an EPCIS 2.0 document: validated against GS1's schema, mapped to the catalogue, recorded all or nothing",
          params: OperationParams,
          consumes: ["application/json", LD_JSON],
          body: AnyObject,
          response: {
            200: Type.Object({
              events: Type.Integer(),
              created: Type.Integer(),
              duplicates: Type.Integer(),
              results: Type.Array(RecordOutcome),
            }),
            ...problems(400, 401, 403, 404, 409, 413, 422),
          },
        },
      },
      async (request) => importEpcis(ctx.db, principalOf(request), request.params.op, request.body, ctx.now()),
    );
  };
