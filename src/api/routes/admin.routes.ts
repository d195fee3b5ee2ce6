import type { FastifyPluginAsync } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import { NewOrganisation, NewUser, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { createOrganisation } from "../../app/catalogue.ts";
import { createUser } from "../../app/identity.ts";
import { listOrganisations, searchUoms } from "../../store/catalogue.sql.ts";

const Organisation = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() });
const Uom = Type.Object({ code: Type.String(), name: Type.String(), symbol: Type.Union([Type.String(), Type.Null()]) });

export const adminRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get("/api/organisations", { schema: { tags: ["organisations"], summary: "All organisations", response: { 200: Type.Array(Organisation), ...problems(401) } } }, async (request) => {
    principalOf(request);
    return listOrganisations(ctx.db);
  });

  app.post("/api/organisations", {
    schema: { tags: ["organisations"], summary: "Add an organisation (system administrators)", body: NewOrganisation, response: { 201: Organisation, ...problems(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createOrganisation(ctx.db, principalOf(request), request.body as Static<typeof NewOrganisation>)));

  app.post("/api/users", {
    schema: {
      tags: ["users"], summary: "Add a user (system administrators); without a password, a one-time password is returned once", body: NewUser,
      response: { 201: Type.Object({ user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }), password: Type.Optional(Type.String()) }), ...problems(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createUser(ctx.db, principalOf(request), request.body as Static<typeof NewUser>)));

  app.get("/api/units-of-measure", {
    schema: {
      tags: ["catalogue"], summary: "UN/CEFACT Rec 20 units of measure", security: [],
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 50 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(Uom), ...problems(400) },
    },
  }, async (request) => {
    const { q, limit } = request.query as { q?: string; limit: number };
    return searchUoms(ctx.db, q, limit);
  });
};
