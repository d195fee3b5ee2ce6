// Once per test run, shared by the int and e2e projects: a migrated PGlite snapshot every
// test file loads in about a second (creating PGlite takes several), and a throw-away
// PostgreSQL server with a migrated template database every test file clones.
// Vitest calls a project's global setup once per project, all in this one process, so the
// fixtures are made by the first project that asks and stopped after the last one's teardown.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { startPgCluster } from "./helpers/pg-cluster.ts";
import { CHROMIUM } from "./helpers/chromium.ts";
import { runBuild, REPO } from "../bench/build.ts";

const WEB_TEST_BUILD = join(REPO, ".tmp", "web-test");

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresUrl: string | null;
    postgresSkipped: string | null;
    /** The UI built for the end-to-end tests: never dist/web, which only `npm run build` writes. */
    webTestBuild: string;
  }
}

interface Fixtures {
  pgliteSnapshot: string;
  postgresUrl: string | null;
  postgresSkipped: string | null;
  stop(): void;
}

const shared = globalThis as { relieflineFixtures?: { ready: Promise<Fixtures>; users: number } };

async function makeFixtures(): Promise<Fixtures> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "reliefline-test-"));
  const pglite = await openPglite();
  await migrate(pglite);
  const snapshot = join(dir, "pglite-migrated.tar");
  writeFileSync(snapshot, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();

  const cluster = await startPgCluster();
  const stop = () => {
    if (!("skipped" in cluster)) cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  if ("skipped" in cluster) {
    if (process.env.RELIEFLINE_REQUIRE_POSTGRES === "1") {
      stop();
      throw new Error(`PostgreSQL is required here but ${cluster.skipped}`);
    }
    console.warn(`\n  PostgreSQL store tests SKIPPED: ${cluster.skipped}\n`);
    return { pgliteSnapshot: snapshot, postgresUrl: null, postgresSkipped: cluster.skipped, stop };
  }
  const admin = await openPostgres(cluster.url, 1);
  await admin.query("create database reliefline_template");
  await admin.close();
  const template = await openPostgres(cluster.url.replace(/\/postgres$/, "/reliefline_template"), 1);
  await migrate(template);
  const [{ version }] = (await template.query<{ version: string }>("select version()")) as [{ version: string }];
  await template.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\n  Store tests run on PGlite (embedded) and on ${version.split(" on ")[0]} at ${cluster.url} (fixtures ready in ${seconds} s)\n`,
  );
  return { pgliteSnapshot: snapshot, postgresUrl: cluster.url, postgresSkipped: null, stop };
}

export default async function setup(project: TestProject) {
  if (project.name === "e2e" && process.env.RELIEFLINE_REQUIRE_BROWSER === "1" && !existsSync(CHROMIUM)) {
    throw new Error(`Chromium is required here but there is no browser at ${CHROMIUM} (apt-get install chromium)`);
  }
  shared.relieflineFixtures ??= { ready: makeFixtures(), users: 0 };
  const entry = shared.relieflineFixtures;
  entry.users += 1;
  const fixtures = await entry.ready;
  project.provide("pgliteSnapshot", fixtures.pgliteSnapshot);
  project.provide("postgresUrl", fixtures.postgresUrl);
  project.provide("postgresSkipped", fixtures.postgresSkipped);
  if (project.name === "e2e") {
    const started = performance.now();
    runBuild(["web", "--if-stale", "--web-out", WEB_TEST_BUILD]);
    console.log(
      `  UI for the end-to-end tests ready in ${WEB_TEST_BUILD} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  project.provide("webTestBuild", WEB_TEST_BUILD);
  return () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    fixtures.stop();
    delete shared.relieflineFixtures;
  };
}
