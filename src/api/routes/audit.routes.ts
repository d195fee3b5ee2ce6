// The sign-in audit trail, for system administrators.
import type { FastifyPluginAsync } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import { problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { readAuthAudit } from "../../app/auth-audit.ts";

const AuditQuery = Type.Object(
  {
    before: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: "Entries older than this id (paging back)",
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    email: Type.Optional(Type.String({ maxLength: 320, description: "Only this account" })),
  },
  { additionalProperties: false },
);

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: "date-time" }),
  kind: Type.String({
    description:
      "signed-in, sign-in-failed, sign-in-refused-locked, signed-out, password-changed, password-change-failed, password-reset, token-created, token-revoked",
  }),
  userId: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  detail: Type.String(),
});

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/api/audit/sign-ins",
      {
        schema: {
          tags: ["auth"],
          summary:
            "Sign-ins, failed sign-ins, password changes and API tokens created or revoked, newest first (system administrators)",
          querystring: AuditQuery,
          response: { 200: Type.Array(AuditEntry), ...problems(400, 401, 403) },
        },
      },
      async (request) => readAuthAudit(ctx.db, principalOf(request), request.query as Static<typeof AuditQuery>),
    );
  };
