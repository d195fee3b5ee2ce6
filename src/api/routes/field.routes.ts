// The field app's API: device credentials (issued to a signed-in phone, listed and revoked
// from the operations room), the working set a phone keeps offline, the recording delay
// per team and day, and QR label sheets. Events travel through the batch endpoint
// (events.routes.ts, mode=each). See docs/field.md.
import type { FastifyPluginAsync } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../app.ts";
import { OperationParams, problems } from "../schemas.ts";
import { DeviceOut, DeviceParams, IssuedDevice, NewDevice } from "../field-schemas.ts";
import { WorkingSetQuery, WorkingSetOut, DelayQuery, DelayOut, LabelQuery } from "../field-read-schemas.ts";
import { principalOf } from "../auth.ts";
import { createDevice, listDevices, revokeDevice } from "../../app/devices.ts";
import { workingSet } from "../../app/working-set.ts";
import { recordingDelayFigures } from "../../app/recording-delays.ts";
import { labelSheet } from "../../app/labels.ts";

const op = (request: { params: unknown }) => (request.params as { op: string }).op;

export const fieldRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const tags = ["field"];

  app.post("/api/operations/:op/devices", {
    schema: {
      tags, params: OperationParams, body: NewDevice,
      summary: "Issue a device credential to the phone you signed in on: bound to you, this operation and your role; lasts a shift",
      response: { 201: IssuedDevice, ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const device = await createDevice(ctx.db, principalOf(request), op(request), request.body as Static<typeof NewDevice>, ctx.now(), ctx.deviceHours);
    return reply.status(201).send(device);
  });

  app.get("/api/operations/:op/devices", {
    schema: {
      tags, params: OperationParams,
      summary: "Devices of this operation (administrators see all, others their own): who, last sync, outbox size reported then",
      response: { 200: Type.Array(DeviceOut), ...problems(401, 404) },
    },
  }, async (request) => listDevices(ctx.db, principalOf(request), op(request), ctx.now()));

  app.post("/api/operations/:op/devices/:id/revoke", {
    schema: {
      tags, params: DeviceParams, summary: "Revoke a device credential: the phone must sign in again",
      response: { 204: Type.Null(), ...problems(401, 403, 404) },
    },
  }, async (request, reply) => {
    await revokeDevice(ctx.db, principalOf(request), op(request), (request.params as Static<typeof DeviceParams>).id, ctx.now());
    return reply.status(204).send();
  });

  app.get("/api/operations/:op/field/working-set", {
    schema: {
      tags, params: OperationParams, querystring: WorkingSetQuery,
      summary: "What a phone keeps offline: everything, or what changed since the cursor it was given last time",
      response: { 200: WorkingSetOut, ...problems(400, 401, 403, 404) },
    },
  }, async (request) => workingSet(ctx.db, principalOf(request), op(request), (request.query as Static<typeof WorkingSetQuery>).since, ctx.now()));

  app.get("/api/operations/:op/field/recording-delays", {
    schema: {
      tags, params: OperationParams, querystring: DelayQuery,
      summary: "Delay between when events happened and when they were recorded, per team and day (the operation's time zone)",
      response: { 200: DelayOut, ...problems(400, 401, 404) },
    },
  }, async (request) => recordingDelayFigures(ctx.db, principalOf(request), op(request), request.query as Static<typeof DelayQuery>));

  app.get("/api/operations/:op/labels.pdf", {
    schema: {
      tags, params: OperationParams, querystring: LabelQuery,
      summary: "A printable sheet of QR labels (PDF) for transport units and their pallets; the code names the operation and the unit",
      produces: ["application/pdf"],
      response: { ...problems(400, 401, 404, 413, 422) },
    },
  }, async (request, reply) => {
    const q = request.query as Static<typeof LabelQuery>;
    const units = q.units?.split(",").map((u) => u.trim()).filter((u) => u.length > 0);
    const pdf = await labelSheet(ctx.db, principalOf(request), op(request), {
      ...(units && { units }), ...(q.consignment && { consignment: q.consignment }), ...(q.part !== undefined && { part: q.part }),
      ...(q.pallets !== undefined && { pallets: q.pallets }),
    }, ctx.now());
    return reply.type("application/pdf").header("content-disposition", `attachment; filename="labels-${op(request)}.pdf"`).send(pdf);
  });
};
