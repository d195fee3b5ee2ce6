// Needs, allocation plans, coverage, and equipment hand-overs.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Code, Line, OperationParams, Uuid, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { addNeeds, listNeeds, MAX_NEEDS } from "../../app/needs.ts";
import { importNeeds } from "../../app/needs-import.ts";
import { approvePlan, createPlan, getPlan, listPlans } from "../../app/plans.ts";
import { coverage } from "../../app/coverage.ts";
import { handOverEquipment, listAssets } from "../../app/equipment.ts";

const strict = { additionalProperties: false } as const;
const tags = ["allocation"];
const Decimal = Type.String({ maxLength: 40, description: 'Exact decimal as a string, e.g. "120.5"' });
const Count = Type.Integer({ minimum: 0, maximum: 100_000_000 });

const NeedIn = Type.Object(
  {
    neighbourhood: Code,
    item: Code,
    quantity: Type.Union([Decimal, Type.Number()]),
    priority: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: "Higher is served first; default 1" }),
    ),
    households: Type.Optional(Count),
    people: Type.Optional(Count),
    source: Type.String({ minLength: 1, maxLength: 200, description: "Who assessed it" }),
    assessedOn: Type.String({ maxLength: 10, examples: ["2020-12-15"] }),
  },
  strict,
);
const NeedOut = Type.Object({
  neighbourhood: Type.String(),
  item: Type.String(),
  quantity: Type.String(),
  priority: Type.Number(),
  households: Type.Union([Type.Integer(), Type.Null()]),
  people: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.String(),
  assessedOn: Type.String(),
});
const Transport = Type.Object(
  {
    trucks: Type.Integer({ minimum: 0, maximum: 100_000 }),
    tripsPerTruck: Type.Integer({ minimum: 0, maximum: 1000 }),
    capacityKg: Type.Optional(Type.String({ pattern: "^\\d{1,12}(\\.\\d{1,6})?$" })),
    capacityM3: Type.Optional(Type.String({ pattern: "^\\d{1,12}(\\.\\d{1,6})?$" })),
  },
  strict,
);
const PlanOut = Type.Object({
  id: Uuid,
  status: Type.String(),
  hub: Type.String(),
  transport: Type.Unknown(),
  minCoverage: Type.Number(),
  fairShare: Type.Number(),
  totalCoverage: Type.Number(),
  binding: Type.Array(Type.Unknown()),
  shadow: Type.Array(Type.Unknown()),
  explanation: Type.Array(Type.String()),
  createdAt: Type.String(),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(
    Type.Object({
      neighbourhood: Type.String(),
      item: Type.String(),
      quantity: Type.String(),
      needed: Type.String(),
      coverage: Type.Number(),
    }),
  ),
});
const PlanParams = Type.Object({ op: Code, id: Uuid }, strict);
const CoverageFigures = {
  item: Type.String(),
  needed: Type.String(),
  allocated: Type.String(),
  dispatched: Type.String(),
  distributed: Type.String(),
  gap: Type.String(),
};
const Outcome = Type.Object({ id: Uuid, seq: Type.Integer(), status: Type.String() });
const NeedsIn = Type.Object({ needs: Type.Array(NeedIn, { minItems: 1, maxItems: MAX_NEEDS }) }, strict);
const NeedsSheet = Type.Object(
  {
    format: Type.Unsafe<"csv" | "xlsx">({ type: "string", enum: ["csv", "xlsx"] }),
    content: Type.String({ minLength: 1, maxLength: 20_000_000 }),
    contentEncoding: Type.Optional(
      Type.Unsafe<"text" | "base64">({
        type: "string",
        enum: ["text", "base64"],
        description:
          "How content carries a CSV: text (default) or the file's bytes as base64, so the server detects their encoding. XLSX is always base64.",
      }),
    ),
  },
  strict,
);
const PlanRequest = Type.Object(
  {
    hub: Type.Optional(Code),
    transport: Type.Optional(Transport),
    timeLimitSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 600 })),
  },
  strict,
);
const Approval = Type.Object({ plan: PlanOut, events: Type.Array(Outcome) });
const Coverage = Type.Object({
  rows: Type.Array(Type.Object({ neighbourhood: Type.String(), ...CoverageFigures })),
  totals: Type.Array(Type.Object(CoverageFigures)),
});
const HandOver = Type.Object(
  {
    id: Uuid,
    eventTime: Type.String({ maxLength: 40 }),
    from: Code,
    organisation: Code,
    lines: Type.Array(Line, { minItems: 1, maxItems: 100 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
const Asset = Type.Object({
  item: Type.String(),
  name: Type.String(),
  quantity: Type.String(),
  location: Type.String(),
  custodian: Type.Union([Type.String(), Type.Null()]),
});

export const allocationRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/operations/:op/needs",
      {
        schema: {
          tags,
          summary:
            "Record needs from an assessment (all or nothing; the same neighbourhood and item again replaces it)",
          params: OperationParams,
          body: NeedsIn,
          response: { 201: Type.Array(NeedOut), ...problems(400, 401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) => {
        const stored = await addNeeds(ctx.db, principalOf(request), request.params.op, request.body.needs, ctx.now());
        return reply.status(201).send(stored);
      },
    );

    app.get(
      "/api/operations/:op/needs",
      {
        schema: {
          tags,
          summary: "Needs per neighbourhood and item",
          params: OperationParams,
          response: { 200: Type.Array(NeedOut), ...problems(401, 404) },
        },
      },
      async (request) => listNeeds(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/needs/import",
      {
        schema: {
          tags,
          summary:
            "Import needs from a CSV (text, or its bytes as base64: UTF-8, UTF-16 or Windows-1251) or XLSX (base64) sheet; errors name row and column; all or nothing",
          params: OperationParams,
          body: NeedsSheet,
          response: { 201: Type.Array(NeedOut), ...problems(400, 401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) => {
        const { format, content, contentEncoding } = request.body;
        const bytes =
          format === "csv" && contentEncoding !== "base64"
            ? Buffer.from(content, "utf8")
            : Buffer.from(content, "base64");
        return reply
          .status(201)
          .send(await importNeeds(ctx.db, principalOf(request), request.params.op, format, bytes, ctx.now()));
      },
    );

    app.post(
      "/api/operations/:op/plans",
      {
        schema: {
          tags,
          summary: "Solve a fair allocation plan (HiGHS) from the needs and the hub's stock; stored as a draft",
          params: OperationParams,
          body: PlanRequest,
          response: { 201: PlanOut, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createPlan(ctx.db, principalOf(request), request.params.op, request.body, ctx.now())),
    );

    app.get(
      "/api/operations/:op/plans",
      {
        schema: {
          tags,
          summary: "Allocation plans, newest first",
          params: OperationParams,
          response: { 200: Type.Array(PlanOut), ...problems(401, 404) },
        },
      },
      async (request) => listPlans(ctx.db, principalOf(request), request.params.op),
    );

    app.get(
      "/api/operations/:op/plans/:id",
      {
        schema: {
          tags,
          summary: "One allocation plan with its lines and explanation",
          params: PlanParams,
          response: { 200: PlanOut, ...problems(400, 401, 404) },
        },
      },
      async (request) => getPlan(ctx.db, principalOf(request), request.params.op, request.params.id),
    );

    app.post(
      "/api/operations/:op/plans/:id/approve",
      {
        schema: {
          tags,
          summary: "Approve a plan: ships its lines from the hub to the neighbourhoods (idempotent)",
          params: PlanParams,
          response: { 200: Approval, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => approvePlan(ctx.db, principalOf(request), request.params.op, request.params.id, ctx.now()),
    );

    app.get(
      "/api/operations/:op/coverage",
      {
        schema: {
          tags,
          summary: "Needed, allocated, dispatched, distributed and gap per neighbourhood and item, with totals",
          params: OperationParams,
          response: { 200: Coverage, ...problems(401, 404) },
        },
      },
      async (request) => coverage(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/equipment-handovers",
      {
        schema: {
          tags,
          summary: "Hand equipment over to an organisation's custody (EquipmentHandedOver)",
          params: OperationParams,
          body: HandOver,
          response: { 201: Outcome, 200: Outcome, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const outcome = await handOverEquipment(
          ctx.db,
          principalOf(request),
          request.params.op,
          request.body,
          ctx.now(),
        );
        return reply.status(outcome.status === "created" ? 201 : 200).send(outcome);
      },
    );

    app.get(
      "/api/operations/:op/assets",
      {
        schema: {
          tags,
          summary: "Equipment and its custodians",
          params: OperationParams,
          response: { 200: Type.Array(Asset), ...problems(401, 404) },
        },
      },
      async (request) => listAssets(ctx.db, principalOf(request), request.params.op),
    );
  };
