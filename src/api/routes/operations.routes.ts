// Operations and their members.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Membership, NewOperation, Operation, OperationParams, User, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { createOperation, getOperation, listOperations } from "../../app/catalogue.ts";
import { grantRole, listMembers } from "../../app/identity.ts";

const tags = ["operations"];
const Member = Type.Intersect([User, Type.Object({ role: Type.String() })]);

export const operationRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations",
      {
        schema: {
          tags,
          summary: "Operations you have a role in",
          response: { 200: Type.Array(Operation), ...problems(401) },
        },
      },
      async (request) => listOperations(ctx.db, principalOf(request)),
    );

    app.post(
      "/api/operations",
      {
        schema: {
          tags,
          summary: "Start an operation (system administrators); you become its admin",
          body: NewOperation,
          response: { 201: Operation, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        const op = await createOperation(ctx.db, principalOf(request), request.body);
        return reply.status(201).send({ ...op, role: "admin" });
      },
    );

    app.get(
      "/api/operations/:op",
      {
        schema: {
          tags,
          summary: "One operation",
          params: OperationParams,
          response: { 200: Operation, ...problems(401, 404) },
        },
      },
      async (request) => getOperation(ctx.db, principalOf(request), request.params.op),
    );

    app.get(
      "/api/operations/:op/members",
      {
        schema: {
          tags,
          summary: "Members and their roles",
          params: OperationParams,
          response: { 200: Type.Array(Member), ...problems(401, 404) },
        },
      },
      async (request) => listMembers(ctx.db, principalOf(request), request.params.op),
    );

    app.put(
      "/api/operations/:op/members",
      {
        schema: {
          tags,
          summary: "Give a user a role in the operation (operation admins)",
          params: OperationParams,
          body: Membership,
          response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        await grantRole(ctx.db, principalOf(request), request.params.op, request.body.email, request.body.role);
        return reply.status(204).send(null);
      },
    );
  };
