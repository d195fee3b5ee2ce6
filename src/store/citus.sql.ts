// Running on a Citus cluster: the migrations create ordinary tables on the coordinator,
// then this step distributes them, so the same migrations serve PGlite, PostgreSQL and
// Citus unchanged. It runs after every migration run and does nothing unless the
// database has the citus extension; on a coordinator it distributes every table not yet
// distributed, by one rule:
//   - a table with an operation_id column is distributed by it, co-located with `events`
//     (the rows of one operation, in every table, sit on one worker);
//   - a table without one (users, organisations, sessions, API tokens, units of measure,
//     operations themselves) becomes a reference table, copied to every node;
//   - COORDINATOR_ONLY tables stay plain tables on the coordinator.
// No table of the cluster keeps the change trigger of migration 013 (see dropChangeTriggers).
// Citus refuses to distribute a table that another, still local table references, so the
// step drops the foreign keys touching those tables, distributes, and adds them back, all
// in one transaction. The shard count is Citus's own setting, citus.shard_count (32 unless
// the database or server sets another) when `events` is distributed.
import type { Db, Queryable } from "./db.ts";
import { CHANGE_TRIGGER } from "./changes.ts";

/** Tables that stay on the coordinator: bookkeeping of this database, not shared data. */
export const COORDINATOR_ONLY: readonly string[] = ["schema_migrations", "rate_limit_windows"];

/** The table every operation-scoped table is co-located with. */
export const ANCHOR = "events";

export type CitusRole = "none" | "coordinator" | "worker";

/** Whether this database is part of a Citus cluster, and which part. */
export async function citusRole(db: Queryable): Promise<CitusRole> {
  const [row] = await db.query<{ citus: boolean }>(
    "select exists (select 1 from pg_extension where extname = 'citus') as citus",
  );
  if (!row?.citus) return "none";
  const [node] = await db.query<{ coordinator: boolean }>("select citus_is_coordinator() as coordinator");
  return node?.coordinator ? "coordinator" : "worker";
}

/** Settings every schema change on a Citus coordinator runs with (see migrate.ts). */
export async function prepareCitusSchemaChange(tx: Queryable): Promise<void> {
  // One connection per worker for the whole transaction, so DDL and data changes of one
  // migration can follow each other; triggers that touch only their own row (or rows of the
  // same operation, co-located) are allowed on distributed tables.
  await tx.exec("set local citus.multi_shard_modify_mode = 'sequential'; set local citus.enable_unsafe_triggers = on");
}

export interface DistributedTable {
  table: string;
  kind: "distributed" | "reference";
}

