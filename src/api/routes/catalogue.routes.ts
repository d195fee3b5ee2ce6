import type { FastifyPluginAsync } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../app.ts";
import { Balance, Item, Location, NewItem, NewLocation, OperationParams, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { addItems, addLocations, listItems, listLocations } from "../../app/catalogue.ts";
import { stockAnswer, type StockFilter } from "../../app/stock.ts";
import { NotModified, sendAnswer } from "../answers.ts";
import type { Location as StoredLocation } from "../../store/catalogue.sql.ts";

const op = (request: { params: unknown }) => (request.params as { op: string }).op;
const withNulls = (l: StoredLocation) => ({ parent: null, unlocode: null, latitude: null, longitude: null, organisation: null, ...l });

export const catalogueRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get("/api/operations/:op/locations", {
    schema: {
      tags: ["catalogue"], summary: "Locations, real and virtual", params: OperationParams,
      querystring: Type.Object({ kind: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(Location), ...problems(401, 404) },
    },
  }, async (request) => listLocations(ctx.db, principalOf(request), op(request), (request.query as { kind?: string }).kind));

  app.post("/api/operations/:op/locations", {
    schema: { tags: ["catalogue"], summary: "Add a location (a neighbourhood also gets its recipients location)", params: OperationParams, body: NewLocation, response: { 201: Type.Array(Location), ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const body = request.body as Static<typeof NewLocation>;
    const added = await addLocations(ctx.db, principalOf(request), op(request), [{
      ...body,
      latitude: body.latitude === undefined || body.latitude === null ? null : String(body.latitude),
      longitude: body.longitude === undefined || body.longitude === null ? null : String(body.longitude),
    }]);
    return reply.status(201).send(added.map(withNulls));
  });

  app.get("/api/operations/:op/items", { schema: { tags: ["catalogue"], summary: "The item catalogue", params: OperationParams, response: { 200: Type.Array(Item), ...problems(401, 404) } } }, async (request) =>
    listItems(ctx.db, principalOf(request), op(request)));

  app.post("/api/operations/:op/items", {
    schema: { tags: ["catalogue"], summary: "Add an item with its UN/CEFACT unit of measure", params: OperationParams, body: NewItem, response: { 201: Item, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const [item] = await addItems(ctx.db, principalOf(request), op(request), [request.body as Static<typeof NewItem>]);
    return reply.status(201).send({ weightKg: null, volumeM3: null, ...item });
  });

  app.get("/api/operations/:op/stock", {
    schema: {
      tags: ["stock"], summary: "Stock balances per location and item (donor locations are negative: what they gave); ETag / If-None-Match", params: OperationParams,
      querystring: Type.Object({ location: Type.Optional(Type.String({ maxLength: 80 })), item: Type.Optional(Type.String({ maxLength: 80 })), includeZero: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Array(Balance), 304: NotModified, ...problems(400, 401, 404) },
    },
  }, async (request, reply) => sendAnswer(request, reply, await stockAnswer(ctx.db, principalOf(request), op(request), request.query as StockFilter, ctx.now())));
};
