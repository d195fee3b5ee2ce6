// GET /api/metrics: Prometheus metrics (api/metrics.ts), for system administrators.
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../context.ts";
import type { HttpMetrics } from "../metrics.ts";
import { problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { requireSystemAdmin } from "../../app/principal.ts";

export const metricsRoutes =
  (ctx: AppContext, metrics: HttpMetrics): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/api/metrics",
      {
        schema: {
          tags: ["system"],
          summary:
            "Prometheus metrics: requests and latencies by route, events appended, open discrepancies, sync lag (system administrators; scrape with an API token)",
          response: {
            200: {
              description: "Prometheus text format 0.0.4",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...problems(401, 403),
          },
        },
      },
      async (request, reply) => {
        requireSystemAdmin(principalOf(request), "read the metrics");
        return reply
          .type("text/plain; version=0.0.4; charset=utf-8")
          .header("cache-control", "no-store")
          .send(await metrics.render(ctx.db, ctx.now()));
      },
    );
  };
