// Once per test run, shared by the int and e2e projects: a migrated PGlite snapshot every
// test file loads in about a second (creating PGlite takes several), a throw-away
// PostgreSQL server with a migrated template database every test file clones, and a
// one-machine Citus cluster (a coordinator and two workers) with a migrated, distributed
// template database, cloned on every node per test file.
// Vitest calls a project's global setup once per project, all in this one process, so the
// fixtures are made by the first project that asks and stopped after the last one's teardown.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { startPgCluster, type PgCluster } from "./helpers/pg-cluster.ts";
import { startCitusCluster, type CitusCluster } from "./helpers/citus-cluster.ts";
import { CHROMIUM } from "./helpers/chromium.ts";
import { runBuild, REPO } from "../bench/build.ts";

const WEB_TEST_BUILD = join(REPO, ".tmp", "web-test");

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresUrl: string | null;
    postgresSkipped: string | null;
    /** The Citus cluster's nodes (coordinator first), as server URLs without a database. */
    citusNodes: string[] | null;
    citusSkipped: string | null;
    /** The UI built for the end-to-end tests: never dist/web, which only `npm run build` writes. */
    webTestBuild: string;
  }
}

interface Fixtures {
  pgliteSnapshot: string;
  postgresUrl: string | null;
  postgresSkipped: string | null;
  citusNodes: string[] | null;
  citusSkipped: string | null;
  stop(): void;
}

const TEMPLATE = "reliefline_template";

const shared = globalThis as { relieflineFixtures?: { ready: Promise<Fixtures>; users: number } };

async function makeFixtures(): Promise<Fixtures> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "reliefline-test-"));
  // The servers start while PGlite is created (each is mostly other processes' work).
  const servers = Promise.allSettled([
    startPgCluster().then(postgresTemplate),
    startCitusCluster().then(citusTemplate),
  ]);
  const pglite = await openPglite();
  await migrate(pglite);
  const snapshot = join(dir, "pglite-migrated.tar");
  writeFileSync(snapshot, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();

  const [postgres, citus] = await servers;
  const stop = () => {
    for (const result of [postgres, citus])
      if (result.status === "fulfilled" && !("skipped" in result.value)) result.value.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  if (postgres.status === "rejected" || citus.status === "rejected") {
    stop();
    throw (postgres.status === "rejected" ? postgres.reason : (citus as PromiseRejectedResult).reason) as Error;
  }
  const pgCluster = postgres.value;
  const citusCluster = citus.value;
  for (const [name, cluster, required] of [
    ["PostgreSQL", pgCluster, process.env.RELIEFLINE_REQUIRE_POSTGRES === "1"],
    ["Citus", citusCluster, process.env.RELIEFLINE_REQUIRE_CITUS === "1"],
  ] as const) {
    if (!("skipped" in cluster)) continue;
    if (required) {
      stop();
      throw new Error(`${name} is required here but ${cluster.skipped}`);
    }
    console.warn(`\n  ${name} store tests SKIPPED: ${cluster.skipped}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const engines = [
    "PGlite (embedded)",
    ...("skipped" in pgCluster ? [] : [`${pgCluster.version} at ${pgCluster.url}`]),
    ...("skipped" in citusCluster
      ? []
      : [`Citus ${citusCluster.version} (coordinator and ${citusCluster.cluster.workers.length} workers)`]),
  ];
  console.log(`\n  Store tests run on ${engines.join(", ")} (fixtures ready in ${seconds} s)\n`);
  return {
    pgliteSnapshot: snapshot,
    postgresUrl: "skipped" in pgCluster ? null : pgCluster.url,
    postgresSkipped: "skipped" in pgCluster ? pgCluster.skipped : null,
    citusNodes:
      "skipped" in citusCluster
        ? null
        : [citusCluster.cluster.coordinator, ...citusCluster.cluster.workers].map((n) => n.url()),
    citusSkipped: "skipped" in citusCluster ? citusCluster.skipped : null,
    stop,
  };
}

/** The PostgreSQL server with a migrated template database. */
async function postgresTemplate(
  cluster: PgCluster,
): Promise<{ url: string; version: string; stop(): void } | { skipped: string }> {
  if ("skipped" in cluster) return cluster;
  try {
    const admin = await openPostgres(cluster.url, 1);
    await admin.query(`create database ${TEMPLATE}`);
    await admin.close();
    const template = await openPostgres(cluster.url.replace(/\/postgres$/, `/${TEMPLATE}`), 1);
    await migrate(template);
    const [{ version }] = (await template.query<{ version: string }>("select version()")) as [{ version: string }];
    await template.close();
    return { url: cluster.url, version: version.split(" on ")[0]!, stop: cluster.stop };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

/** The Citus cluster with a template database migrated on the coordinator, so distributed. */
async function citusTemplate(
  cluster: CitusCluster | { skipped: string },
): Promise<{ cluster: CitusCluster; version: string; stop(): void } | { skipped: string }> {
  if ("skipped" in cluster) return cluster;
  try {
    await cluster.createDatabase(TEMPLATE);
    const template = await openPostgres(cluster.coordinator.url(TEMPLATE), 1);
    await migrate(template);
    const [{ version }] = (await template.query<{ version: string }>(
      "select extversion as version from pg_extension where extname = 'citus'",
    )) as [{ version: string }];
    await template.close();
    return { cluster, version, stop: cluster.stop };
  } catch (error) {
    cluster.stop();
    throw error;
  }
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
  project.provide("citusNodes", fixtures.citusNodes);
  project.provide("citusSkipped", fixtures.citusSkipped);
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
