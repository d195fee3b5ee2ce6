// Organisations, users and the units-of-measure list (system administrators write).
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { NewOrganisation, NewUser, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { createOrganisation } from "../../app/catalogue.ts";
import { createUser } from "../../app/identity.ts";
import { listOrganisations, searchUoms } from "../../store/catalogue.sql.ts";

const Organisation = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() });
const Uom = Type.Object({ code: Type.String(), name: Type.String(), symbol: Type.Union([Type.String(), Type.Null()]) });
const CreatedUser = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  password: Type.Optional(Type.String()),
});
const UomQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 50 })),
  },
  { additionalProperties: false },
);

export const adminRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/organisations",
      {
        schema: {
          tags: ["organisations"],
          summary: "All organisations",
          response: { 200: Type.Array(Organisation), ...problems(401) },
        },
      },
      async (request) => {
        principalOf(request);
        return listOrganisations(ctx.db);
      },
    );

    app.post(
      "/api/organisations",
      {
        schema: {
          tags: ["organisations"],
          summary: "Add an organisation (system administrators)",
          body: NewOrganisation,
          response: { 201: Organisation, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOrganisation(ctx.db, principalOf(request), request.body)),
    );

    app.post(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Add a user (system administrators); without a password, a one-time password is returned once",
          body: NewUser,
          response: { 201: CreatedUser, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await createUser(ctx.db, principalOf(request), request.body)),
    );

    app.get(
      "/api/units-of-measure",
      {
        schema: {
          tags: ["catalogue"],
          summary: "UN/CEFACT Rec 20 units of measure",
          security: [],
          querystring: UomQuery,
          response: { 200: Type.Array(Uom), ...problems(400) },
        },
      },
      async (request) => searchUoms(ctx.db, request.query.q, request.query.limit ?? 50),
    );
  };
