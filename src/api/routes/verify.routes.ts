// The ledger check for an operation's admins: the hash chain, and every projection the
// API serves figures from (stock moves, balances, unit states) recomputed from the events,
// and each publication's recorded ledger head. Drift is listed, never repaired here.
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import { OperationParams, problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { verifyOperationLedger } from "../../app/verify.ts";
import { DRIFT_TABLES } from "../../core/drift.ts";

const Count = Type.Integer({ minimum: 0 });

const Drift = Type.Object({
  table: Type.Unsafe<string>({ type: "string", enum: [...DRIFT_TABLES] }),
  key: Type.String({
    description: 'What the row is about: "seq 155 line 0", "STP-HUB / LUMBER", "unit 60521183 status", "publication …"',
  }),
  seq: Type.Optional(Type.Integer()),
  item: Type.Optional(Type.String()),
  location: Type.Optional(Type.String()),
  unit: Type.Optional(Type.String()),
  publication: Type.Optional(Type.String()),
  expected: Type.Union([Type.String(), Type.Null()], {
    description: "What the events imply; null: no such row should exist",
  }),
  found: Type.Union([Type.String(), Type.Null()], { description: "What is stored; null: the row is missing" }),
});

const Verification = Type.Object({
  operation: Type.String(),
  ok: Type.Boolean({ description: "The chain is unbroken and no projection drifted" }),
  head: Type.Object({ seq: Count, hash: Type.String() }),
  chain: Type.Object({
    ok: Type.Boolean(),
    seq: Type.Optional(Type.Integer()),
    reason: Type.Optional(Type.String()),
    checked: Count,
  }),
  drift: Type.Array(Drift, { description: "The first 100 drifts of each table" }),
  driftCounts: Type.Object(Object.fromEntries(DRIFT_TABLES.map((t) => [t, Count]))),
  checked: Type.Object({ events: Count, moves: Count, balances: Count, units: Count, publications: Count }),
});

export const verifyRoutes =
  (ctx: AppContext): RoutePlugin =>
  async (app) => {
    app.post(
      "/api/operations/:op/verify",
      {
        schema: {
          tags: ["ledger"],
          summary: "Verify the ledger and every figure served from it (operation admins)",
          description:
            "Recomputes every hash, the stock moves from the events, the balances from those moves and every unit's state from its events, and checks each publication's recorded seq and hash against the chain. Any drift is named: table, item, place or unit, expected and found.",
          params: OperationParams,
          response: { 200: Verification, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => verifyOperationLedger(ctx.db, principalOf(request), request.params.op),
    );
  };
