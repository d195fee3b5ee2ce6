// Teams, consignments (with parts and legs), transport units and manifests.
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../app.ts";
import { OperationParams, problems } from "../schemas.ts";
import * as S from "../tracking-schemas.ts";
import { principalOf } from "../auth.ts";
import { addTeam, getTeamActivity, listTeams } from "../../app/teams.ts";
import { addLeg, addPart, createConsignment, getConsignment, listConsignments } from "../../app/consignments.ts";
import { registerUnits } from "../../app/units.ts";
import { getLegUnits, linkLegUnits } from "../../app/leg-units.ts";
import { getUnit, unitBoardAnswer } from "../../app/unit-views.ts";
import { NotModified, sendAnswer } from "../answers.ts";
import { importManifests, setManifest } from "../../app/manifests.ts";

type Params = { op: string; consignment: string; unit: string };
const params = (request: FastifyRequest) => request.params as Params;

export const trackingRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get("/api/operations/:op/teams", {
    schema: { tags: ["teams"], summary: "Teams fielded in the operation", params: OperationParams, response: { 200: Type.Array(S.Team), ...problems(401, 404) } },
  }, async (request) => listTeams(ctx.db, principalOf(request), params(request).op));

  app.post("/api/operations/:op/teams", {
    schema: { tags: ["teams"], summary: "Add a team; events name it by code", params: OperationParams, body: S.NewTeam, response: { 201: S.Team, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await addTeam(ctx.db, principalOf(request), params(request).op, request.body as Static<typeof S.NewTeam>)));

  app.get("/api/operations/:op/teams/:team/activity", {
    schema: { tags: ["teams"], summary: "What a team did: events and distinct units by event type and class of unit (rail-car, truck, container), optionally on one day", params: S.TeamParams, querystring: S.TeamActivityQuery, response: { 200: S.TeamActivity, ...problems(400, 401, 404) } },
  }, async (request) => {
    const p = request.params as { op: string; team: string };
    return getTeamActivity(ctx.db, principalOf(request), p.op, p.team, (request.query as { day?: string }).day);
  });

  const tags = ["consignments"];
  app.get("/api/operations/:op/consignments", {
    schema: { tags, summary: "Consignments", params: OperationParams, response: { 200: Type.Array(S.Consignment), ...problems(401, 404) } },
  }, async (request) => listConsignments(ctx.db, principalOf(request), params(request).op));

  app.post("/api/operations/:op/consignments", {
    schema: { tags, summary: "Create a consignment, optionally with its parts and legs", params: OperationParams, body: S.NewConsignment, response: { 201: S.ConsignmentView, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await createConsignment(ctx.db, principalOf(request), params(request).op, request.body as Static<typeof S.NewConsignment>)));

  app.get("/api/operations/:op/consignments/:consignment", {
    schema: { tags, summary: "A consignment with its parts, legs and transshipment points", params: S.ConsignmentParams, response: { 200: S.ConsignmentView, ...problems(401, 404) } },
  }, async (request) => getConsignment(ctx.db, principalOf(request), params(request).op, params(request).consignment));

  app.post("/api/operations/:op/consignments/:consignment/parts", {
    schema: { tags, summary: "Add a part (batch) to a consignment", params: S.ConsignmentParams, body: S.NewPart, response: { 201: S.Part, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const body = request.body as Static<typeof S.NewPart>;
    const part = await addPart(ctx.db, principalOf(request), params(request).op, params(request).consignment, { number: body.number, plannedDeparture: body.plannedDeparture ?? null, plannedUnits: body.plannedUnits ?? null });
    return reply.status(201).send(part);
  });

  app.post("/api/operations/:op/consignments/:consignment/legs", {
    schema: { tags, summary: "Add a leg; transshipment points are where one leg ends and the next starts", params: S.ConsignmentParams, body: S.NewLeg, response: { 201: S.Leg, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await addLeg(ctx.db, principalOf(request), params(request).op, params(request).consignment, request.body as Static<typeof S.NewLeg>)));

  app.get("/api/operations/:op/consignments/:consignment/legs/:seq/units", {
    schema: { tags, summary: "Units linked to a leg (e.g. the trucks of a road leg); the consignment's own units travel every leg", params: S.LegParams, response: { 200: S.LegUnits, ...problems(400, 401, 404) } },
  }, async (request) => {
    const p = request.params as { op: string; consignment: string; seq: number };
    return getLegUnits(ctx.db, principalOf(request), p.op, p.consignment, p.seq);
  });

  app.post("/api/operations/:op/consignments/:consignment/legs/:seq/units", {
    schema: {
      tags, summary: "Link registered units that travel this leg without belonging to a part (the trucks carrying the cargo on); per-leg progress counts them. Linking again is harmless",
      params: S.LegParams, body: S.LegUnitsInput, response: { 200: S.LegUnits, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request) => {
    const p = request.params as { op: string; consignment: string; seq: number };
    return linkLegUnits(ctx.db, principalOf(request), p.op, p.consignment, p.seq, (request.body as Static<typeof S.LegUnitsInput>).units);
  });

  app.post("/api/operations/:op/consignments/:consignment/manifests", {
    schema: {
      tags: ["units"], summary: "Import manifests for units of this consignment as JSON rows (all or nothing; errors name /rows/<i>/<column>)",
      params: S.ConsignmentParams, body: S.ManifestImport, response: { 200: S.ImportResult, ...problems(400, 401, 403, 404, 413, 422) },
    },
  }, async (request) => importManifests(ctx.db, principalOf(request), params(request).op, params(request).consignment, (request.body as Static<typeof S.ManifestImport>).rows, ctx.now()));

  app.get("/api/operations/:op/units", {
    schema: {
      tags: ["units"],
      summary: "The board of transport units, a page at a time: state, last known place and time, days in transit, and cargo (the manifest); ETag / If-None-Match",
      params: OperationParams, querystring: S.UnitQuery, response: { 200: S.UnitBoardPage, 304: NotModified, ...problems(400, 401, 404) },
    },
  }, async (request, reply) => {
    const answer = await unitBoardAnswer(ctx.db, principalOf(request), params(request).op, request.query as Static<typeof S.UnitQuery>, ctx.now());
    return sendAnswer(request, reply, answer);
  });

  app.post("/api/operations/:op/units", {
    schema: {
      tags: ["units"], summary: "Register a transport unit: its number is checked by check digit (422 shows the expected digit unless confirmedAsRead); creates its unit:<number> location",
      params: OperationParams, body: S.NewUnit, response: { 201: S.RegisteredUnit, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const [unit] = await registerUnits(ctx.db, principalOf(request), params(request).op, [request.body as Static<typeof S.NewUnit>], ctx.now());
    return reply.status(201).send(unit);
  });

  app.get("/api/operations/:op/units/:unit", {
    schema: { tags: ["units"], summary: "A unit with its state, manifest, timeline (in event-time order) and discrepancies", params: S.UnitParams, response: { 200: S.View, ...problems(401, 404) } },
  }, async (request) => getUnit(ctx.db, principalOf(request), params(request).op, params(request).unit));

  app.put("/api/operations/:op/units/:unit/manifest", {
    schema: { tags: ["units"], summary: "Replace a unit's manifest", params: S.UnitParams, body: S.Manifest, response: { 200: S.ImportResult, ...problems(400, 401, 403, 404, 422) } },
  }, async (request) => setManifest(ctx.db, principalOf(request), params(request).op, params(request).unit, (request.body as Static<typeof S.Manifest>).lines, ctx.now()));
};
