// The operation's ledger exactly as hashed, as JSON Lines, for `reliefline verify --export`.
import { Readable } from "node:stream";
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { exportLedger } from "../../app/ledger-export.ts";

export const ledgerExportRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/export/ledger",
      {
        schema: {
          tags: ["exchange"],
          params: OperationParams,
          summary:
            "The ledger as JSON Lines: a header, then every event with exactly the fields its hash covers, its previous hash and hash (check it with reliefline verify --export FILE --hash HASH)",
          response: {
            200: {
              description: "JSON Lines",
              content: { "application/x-ndjson": { schema: Type.Unsafe<Readable>({ type: "string" }) } },
            },
            ...problems(401, 404),
          },
        },
      },
      async (request, reply) => {
        const { op } = request.params;
        const { lines } = await exportLedger(ctx.db, principalOf(request), op, ctx.now());
        return reply
          .type("application/x-ndjson; charset=utf-8")
          .header("content-disposition", `attachment; filename="${op}.ledger.jsonl"`)
          .send(Readable.from(lines));
      },
    );
  };
