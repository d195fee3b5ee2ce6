// The operation's catalogue (locations and items) and its stock balances.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Balance, Item, Location, NewItem, NewLocation, OperationParams, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { addItems, addLocations, listItems, listLocations } from "../../app/catalogue.ts";
import { stockAnswer } from "../../app/stock.ts";
import { NotModified, preSerialised, sendAnswer } from "../answers.ts";
import type { Item as StoredItem, Location as StoredLocation } from "../../store/catalogue.sql.ts";

const tags = ["catalogue"];
// Optional columns are answered as null, as the response schemas say.
const withNulls = (l: StoredLocation) => ({
  parent: null,
  unlocode: null,
  latitude: null,
  longitude: null,
  organisation: null,
  ...l,
});
const itemWithNulls = (i: StoredItem) => ({ weightKg: null, volumeM3: null, ...i });
const decimalText = (n: number | null | undefined) => (n === undefined || n === null ? null : String(n));
const LocationQuery = Type.Object(
  { kind: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
const StockQuery = Type.Object(
  {
    location: Type.Optional(Type.String({ maxLength: 80 })),
    item: Type.Optional(Type.String({ maxLength: 80 })),
    includeZero: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const catalogueRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.get(
      "/api/operations/:op/locations",
      {
        schema: {
          tags,
          summary: "Locations, real and virtual",
          params: OperationParams,
          querystring: LocationQuery,
          response: { 200: Type.Array(Location), ...problems(401, 404) },
        },
      },
      async (request) =>
        (await listLocations(ctx.db, principalOf(request), request.params.op, request.query.kind)).map(withNulls),
    );

    app.post(
      "/api/operations/:op/locations",
      {
        schema: {
          tags,
          summary: "Add a location (a neighbourhood also gets its recipients location)",
          params: OperationParams,
          body: NewLocation,
          response: { 201: Type.Array(Location), ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { body } = request;
        const location = { ...body, latitude: decimalText(body.latitude), longitude: decimalText(body.longitude) };
        const added = await addLocations(ctx.db, principalOf(request), request.params.op, [location]);
        return reply.status(201).send(added.map(withNulls));
      },
    );

    app.get(
      "/api/operations/:op/items",
      {
        schema: {
          tags,
          summary: "The item catalogue",
          params: OperationParams,
          response: { 200: Type.Array(Item), ...problems(401, 404) },
        },
      },
      async (request) => (await listItems(ctx.db, principalOf(request), request.params.op)).map(itemWithNulls),
    );

    app.post(
      "/api/operations/:op/items",
      {
        schema: {
          tags,
          summary: "Add an item with its UN/CEFACT unit of measure",
          params: OperationParams,
          body: NewItem,
          response: { 201: Item, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const [item] = await addItems(ctx.db, principalOf(request), request.params.op, [request.body]);
        return reply.status(201).send(itemWithNulls(item!));
      },
    );

    app.get(
      "/api/operations/:op/stock",
      {
        // Sent compressed from the copy kept with the answer (../answers.ts), not by the plugin.
        compress: false,
        schema: {
          tags: ["stock"],
          summary:
            "Stock balances per location and item (donor locations are negative: what they gave); ETag / If-None-Match",
          params: OperationParams,
          querystring: StockQuery,
          response: { 200: preSerialised(Type.Array(Balance)), 304: NotModified, ...problems(400, 401, 404) },
        },
      },
      async (request, reply) =>
        sendAnswer(
          request,
          reply,
          await stockAnswer(ctx.db, principalOf(request), request.params.op, request.query, ctx.now()),
        ),
    );
  };
