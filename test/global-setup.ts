// Once per test run: a migrated PGlite snapshot every test file loads in about a second
// (creating PGlite takes several), and a throw-away PostgreSQL server with a migrated
// template database every test file clones.
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { startPgCluster } from "./helpers/pg-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresUrl: string | null;
    postgresSkipped: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "reliefline-test-"));
  const pglite = await openPglite();
  await migrate(pglite);
  const snapshot = join(dir, "pglite-migrated.tar");
  writeFileSync(snapshot, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteSnapshot", snapshot);

  const cluster = await startPgCluster();
  if ("skipped" in cluster) {
    if (process.env.RELIEFLINE_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required here but ${cluster.skipped}`);
    console.warn(`\n  PostgreSQL store tests SKIPPED: ${cluster.skipped}\n`);
    project.provide("postgresUrl", null);
    project.provide("postgresSkipped", cluster.skipped);
  } else {
    const admin = await openPostgres(cluster.url, 1);
    await admin.query("create database reliefline_template");
    await admin.close();
    const template = await openPostgres(cluster.url.replace(/\/postgres$/, "/reliefline_template"), 1);
    await migrate(template);
    const [{ version }] = (await template.query<{ version: string }>("select version()")) as [{ version: string }];
    await template.close();
    console.log(`\n  Store tests run on PGlite (embedded) and on ${version.split(" on ")[0]} at ${cluster.url}\n`);
    project.provide("postgresUrl", cluster.url);
    project.provide("postgresSkipped", null);
  }
  return () => {
    if (!("skipped" in cluster)) cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
