// Teams, consignments (with parts and legs), transport units and manifests.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, problems } from "../schemas.ts";
import * as S from "../tracking-schemas.ts";
import { principalOf } from "../auth.ts";
import { addTeam, getTeamActivity, listTeams } from "../../app/teams.ts";
import { addLeg, addPart, createConsignment, getConsignment, listConsignments } from "../../app/consignments.ts";
import { registerUnits } from "../../app/units.ts";
import { getLegUnits, linkLegUnits } from "../../app/leg-units.ts";
import { getUnit, unitBoardAnswer } from "../../app/unit-views.ts";
import { NotModified, preSerialised, sendAnswer } from "../answers.ts";
import { importManifests, setManifest } from "../../app/manifests.ts";

const teams = ["teams"];
const consignments = ["consignments"];
const units = ["units"];

export const trackingRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/teams",
      {
        schema: {
          tags: teams,
          summary: "Teams fielded in the operation",
          params: OperationParams,
          response: { 200: Type.Array(S.Team), ...problems(401, 404) },
        },
      },
      async (request) => listTeams(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/teams",
      {
        schema: {
          tags: teams,
          summary: "Add a team; events name it by code",
          params: OperationParams,
          body: S.NewTeam,
          response: { 201: S.Team, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addTeam(ctx.db, principalOf(request), request.params.op, request.body)),
    );

    app.get(
      "/api/operations/:op/teams/:team/activity",
      {
        schema: {
          tags: teams,
          summary:
            "What a team did: events and distinct units by event type and class of unit (rail-car, truck, container), optionally on one day",
          params: S.TeamParams,
          querystring: S.TeamActivityQuery,
          response: { 200: S.TeamActivity, ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const { params, query } = request;
        return getTeamActivity(ctx.db, principalOf(request), params.op, params.team, query.day);
      },
    );

    app.get(
      "/api/operations/:op/consignments",
      {
        schema: {
          tags: consignments,
          summary: "Consignments",
          params: OperationParams,
          response: { 200: Type.Array(S.Consignment), ...problems(401, 404) },
        },
      },
      async (request) => listConsignments(ctx.db, principalOf(request), request.params.op),
    );

    app.post(
      "/api/operations/:op/consignments",
      {
        schema: {
          tags: consignments,
          summary: "Create a consignment, optionally with its parts and legs",
          params: OperationParams,
          body: S.NewConsignment,
          response: { 201: S.ConsignmentView, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createConsignment(ctx.db, principalOf(request), request.params.op, request.body)),
    );

    app.get(
      "/api/operations/:op/consignments/:consignment",
      {
        schema: {
          tags: consignments,
          summary: "A consignment with its parts, legs and transshipment points",
          params: S.ConsignmentParams,
          response: { 200: S.ConsignmentView, ...problems(401, 404) },
        },
      },
      async (request) => {
        const { params } = request;
        return getConsignment(ctx.db, principalOf(request), params.op, params.consignment);
      },
    );

    app.post(
      "/api/operations/:op/consignments/:consignment/parts",
      {
        schema: {
          tags: consignments,
          summary: "Add a part (batch) to a consignment",
          params: S.ConsignmentParams,
          body: S.NewPart,
          response: { 201: S.Part, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { params, body } = request;
        const part = {
          number: body.number,
          plannedDeparture: body.plannedDeparture ?? null,
          plannedUnits: body.plannedUnits ?? null,
        };
        return reply.status(201).send(await addPart(ctx.db, principalOf(request), params.op, params.consignment, part));
      },
    );

    app.post(
      "/api/operations/:op/consignments/:consignment/legs",
      {
        schema: {
          tags: consignments,
          summary: "Add a leg; transshipment points are where one leg ends and the next starts",
          params: S.ConsignmentParams,
          body: S.NewLeg,
          response: { 201: S.Leg, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { params, body } = request;
        return reply.status(201).send(await addLeg(ctx.db, principalOf(request), params.op, params.consignment, body));
      },
    );

    app.get(
      "/api/operations/:op/consignments/:consignment/legs/:seq/units",
      {
        schema: {
          tags: consignments,
          summary:
            "Units linked to a leg (e.g. the trucks of a road leg); the consignment's own units travel every leg",
          params: S.LegParams,
          response: { 200: S.LegUnits, ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const { params } = request;
        return getLegUnits(ctx.db, principalOf(request), params.op, params.consignment, params.seq);
      },
    );

    app.post(
      "/api/operations/:op/consignments/:consignment/legs/:seq/units",
      {
        schema: {
          tags: consignments,
          summary:
            "Link registered units that travel this leg without belonging to a part (the trucks carrying the cargo on); per-leg progress counts them. Linking again is harmless",
          params: S.LegParams,
          body: S.LegUnitsInput,
          response: { 200: S.LegUnits, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { params, body } = request;
        return linkLegUnits(ctx.db, principalOf(request), params.op, params.consignment, params.seq, body.units);
      },
    );

    app.post(
      "/api/operations/:op/consignments/:consignment/manifests",
      {
        schema: {
          tags: units,
          summary:
            "Import manifests for units of this consignment as JSON rows (all or nothing; errors name /rows/<i>/<column>)",
          params: S.ConsignmentParams,
          body: S.ManifestImport,
          response: { 200: S.ImportResult, ...problems(400, 401, 403, 404, 413, 422) },
        },
      },
      async (request) => {
        const { params, body } = request;
        return importManifests(ctx.db, principalOf(request), params.op, params.consignment, body.rows, ctx.now());
      },
    );

    app.get(
      "/api/operations/:op/units",
      {
        // Sent compressed from the copy kept with the answer (../answers.ts), not by the plugin.
        compress: false,
        schema: {
          tags: units,
          summary:
            "The board of transport units, a page at a time: state, last known place and time, days in transit, and cargo (the manifest); ETag / If-None-Match",
          params: OperationParams,
          querystring: S.UnitQuery,
          response: { 200: preSerialised(S.UnitBoardPage), 304: NotModified, ...problems(400, 401, 404) },
        },
      },
      async (request, reply) =>
        sendAnswer(
          request,
          reply,
          await unitBoardAnswer(ctx.db, principalOf(request), request.params.op, request.query, ctx.now()),
        ),
    );

    app.post(
      "/api/operations/:op/units",
      {
        schema: {
          tags: units,
          summary:
            "Register a transport unit: its number is checked by check digit (422 shows the expected digit unless confirmedAsRead); creates its unit:<number> location",
          params: OperationParams,
          body: S.NewUnit,
          response: { 201: S.RegisteredUnit, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const [unit] = await registerUnits(ctx.db, principalOf(request), request.params.op, [request.body], ctx.now());
        return reply.status(201).send(unit!);
      },
    );

    app.get(
      "/api/operations/:op/units/:unit",
      {
        schema: {
          tags: units,
          summary:
            "A unit with its state, manifest, timeline (in event-time order) and discrepancies (explained in ?lang=en|ru)",
          params: S.UnitParams,
          querystring: S.LangQuery,
          response: { 200: S.View, ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const { params, query } = request;
        return getUnit(ctx.db, principalOf(request), params.op, params.unit, query.lang);
      },
    );

    app.put(
      "/api/operations/:op/units/:unit/manifest",
      {
        schema: {
          tags: units,
          summary: "Replace a unit's manifest",
          params: S.UnitParams,
          body: S.Manifest,
          response: { 200: S.ImportResult, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { params, body } = request;
        return setManifest(ctx.db, principalOf(request), params.op, params.unit, body.lines, ctx.now());
      },
    );
  };
