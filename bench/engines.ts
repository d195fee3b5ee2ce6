// The engines the benchmark ingests into: embedded PGlite in a temp folder (as
// `reliefline start` uses it), a throw-away PostgreSQL 15 server, and a one-machine Citus cluster.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "../src/store/db.ts";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { startPgCluster } from "../test/helpers/pg-cluster.ts";
import { startCitusCluster } from "../test/helpers/citus-cluster.ts";

export interface OpenEngine {
  name: string;
  detail: string;
  db: Db;
  /** Seconds to create and migrate the store. */
  setupSeconds: number;
  dispose(): Promise<void>;
}

export type EngineFactory = { name: string; open(): Promise<OpenEngine | { skipped: string }> };

export const pgliteEngine: EngineFactory = {
  name: "PGlite",
  async open() {
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), "reliefline-bench-pglite-"));
    const db = await openPglite({ dataDir: join(dir, "pgdata") });
    await migrate(db);
    return {
      name: "PGlite",
      detail: `embedded, data folder ${dir}`,
      db,
      setupSeconds: (performance.now() - started) / 1000,
      async dispose() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: EngineFactory = {
  name: "PostgreSQL",
  async open() {
    const started = performance.now();
    let cluster;
    try {
      cluster = await startPgCluster();
    } catch (error) {
      return { skipped: (error as Error).message.split("\n")[0]! };
    }
    if ("skipped" in cluster) return { skipped: cluster.skipped };
    const { url, stop } = cluster;
    try {
      const admin = await openPostgres(url, 1);
      await admin.query("create database reliefline_bench");
      const [{ version }] = (await admin.query<{ version: string }>(
        "select current_setting('server_version') as version",
      )) as [{ version: string }];
      await admin.close();
      const db = await openPostgres(url.replace(/\/postgres$/, "/reliefline_bench"), 10);
      await migrate(db);
      return {
        name: "PostgreSQL",
        detail: `PostgreSQL ${version.split(" ")[0]} throw-away cluster (fsync=off, synchronous_commit=off), pool of 10`,
        db,
        setupSeconds: (performance.now() - started) / 1000,
        async dispose() {
          await db.close();
          stop();
        },
      };
    } catch (error) {
      stop();
      throw error;
    }
  },
};

/**
 * A one-machine Citus cluster: a coordinator and two workers, each its own PostgreSQL 15
 * server on these same cores (so this measures what the coordinator adds, not what more
 * machines give). Tables are distributed by the migration runner, 32 shards (Citus's default).
 */
export const citusEngine: EngineFactory = {
  name: "Citus",
  async open() {
    const started = performance.now();
    const cluster = await startCitusCluster({ workers: 2, shardCount: 32 });
    if ("skipped" in cluster) return { skipped: cluster.skipped };
    try {
      await cluster.createDatabase("reliefline_bench");
      const db = await openPostgres(cluster.coordinator.url("reliefline_bench"), 10);
      await migrate(db);
      const [{ version }] = (await db.query<{ version: string }>(
        "select extversion as version from pg_extension where extname = 'citus'",
      )) as [{ version: string }];
      return {
        name: "Citus",
        detail: `Citus ${version}: coordinator and 2 workers on this machine (fsync=off, synchronous_commit=off), 32 shards, pool of 10`,
        db,
        setupSeconds: (performance.now() - started) / 1000,
        async dispose() {
          await db.close();
          cluster.stop();
        },
      };
    } catch (error) {
      cluster.stop();
      throw error;
    }
  },
};
