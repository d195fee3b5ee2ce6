// Recording events (one, or a batch: all or nothing, or each answered on its own) and reading the ledger.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { EventBatch, EventInput, OperationParams, RecordOutcome, RecordedEvent, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { recordBatch, recordEvents } from "../../app/record-events.ts";
import { summariseBatch } from "../../app/decide-request.ts";
import { BatchQuery, BatchResponse } from "../field-schemas.ts";
import { latestDayOfEvents, listEvents } from "../../app/ledger.ts";

const tags = ["events"];
const LedgerPage = Type.Object(
  {
    after: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
  },
  { additionalProperties: false },
);

const LatestDay = Type.Object({
  day: Type.Union([Type.String({ format: "date" }), Type.Null()], {
    description: "The latest calendar day with an event in the operation's time zone; null when there is none",
  }),
  total: Type.Integer({ minimum: 0, description: "Every event of that day" }),
  byType: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer({ minimum: 1 }) }), {
    description: "Per event type, the commonest first",
  }),
});

export const eventRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/operations/:op/events",
      {
        schema: {
          tags,
          summary: "Record one event; the same id again is answered 200 as a duplicate",
          params: OperationParams,
          body: EventInput,
          response: { 201: RecordOutcome, 200: RecordOutcome, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const [outcome] = await recordEvents(
          ctx.db,
          principalOf(request),
          request.params.op,
          [request.body],
          ctx.now(),
        );
        return reply.status(outcome!.status === "created" ? 201 : 200).send(outcome!);
      },
    );

    app.post(
      "/api/operations/:op/events/batch",
      {
        schema: {
          tags,
          summary:
            "Record up to 10,000 events at once: all or nothing, or (mode=each, the field app's sync) each event answered on its own",
          params: OperationParams,
          querystring: BatchQuery,
          body: EventBatch,
          response: { 200: BatchResponse, ...problems(400, 401, 403, 404, 409, 413, 422) },
        },
      },
      async (request) => {
        const mode = request.query.mode ?? "all";
        return summariseBatch(
          await recordBatch(ctx.db, principalOf(request), request.params.op, request.body.events, ctx.now(), mode),
          mode,
        );
      },
    );

    app.get(
      "/api/operations/:op/events",
      {
        schema: {
          tags,
          summary: "The ledger in sequence order, with hashes",
          params: OperationParams,
          querystring: LedgerPage,
          response: { 200: Type.Array(RecordedEvent), ...problems(400, 401, 404) },
        },
      },
      async (request) =>
        listEvents(ctx.db, principalOf(request), request.params.op, request.query.after, request.query.limit),
    );

    app.get(
      "/api/operations/:op/events/latest-day",
      {
        schema: {
          tags,
          summary:
            "The latest day with events in the operation's time zone, every event of it counted by type (the dashboard's day figure)",
          params: OperationParams,
          response: { 200: LatestDay, ...problems(401, 404) },
        },
      },
      async (request) => latestDayOfEvents(ctx.db, principalOf(request), request.params.op),
    );
  };
