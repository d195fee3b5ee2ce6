// The staff UI's fallback route, in-process on a folder with an index.html: paths of the
// single-page app get the page, unknown paths under /public do not.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webRoutes } from "./web.routes.ts";

describe("the staff UI's fallback route", () => {
  let root: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "reliefline-web-"));
    writeFileSync(join(root, "index.html"), '<!doctype html><div id="root"></div>');
    app = Fastify();
    await app.register(webRoutes(root));
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("does not swallow unknown /public paths into the single-page app", async () => {
    for (const url of ["/public/X/unknown", "/public/X/publications/y.json"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('id="root"');
    }
    expect((await app.inject({ url: "/op/X/stock" })).body).toContain('id="root"');
  });
});
