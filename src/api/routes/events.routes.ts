import type { FastifyPluginAsync } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../app.ts";
import { EventBatch, EventInput, OperationParams, RecordOutcome, RecordedEvent, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { recordBatch, recordEvents, summariseBatch } from "../../app/record-events.ts";
import { BatchQuery, BatchResponse } from "../field-schemas.ts";
import { listEvents } from "../../app/ledger.ts";
import type { EventInput as DomainEventInput } from "../../core/events.ts";

const op = (request: { params: unknown }) => (request.params as { op: string }).op;

export const eventRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const tags = ["events"];
  app.post("/api/operations/:op/events", {
    schema: {
      tags, summary: "Record one event; the same id again is answered 200 as a duplicate", params: OperationParams, body: EventInput,
      response: { 201: RecordOutcome, 200: RecordOutcome, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const [outcome] = await recordEvents(ctx.db, principalOf(request), op(request), [request.body as DomainEventInput], ctx.now());
    return reply.status(outcome!.status === "created" ? 201 : 200).send(outcome);
  });

  app.post("/api/operations/:op/events/batch", {
    schema: {
      tags, params: OperationParams, querystring: BatchQuery, body: EventBatch,
      summary: "Record up to 10,000 events at once: all or nothing, or (mode=each, the field app's sync) each event answered on its own",
      response: { 200: BatchResponse, ...problems(400, 401, 403, 404, 409, 413, 422) },
    },
  }, async (request) => {
    const { events } = request.body as Static<typeof EventBatch>;
    const { mode = "all" } = request.query as Static<typeof BatchQuery>;
    const results = await recordBatch(ctx.db, principalOf(request), op(request), events as DomainEventInput[], ctx.now(), mode);
    return summariseBatch(results, mode);
  });

  app.get("/api/operations/:op/events", {
    schema: {
      tags, summary: "The ledger in sequence order, with hashes", params: OperationParams,
      querystring: Type.Object({ after: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }), limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(RecordedEvent), ...problems(400, 401, 404) },
    },
  }, async (request) => {
    const { after, limit } = request.query as { after: number; limit: number };
    return listEvents(ctx.db, principalOf(request), op(request), after, limit);
  });
};
