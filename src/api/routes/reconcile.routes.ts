// Progress, reconciliation, discrepancies and claimed figures.
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../app.ts";
import { OperationParams, problems } from "../schemas.ts";
import * as S from "../tracking-schemas.ts";
import { principalOf } from "../auth.ts";
import { progressAnswer } from "../../app/progress.ts";
import { NotModified, sendAnswer } from "../answers.ts";
import { changeDiscrepancyStatus, listClaims, listDiscrepancies, reconcileOperation, recordClaim } from "../../app/reconcile.ts";

const params = (request: FastifyRequest) => request.params as { op: string; id: string };

export const reconcileRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get("/api/operations/:op/progress", {
    schema: {
      tags: ["progress"], summary: "Progress per consignment, part and leg: units recorded and reached at each step, cargo planned against unloaded and received; ETag / If-None-Match",
      params: OperationParams, querystring: S.ProgressQuery, response: { 200: Type.Array(S.View), 304: NotModified, ...problems(400, 401, 404) },
    },
  }, async (request, reply) => {
    const answer = await progressAnswer(ctx.db, principalOf(request), params(request).op, request.query as Static<typeof S.ProgressQuery>, ctx.now());
    return sendAnswer(request, reply, answer);
  });

  const tags = ["discrepancies"];
  app.get("/api/operations/:op/discrepancies", {
    schema: { tags, summary: "Discrepancies with their status history", params: OperationParams, querystring: S.DiscrepancyQuery, response: { 200: Type.Array(S.Discrepancy), ...problems(400, 401, 404) } },
  }, async (request) => listDiscrepancies(ctx.db, principalOf(request), params(request).op, request.query as Static<typeof S.DiscrepancyQuery>));

  app.patch("/api/operations/:op/discrepancies/:id", {
    schema: { tags, summary: "Mark a discrepancy open, explained or resolved, with a note (logisticians and admins)", params: S.DiscrepancyParams, body: S.StatusChange, response: { 200: S.Discrepancy, ...problems(400, 401, 403, 404, 422) } },
  }, async (request) => changeDiscrepancyStatus(ctx.db, principalOf(request), params(request).op, params(request).id, request.body as Static<typeof S.StatusChange>, ctx.now()));

  app.post("/api/operations/:op/reconcile", {
    schema: {
      tags, summary: "Run every rule (stale in transit is measured against the server's clock) and return the open discrepancies",
      params: OperationParams, body: S.ReconcileRequest, response: { 200: Type.Object({ opened: Type.Integer(), superseded: Type.Integer(), open: Type.Array(S.Discrepancy) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    const body = request.body as Static<typeof S.ReconcileRequest>;
    return reconcileOperation(ctx.db, principalOf(request), params(request).op, ctx.now(), body.staleDays, body.replayUnits ?? false);
  });

  app.get("/api/operations/:op/claims", {
    schema: { tags: ["claims"], summary: "Figures claimed in reports", params: OperationParams, response: { 200: Type.Array(S.Claim), ...problems(401, 404) } },
  }, async (request) => listClaims(ctx.db, principalOf(request), params(request).op));

  app.post("/api/operations/:op/claims", {
    schema: {
      tags: ["claims"], summary: "Record a figure claimed in a report (e.g. 9 of 54 arrived) and compare it with the ledger",
      params: OperationParams, body: S.NewClaim, response: { 201: Type.Object({ claim: S.Claim, discrepancies: Type.Array(Type.Object({ kind: Type.String(), explanation: Type.String(), evidence: Type.Array(Type.String()) })) }), ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const { claim, findings } = await recordClaim(ctx.db, principalOf(request), params(request).op, request.body as Static<typeof S.NewClaim>, ctx.now());
    return reply.status(201).send({ claim, discrepancies: findings });
  });
};
