// Signing in and out, the signed-in user, password changes and API tokens.
import type { FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { Login, User, Uuid, problems } from "../schemas.ts";
import { SESSION_COOKIE, principalOf } from "../auth.ts";
import * as identity from "../../app/identity.ts";

const tags = ["auth"];
const PasswordChange = Type.Object(
  { current: Type.String({ maxLength: 1024 }), password: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);
const clientOf = (request: Pick<FastifyRequest, "ip">): identity.Client => ({ address: request.ip });
const NewToken = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const CreatedToken = Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() });

export const authRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/auth/login",
      {
        config: { auth: "public", rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Sign in; sets an HttpOnly session cookie",
          security: [],
          body: Login,
          response: { 200: Type.Object({ user: User }), ...problems(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const { user, sessionToken } = await identity.signIn(
          ctx.db,
          request.body.email,
          request.body.password,
          ctx.now(),
          clientOf(request),
        );
        const maxAge = identity.SESSION_DAYS * 86_400;
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          // Over HTTPS (a trusted proxy's X-Forwarded-Proto counts) the cookie never goes back over plain HTTP.
          secure: ctx.secureCookies || request.protocol === "https",
          maxAge,
        });
        return { user };
      },
    );

    app.post(
      "/api/auth/logout",
      {
        config: { auth: "public", duringPasswordChange: true },
        schema: { tags, summary: "Sign out", response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await identity.signOut(ctx.db, token, ctx.now(), clientOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/auth/me",
      {
        config: { duringPasswordChange: true },
        schema: { tags, summary: "The signed-in user", response: { 200: User, ...problems(401) } },
      },
      async (request) => identity.currentUser(ctx.db, principalOf(request)),
    );

    app.post(
      "/api/auth/password",
      {
        config: { duringPasswordChange: true },
        schema: {
          tags,
          summary: "Change your password",
          body: PasswordChange,
          response: { 204: Type.Null(), ...problems(400, 401, 422, 429) },
        },
      },
      async (request, reply) => {
        await identity.changePassword(
          ctx.db,
          principalOf(request),
          request.body.current,
          request.body.password,
          ctx.now(),
          clientOf(request),
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/auth/tokens",
      {
        schema: {
          tags,
          summary: "Create an API token for a device or script; the token is shown once",
          body: NewToken,
          response: { 201: CreatedToken, ...problems(400, 401, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await identity.createApiToken(
              ctx.db,
              principalOf(request),
              request.body.name,
              ctx.now(),
              clientOf(request),
            ),
          ),
    );

    app.delete(
      "/api/auth/tokens/:id",
      {
        schema: {
          tags,
          summary: "Revoke an API token",
          params: Type.Object({ id: Uuid }),
          response: { 204: Type.Null(), ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        await identity.revokeApiToken(ctx.db, principalOf(request), request.params.id, ctx.now(), clientOf(request));
        return reply.status(204).send(null);
      },
    );
  };
