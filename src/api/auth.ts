// Who is calling: a session cookie from the browser or a bearer API token.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import { AppError } from "../app/errors.ts";
import { principalFromApiToken, principalFromSession } from "../app/identity.ts";
import { isDeviceToken, resolveDevice } from "./device-auth.ts";
import { isWriteMethod, type GuardAnswer } from "./guard-answer.ts";

export const SESSION_COOKIE = "rl_session";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
    /** An Authorization header was sent but its token is unknown or revoked. */
    badToken?: boolean;
    /** Why the token does not work, when there is more to say (a device's sign-in that ended). */
    badTokenReason?: string;
  }
}

export function resolvePrincipal(db: Db, now: () => Date) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      if (isDeviceToken(header.slice(7).trim())) return resolveDevice(db, request, header.slice(7).trim(), now());
      const principal = await principalFromApiToken(db, header.slice(7).trim());
      // Public routes still answer a stale token; routes that need a user refuse it (principalOf).
      if (principal) request.principal = principal;
      else request.badToken = true;
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) request.principal = await principalFromSession(db, session, now());
  };
}

/**
 * What principalOf answers besides 401 (which each route that calls it lists itself): the routes that
 * ask who is calling are the writes not marked public (the request guard asks) and the reads listing 401.
 */
export const SIGN_IN_ANSWERS: readonly GuardAnswer[] = [
  {
    status: 403,
    appliesTo: ({ method, config, schema }) =>
      config.auth !== "public" &&
      !config.duringPasswordChange &&
      (isWriteMethod(method) || Object.hasOwn(schema.response ?? {}, 401)),
    describe: () =>
      "The caller signed in with a one-time password: nothing but changing it (POST /api/auth/password) is " +
      "allowed until then.",
  },
];

/**
 * The signed-in principal, or a 401 that says how to sign in (or why a device's sign-in
 * ended). A principal still holding a one-time password gets a 403 here, except on the
 * routes that let it change it.
 */
export function principalOf(
  request: Pick<FastifyRequest, "principal" | "badToken" | "badTokenReason" | "routeOptions">,
): Principal {
  if (request.badToken)
    throw new AppError("unauthenticated", request.badTokenReason ?? "the API token is unknown or revoked");
  if (!request.principal)
    throw new AppError(
      "unauthenticated",
      "sign in first: POST /api/auth/login, or send an API token as Authorization: Bearer <token>",
    );
  if (request.principal.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
    throw new AppError(
      "password-change-required",
      "you signed in with a one-time password: change it first (POST /api/auth/password), then go on",
    );
  }
  return request.principal;
}
