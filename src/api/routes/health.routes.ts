import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { VERSION } from "../../version.ts";
import { ping } from "../../store/health.sql.ts";

export const healthRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/health",
      {
        schema: {
          tags: ["system"],
          summary: "Whether the server and its database answer",
          security: [],
          response: {
            200: Type.Object({
              status: Type.Literal("ok"),
              version: Type.String(),
              engine: Type.String(),
              time: Type.String(),
            }),
          },
        },
      },
      async () => {
        await ping(ctx.db);
        return { status: "ok" as const, version: VERSION, engine: ctx.db.engine, time: ctx.now().toISOString() };
      },
    );
  };
