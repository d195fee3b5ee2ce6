// GET /api/admin/backup: a consistent backup of the whole store (app/backup.ts), gzipped,
// for system administrators. The way to back up an embedded database while its server
// runs (the server owns the folder); `reliefline backup FILE --server URL` calls it.
import { PassThrough } from "node:stream";
import { createGzip } from "node:zlib";
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../context.ts";
import { problems } from "../schemas.ts";
import { principalOf } from "../auth.ts";
import { requireSystemAdmin } from "../../app/principal.ts";
import { writeBackup } from "../../app/backup.ts";

export const backupRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/api/admin/backup",
      {
        schema: {
          tags: ["system"],
          summary:
            "A consistent backup of the whole store (gzipped JSON Lines; restore with `reliefline restore FILE`), for system administrators",
          response: {
            200: {
              description: "reliefline-backup, gzip",
              content: { "application/gzip": { schema: { type: "string", format: "binary" } } },
            },
            ...problems(401, 403),
          },
        },
      },
      async (request, reply) => {
        requireSystemAdmin(principalOf(request), "take a backup");
        const now = ctx.now();
        const gzip = createGzip();
        const body = new PassThrough();
        gzip.pipe(body);
        const write = (line: string) =>
          new Promise<void>((resolve, reject) => {
            if (gzip.write(line)) resolve();
            else gzip.once("drain", resolve).once("error", reject);
          });
        writeBackup(ctx.db, write, now).then(
          () => gzip.end(),
          (error: unknown) => {
            request.log.error({ err: error }, "backup failed");
            body.destroy(error instanceof Error ? error : new Error(String(error)));
          },
        );
        const name = `reliefline-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.backup.gz`;
        return reply
          .type("application/gzip")
          .header("content-disposition", `attachment; filename="${name}"`)
          .header("cache-control", "no-store")
          .send(body);
      },
    );
  };
