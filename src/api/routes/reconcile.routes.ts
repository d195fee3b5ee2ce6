// Progress, reconciliation, discrepancies and claimed figures.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, problems } from "../schemas.ts";
import * as S from "../tracking-schemas.ts";
import { principalOf } from "../auth.ts";
import { progressAnswer } from "../../app/progress.ts";
import { NotModified, preSerialised, sendAnswer } from "../answers.ts";
import {
  changeDiscrepancyStatus,
  listClaims,
  listDiscrepancies,
  reconcileOperation,
  recordClaim,
} from "../../app/reconcile.ts";

const tags = ["discrepancies"];
const ReconcileOutcome = Type.Object({
  opened: Type.Integer(),
  superseded: Type.Integer(),
  open: Type.Array(S.Discrepancy),
});
const Finding = Type.Object({ kind: Type.String(), explanation: Type.String(), evidence: Type.Array(Type.String()) });
const ClaimOutcome = Type.Object({ claim: S.Claim, discrepancies: Type.Array(Finding) });

export const reconcileRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/progress",
      {
        // Sent compressed from the copy kept with the answer (../answers.ts), not by the plugin.
        compress: false,
        schema: {
          tags: ["progress"],
          summary:
            "Progress per consignment, part and leg: the lead figure (units the ledger implies arrived), units recorded and reached at each step, cargo planned against unloaded and received; ETag / If-None-Match",
          params: OperationParams,
          querystring: S.ProgressQuery,
          response: { 200: preSerialised(Type.Array(S.View)), 304: NotModified, ...problems(400, 401, 404) },
        },
      },
      async (request, reply) =>
        sendAnswer(
          request,
          reply,
          await progressAnswer(ctx.db, principalOf(request), request.params.op, request.query, ctx.now()),
        ),
    );

    app.get(
      "/api/operations/:op/discrepancies",
      {
        schema: {
          tags,
          summary: "Discrepancies with their status history",
          params: OperationParams,
          querystring: S.DiscrepancyQuery,
          response: { 200: Type.Array(S.Discrepancy), ...problems(400, 401, 404) },
        },
      },
      async (request) => listDiscrepancies(ctx.db, principalOf(request), request.params.op, request.query),
    );

    app.patch(
      "/api/operations/:op/discrepancies/:id",
      {
        schema: {
          tags,
          summary: "Mark a discrepancy open, explained or resolved, with a note (logisticians and admins)",
          params: S.DiscrepancyParams,
          body: S.StatusChange,
          response: { 200: S.Discrepancy, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { op, id } = request.params;
        return changeDiscrepancyStatus(ctx.db, principalOf(request), op, id, request.body, ctx.now());
      },
    );

    app.post(
      "/api/operations/:op/reconcile",
      {
        schema: {
          tags,
          summary:
            "Run every rule (stale in transit is measured against the server's clock) and return the open discrepancies",
          params: OperationParams,
          body: S.ReconcileRequest,
          response: { 200: ReconcileOutcome, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { staleDays, replayUnits = false } = request.body;
        return reconcileOperation(ctx.db, principalOf(request), request.params.op, ctx.now(), staleDays, replayUnits);
      },
    );

    app.get(
      "/api/operations/:op/claims",
      {
        schema: {
          tags: ["claims"],
          summary: "Figures claimed in reports",
          params: OperationParams,
          response: { 200: Type.Array(S.Claim), ...problems(401, 404) },
        },
      },
      async (request) => listClaims(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/claims",
      {
        schema: {
          tags: ["claims"],
          summary: "Record a figure claimed in a report (e.g. 9 of 54 arrived) and compare it with the ledger",
          params: OperationParams,
          body: S.NewClaim,
          response: { 201: ClaimOutcome, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { claim, findings } = await recordClaim(
          ctx.db,
          principalOf(request),
          request.params.op,
          request.body,
          ctx.now(),
        );
        return reply.status(201).send({ claim, discrepancies: findings });
      },
    );
  };