interface Pending {
  oid: number;
  name: string;
  scoped: boolean;
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Distributes every table not yet distributed (see the rule above), in one transaction
 * under `lockKey`; returns what it distributed. Does nothing unless this is a coordinator.
 */
export async function distributeTables(db: Db, lockKey: number): Promise<DistributedTable[]> {
  if ((await citusRole(db)) !== "coordinator") return [];
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [lockKey]);
    const pending = await pendingTables(tx);
    if (pending.length === 0) {
      await dropChangeTriggers(tx);
      return [];
    }
    await prepareCitusSchemaChange(tx);
    const oids = pending.map((t) => t.oid);
    // The change trigger (migration 013) has no place on a table of the cluster (see dropChangeTriggers).
    for (const t of pending) await tx.exec(`drop trigger if exists ${CHANGE_TRIGGER} on ${ident(t.name)}`);
    const keys = await tx.query<ForeignKey>(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and (conrelid = any($1::oid[]) or confrelid = any($1::oid[]))`,
      [oids],
    );
    // Rows already there (a single server moved onto the cluster) are copied into the shards, which
    // would fire the tables' own triggers on the workers (noting working-set changes, say) before
    // the tables they write are distributed: they are off while the rows move, as a copy changes nothing.
    const triggers = await tx.query<{ table: string; name: string }>(
      `select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgrelid = any($1::oid[]) and not t.tgisinternal and t.tgenabled <> 'D'`,
      [oids],
    );
    for (const t of triggers) await tx.exec(`alter table ${ident(t.table)} disable trigger ${ident(t.name)}`);
    // (Dropping a foreign key to a reference table may turn a local table Citus added itself back into
    // a plain one, under a new oid: the tables are named by name from here on.)
    for (const key of keys) await tx.exec(`alter table ${key.table} drop constraint ${ident(key.name)}`);
    const done: DistributedTable[] = [];
    for (const t of pending.filter((p) => !p.scoped)) {
      await tx.query("select create_reference_table($1::regclass)", [ident(t.name)]);
      done.push({ table: t.name, kind: "reference" });
    }
    // The anchor first, so the others can be co-located with it.
    const scoped = pending
      .filter((p) => p.scoped)
      .sort((a, b) => Number(b.name === ANCHOR) - Number(a.name === ANCHOR));
    for (const t of scoped) {
      if (t.name === ANCHOR)
        await tx.query("select create_distributed_table($1::regclass, 'operation_id')", [ident(t.name)]);
      else
        await tx.query("select create_distributed_table($1::regclass, 'operation_id', colocate_with => $2)", [
          ident(t.name),
          ANCHOR,
        ]);
      done.push({ table: t.name, kind: "distributed" });
    }
    for (const key of keys)
      await tx.exec(`alter table ${key.table} add constraint ${ident(key.name)} ${key.definition}`);
    for (const t of triggers) await tx.exec(`alter table ${ident(t.table)} enable trigger ${ident(t.name)}`);
    // Rows that were on the coordinator before (a single server moved onto a cluster) now
    // live in the shards; the coordinator's copies are invisible and only take disk space.
    for (const t of pending)
      await tx.query("select truncate_local_data_after_distributing_table($1::regclass)", [ident(t.name)]);
    await dropChangeTriggers(tx);
    return done;
  });
}

/**
 * The change trigger (migration 013) notifies `reliefline_changes` where it fires: on a
 * distributed table that is the worker holding the row, where no server listens; on a
 * reference table, every node's copy. On a coordinator the query layer notifies for what it
 * writes instead, once, from the coordinator (changes.ts notifyWrites), so no table of the
 * cluster keeps the trigger (migration 013 run on a cluster already distributed adds it);
 * the coordinator's own tables do.
 */
async function dropChangeTriggers(tx: Queryable): Promise<void> {
  const tables = await tx.query<{ table: string }>(
    `select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
     join pg_dist_partition p on p.logicalrelid = c.oid where t.tgname = $1`,
    [CHANGE_TRIGGER],
  );
  if (tables.length === 0) return;
  await prepareCitusSchemaChange(tx);
  for (const { table } of tables) await tx.exec(`drop trigger ${CHANGE_TRIGGER} on ${ident(table)}`);
}

/** The tables of the cluster: distributed, reference (and any Citus keeps on the coordinator in its metadata). */
export async function citusTables(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ table: string }>(
    "select logicalrelid::regclass::text as table from pg_dist_partition order by 1",
  );
  return rows.map((r) => r.table);
}

async function pendingTables(tx: Queryable): Promise<Pending[]> {
  const rows = await tx.query<Pending>(
    `select c.oid::int8 as oid, c.relname as name,
       exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'operation_id' and not a.attisdropped) as scoped
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
       and c.relname <> all($1::text[])
       -- A table a later migration creates with a foreign key to a reference table is already in
       -- Citus's metadata, as a local table Citus added itself (on the coordinator only): still pending.
       and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid and not (p.partmethod = 'n' and p.repmodel = 's'))
     order by c.relname`,
    [COORDINATOR_ONLY],
  );
  return rows;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface TableLayout {
  table: string;
  kind: "distributed" | "reference" | "coordinator";
  shards: number;
}

/** Where each table of this database lives on the cluster (coordinator-only tables included). */
export async function tableLayout(db: Queryable): Promise<TableLayout[]> {
  const rows = await db.query<TableLayout>(
    `select c.relname as table, coalesce(t.citus_table_type, 'coordinator') as kind, coalesce(t.shard_count, 0)::int8 as shards
     from pg_class c join pg_namespace n on n.oid = c.relnamespace left join citus_tables t on t.table_name = c.oid
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by 2, 1`,
  );
  return rows.map((r) => ({ ...r, shards: Number(r.shards) }));
}

export interface NodeShards {
  node: string;
  /** Shard placements of distributed tables on the node. */
  shards: number;
  /** Of which `events` shards: the operations the node holds. */
  eventShards: number;
}

/** The nodes holding distributed shards, and how many each holds. */
export async function shardsByNode(db: Queryable): Promise<NodeShards[]> {
  const rows = await db.query<NodeShards>(
    `select nodename || ':' || nodeport as node, count(*)::int8 as shards,
       count(*) filter (where table_name = $1::regclass)::int8 as "eventShards"
     from citus_shards where citus_table_type = 'distributed' group by nodename, nodeport order by 1`,
    [ANCHOR],
  );
  return rows.map((r) => ({ ...r, shards: Number(r.shards), eventShards: Number(r.eventShards) }));
}

/** This database is a Citus worker: the application talks to the coordinator. */
export class CitusWorkerError extends Error {}
