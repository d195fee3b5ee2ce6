// Route files are Fastify plugins typed by their TypeBox schemas: a handler's request.params,
// request.query and request.body have the types of the route's schema, with no casts.
// (Type-only: the provider adds no code at run time; validation is api/app.ts's Ajv.)
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";

export type RoutePlugin = FastifyPluginAsyncTypebox;
