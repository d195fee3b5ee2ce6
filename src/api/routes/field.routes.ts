// The field app's API: device credentials (issued to a signed-in phone, listed and revoked
// from the operations room), the working set a phone keeps offline, the recording delay
// per team and day, and QR label sheets. Events travel through the batch endpoint
// (events.routes.ts, mode=each). See docs/field.md.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, Pdf, problems } from "../schemas.ts";
import { DeviceOut, DeviceParams, IssuedDevice, NewDevice } from "../field-schemas.ts";
import { DelayOut, DelayQuery, LabelQuery, WorkingSetOut, WorkingSetQuery } from "../field-read-schemas.ts";
import { principalOf } from "../auth.ts";
import { createDevice, listDevices, revokeDevice } from "../../app/devices.ts";
import { workingSet } from "../../app/working-set.ts";
import { recordingDelayFigures } from "../../app/recording-delays.ts";
import { labelSheet } from "../../app/labels.ts";

const tags = ["field"];

export const fieldRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/operations/:op/devices",
      {
        schema: {
          tags,
          summary:
            "Issue a device credential to the phone you signed in on: bound to you, this operation and your role; lasts a shift",
          params: OperationParams,
          body: NewDevice,
          response: { 201: IssuedDevice, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createDevice(
              ctx.db,
              principalOf(request),
              request.params.op,
              request.body,
              ctx.now(),
              ctx.deviceHours,
            ),
          ),
    );

    app.get(
      "/api/operations/:op/devices",
      {
        schema: {
          tags,
          summary:
            "Devices of this operation (administrators see all, others their own): who, last sync, outbox size reported then",
          params: OperationParams,
          response: { 200: Type.Array(DeviceOut), ...problems(401, 404) },
        },
      },
      async (request) => listDevices(ctx.db, principalOf(request), request.params.op, ctx.now()),
    );

    app.post(
      "/api/operations/:op/devices/:id/revoke",
      {
        schema: {
          tags,
          summary: "Revoke a device credential: the phone must sign in again",
          params: DeviceParams,
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await revokeDevice(ctx.db, principalOf(request), request.params.op, request.params.id, ctx.now());
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/operations/:op/field/working-set",
      {
        schema: {
          tags,
          summary: "What a phone keeps offline: everything, or what changed since the cursor it was given last time",
          params: OperationParams,
          querystring: WorkingSetQuery,
          response: { 200: WorkingSetOut, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => workingSet(ctx.db, principalOf(request), request.params.op, request.query.since, ctx.now()),
    );

    app.get(
      "/api/operations/:op/field/recording-delays",
      {
        schema: {
          tags,
          summary:
            "Delay between when events happened and when they were recorded, per team and day (the operation's time zone)",
          params: OperationParams,
          querystring: DelayQuery,
          response: { 200: DelayOut, ...problems(400, 401, 404) },
        },
      },
      async (request) => recordingDelayFigures(ctx.db, principalOf(request), request.params.op, request.query),
    );

    app.get(
      "/api/operations/:op/labels.pdf",
      {
        schema: {
          tags,
          summary:
            "A printable sheet of QR labels (PDF) for transport units and their pallets; the code names the operation and the unit",
          params: OperationParams,
          querystring: LabelQuery,
          response: {
            200: { description: "The label sheet, A4", content: { "application/pdf": { schema: Pdf } } },
            ...problems(400, 401, 404, 413, 422),
          },
        },
      },
      async (request, reply) => {
        const { units, consignment, part, pallets } = request.query;
        const listed = units
          ?.split(",")
          .map((u) => u.trim())
          .filter((u) => u.length > 0);
        const pdf = await labelSheet(
          ctx.db,
          principalOf(request),
          request.params.op,
          {
            ...(listed && { units: listed }),
            ...(consignment && { consignment }),
            ...(part !== undefined && { part }),
            ...(pallets !== undefined && { pallets }),
          },
          ctx.now(),
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="labels-${request.params.op}.pdf"`)
          .send(pdf);
      },
    );
  };
