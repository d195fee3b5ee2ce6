// Server-sent events: a live dashboard opens GET /api/operations/:op/stream and hears
// `{seq, hash, type}` for every event committed to the operation's ledger, plus a
// heartbeat comment every 15 s so proxies keep the connection open. The stream ends when
// the client goes away, the server closes, or (checked at each heartbeat) the session or
// token it was opened with no longer reads the operation.
import type { FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import type { AppContext } from "../context.ts";
import type { RoutePlugin } from "./route-plugin.ts";
import type { LedgerFeed } from "../ledger-feed.ts";
import { OperationParams, problems } from "../schemas.ts";
import { principalOf, resolvePrincipal } from "../auth.ts";
import { authorise } from "../../app/principal.ts";
import { readChainHead } from "../../store/ledger.sql.ts";

export const HEARTBEAT_MS = 15_000;

const StreamDescription = [
  "An event stream (text/event-stream). After every event committed to the operation's ledger it sends one message",
  'whose data is JSON `{"seq": 155, "hash": "…", "type": "UnitArrived"}` (its `id:` is the sequence number);',
  "a comment line (`: heartbeat`) keeps the connection alive every 15 s. Readers of the operation only.",
].join(" ");

export const streamRoutes =
  (ctx: AppContext, feed: LedgerFeed, heartbeatMs = HEARTBEAT_MS): RoutePlugin =>
  async (app) => {
    const whoIsCalling = resolvePrincipal(ctx.db, ctx.now);
    app.get(
      "/api/operations/:op/stream",
      {
        schema: {
          tags: ["events"],
          summary: "Live ledger: a server-sent event after every append to the operation",
          description: StreamDescription,
          params: OperationParams,
          response: {
            200: {
              description: StreamDescription,
              content: {
                "text/event-stream": {
                  schema: Type.String({
                    examples: ['id: 155\ndata: {"seq":155,"hash":"9f2c…","type":"UnitArrived"}\n\n'],
                  }),
                },
              },
            },
            ...problems(401, 404),
          },
        },
      },
      async (request, reply) => {
        const op = request.params.op;
        const { operation } = await authorise(ctx.db, principalOf(request), op, { kind: "read" });
        const head = await readChainHead(ctx.db, operation.id);
        // Messages that arrive before the response is open wait in `early`.
        let early: string[] | undefined = [];
        let open = true;
        const send = (text: string) => {
          if (early) early.push(text);
          else if (open) res.write(text);
        };
        const unsubscribe = await feed.subscribe(operation.id, head.seq, (event) =>
          send(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`),
        );
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache, no-transform",
          connection: "keep-alive",
          "x-accel-buffering": "no",
        });
        res.write(`retry: 3000\n: ledger of ${operation.code} at event ${head.seq}\n\n`);
        for (const text of early) res.write(text);
        early = undefined;
        // At each heartbeat the stream asks again who opened it: once that session or token has
        // ended (signed out, password changed, revoked) or lost the operation, the stream ends too.
        let asking = false;
        const stillAllowed = async () => {
          const again = { headers: request.headers, cookies: request.cookies, url: request.url } as FastifyRequest;
          await whoIsCalling(again, reply);
          await authorise(ctx.db, principalOf({ ...again, routeOptions: request.routeOptions }), op, { kind: "read" });
        };
        const heartbeat = setInterval(() => {
          if (!open || asking) return;
          res.write(": heartbeat\n\n");
          asking = true;
          stillAllowed().then(
            () => (asking = false),
            () => finish(),
          );
        }, heartbeatMs);
        heartbeat.unref();
        const finish = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          unsubscribe();
          forget();
          res.end();
        };
        const forget = feed.onClose(finish);
        res.on("close", finish);
        request.raw.on("close", finish);
      },
    );
  };
