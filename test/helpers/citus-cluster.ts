// A throw-away Citus cluster on one machine, for tests, CI and the benchmark: a
// coordinator and workers, each its own PostgreSQL server (data folder, port) with
// Citus preloaded, started like the plain PostgreSQL cluster (pg-cluster.ts). Citus is
// installed by ../shared/vendor/citus/install.sh; without it the cluster is skipped.
//
// A Citus "cluster" is per database: each database has the extension on every node and
// its own list of nodes on its coordinator. Tests clone one migrated, distributed
// template: CREATE DATABASE … TEMPLATE on every node gives a consistent copy, because the
// shards on the workers carry the same names as the coordinator's metadata says.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { Queryable } from "../../src/store/db.ts";
import { PG_BIN, serverTempDir, startPgNode, type PgNode } from "./pg-cluster.ts";

export const CITUS_SO = join(PG_BIN, "..", "lib", "citus.so");

export interface CitusCluster {
  coordinator: PgNode;
  workers: PgNode[];
  /** Creates `name` on every node with the citus extension, and registers the workers on the coordinator. */
  createDatabase(name: string): Promise<void>;
  /** A copy of `template` on every node, named `name`. */
  cloneDatabase(template: string, name: string): Promise<void>;
  /** Starts one more worker with Citus (not yet added to any database). */
  startWorker(): Promise<PgNode>;
  /** Removes `name` from every node. */
  dropDatabase(name: string): Promise<void>;
  stop(): void;
}

export interface CitusOptions {
  workers?: number;
  /** citus.shard_count for tables distributed on this cluster (Citus's default is 32). */
  shardCount?: number;
  /** More server settings, e.g. wal_level=logical for online shard moves. */
  settings?: string[];
}

export async function startCitusCluster(options: CitusOptions = {}): Promise<CitusCluster | { skipped: string }> {
  if (!existsSync(join(PG_BIN, "initdb"))) return { skipped: `no PostgreSQL binaries in ${PG_BIN}` };
  if (!existsSync(CITUS_SO))
    return { skipped: `Citus is not installed (no ${CITUS_SO}; run ../shared/vendor/citus/install.sh as root)` };
  const dir = serverTempDir("reliefline-citus-");
  const settings = [
    "shared_preload_libraries=citus",
    `citus.shard_count=${options.shardCount ?? 8}`,
    ...(options.settings ?? []),
  ];
  const nodes: PgNode[] = [];
  const stopAll = () => {
    for (const node of nodes) {
      try {
        node.stop("immediate");
      } catch {
        // already stopped (a test stopped a worker)
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.all(
      ["coordinator", ...Array.from({ length: options.workers ?? 2 }, (_, i) => `worker${i + 1}`)].map((name) =>
        startPgNode(dir, name, settings),
      ),
    );
    nodes.push(...started);
  } catch (error) {
    stopAll();
    throw error;
  }
  const [coordinator, ...workers] = nodes as [PgNode, ...PgNode[]];
  let extra = 0;
  return {
    coordinator,
    workers,
    async createDatabase(name) {
      await Promise.all(
        nodes.map(async (node) => {
          await sql(node.url(), `create database ${name}`);
          await sql(node.url(name), "create extension citus");
        }),
      );
      await sql(coordinator.url(name), [
        `select citus_set_coordinator_host('127.0.0.1', ${coordinator.port})`,
        ...workers.map((w) => `select citus_add_node('127.0.0.1', ${w.port})`),
      ]);
    },
    async cloneDatabase(template, name) {
      await Promise.all(nodes.map((node) => cloneOnNode(node.url(), template, name)));
    },
    async startWorker() {
      const node = await startPgNode(dir, `worker-extra${++extra}`, settings);
      nodes.push(node);
      return node;
    },
    async dropDatabase(name) {
      await Promise.all(
        nodes.map((node) => sql(node.url(), `drop database if exists ${name} with (force)`).catch(() => undefined)),
      );
    },
    stop: stopAll,
  };
}

/** Runs statements on one node, each on its own, in one connection. */
export async function sql(url: string, statements: string | string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of [statements].flat()) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A copy of `template` named `name` on one node (a server URL without database).
 * CREATE DATABASE … TEMPLATE needs the template to have no sessions, and Citus's
 * maintenance daemon keeps one on every database with the extension: end them first,
 * and try again when one came back in between.
 */
export async function cloneOnNode(serverUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [template],
      );
      await client.query(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

/** The port of the Citus worker holding an operation's shards (every table is co-located with `events`). */
export async function workerPortOf(db: Queryable, operationId: string): Promise<number> {
  const [row] = await db.query<{ port: number }>(
    `select n.nodeport as port from pg_dist_placement p join pg_dist_node n on n.groupid = p.groupid
     where p.shardid = get_shard_id_for_distribution_column('events', $1::uuid)`,
    [operationId],
  );
  return Number(row!.port);
}
