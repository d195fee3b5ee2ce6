// Backing up and restoring a whole store, on either engine (and from one to the other).
//
// A backup is JSON Lines (the CLI and the API gzip it): a header naming the format and
// the schema (the migrations applied), then for each table in foreign-key order a line
// {"table": name} followed by one line per row (PostgreSQL's own JSON of the row), and a
// closing line with the row count of every table, so a truncated file is recognised. It
// is read in one REPEATABLE READ, read-only transaction: a consistent snapshot while the
// server goes on writing (on the embedded database, writes wait until it is read; on a
// Citus coordinator, see writeCitusBackup). A restore into a Citus coordinator puts each
// operation's rows on its worker as any write would.
//
// A restore goes into an empty store (one holding data is refused unless forced, when
// it is emptied first), in one transaction: every row; then every operation's hash chain
// is verified and its projections (stock moves, balances, unit states) are replayed from
// its events and compared with the restored ones. Only if all agree is it committed.
import type { Db, Queryable } from "../store/db.ts";
import * as store from "../store/backup.sql.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import { citusRole, prepareCitusSchemaChange, tableLayout } from "../store/citus.sql.ts";
import { VERSION } from "../version.ts";
import { replayProjections, verifyOperation } from "./ledger.ts";

export const BACKUP_FORMAT = "reliefline-backup";

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  reliefline: string;
  engine: string;
  createdAt: string;
  /** Migration versions applied to the store it was taken from. */
  schema: number[];
}

export class RestoreError extends Error {}

/** Tables ordered so that each comes after every table it references. */
export function dependencyOrder(tables: readonly store.TableInfo[]): store.TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: store.TableInfo[] = [];
  // Kahn's algorithm, without recursion; a cycle (none in this schema) would be reported.
  while (out.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.references.every((r) => done.has(r) || !byName.has(r)));
    if (ready.length === 0)
      throw new Error(
        `foreign keys form a cycle among ${tables
          .filter((t) => !done.has(t.name))
          .map((t) => t.name)
          .join(", ")}`,
      );
    for (const t of ready) {
      done.add(t.name);
      out.push(t);
    }
  }
  return out;
}

/** Writes the backup line by line through `emit` (each line ends with \n); returns the row count per table. */
export async function writeBackup(
  db: Db,
  emit: (line: string) => Promise<void>,
  now: Date,
): Promise<Record<string, number>> {
  if ((await citusRole(db)) === "coordinator") return writeCitusBackup(db, emit, now);
  return db.transaction(async (tx) => {
    await store.beginSnapshot(tx);
    return writeTables(tx, db.engine, () => tx, undefined, emit, now);
  });
}

/**
 * On a Citus cluster no one snapshot spans the nodes: each worker's is taken when a statement
 * first reaches it, and a change to shared (reference) tables commits on each node in turn.
 * The shards are read in one transaction whose worker snapshots are taken first, together
 * (pinShardSnapshots: every operation's rows, on its one worker, are read at one moment); the
 * shared tables in a second transaction begun after them, so they hold every user, organisation
 * and operation any shard's rows name. Operations created in between have no rows in the
 * shards yet and are left out.
 */
async function writeCitusBackup(
  db: Db,
  emit: (line: string) => Promise<void>,
  now: Date,
): Promise<Record<string, number>> {
  return db.transaction(async (shards) => {
    await store.beginSnapshot(shards);
    const operations = await store.pinShardSnapshots(shards);
    return db.transaction(async (shared) => {
      await store.beginSnapshot(shared);
      const distributed = new Set(
        (await tableLayout(shared)).filter((t) => t.kind === "distributed").map((t) => t.table),
      );
      return writeTables(shared, "citus", (table) => (distributed.has(table) ? shards : shared), operations, emit, now);
    });
  });
}

async function writeTables(
  tx: Queryable,
  engine: string,
  readerOf: (table: string) => Queryable,
  operations: readonly string[] | undefined,
  emit: (line: string) => Promise<void>,
  now: Date,
): Promise<Record<string, number>> {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: 1,
    reliefline: VERSION,
    engine,
    createdAt: now.toISOString(),
    schema: await store.appliedMigrations(tx),
  };
  await emit(`${JSON.stringify(header)}\n`);
  const counts: Record<string, number> = {};
  for (const table of dependencyOrder(await store.schemaTables(tx))) {
    await emit(`${JSON.stringify({ table: table.name })}\n`);
    let n = 0;
    const only = table.name === "operations" ? operations : undefined;
    for await (const rows of store.tableRows(readerOf(table.name), table.name, table.orderBy, only)) {
      await emit(rows.join("\n") + "\n");
      n += rows.length;
    }
    counts[table.name] = n;
  }
  await emit(`${JSON.stringify({ end: true, rows: counts })}\n`);
  return counts;
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: Record<string, number>;
  operations: { code: string; events: number }[];
}

/** Restores `lines` (the backup's lines, without their newlines) into `db`, checked before it is committed. */
export async function restoreBackup(
  db: Db,
  lines: AsyncIterable<string>,
  options: { force?: boolean; batch?: number } = {},
): Promise<RestoreSummary> {
  const batchSize = options.batch ?? 2_000;
  const tables = new Map((await store.schemaTables(db)).map((t) => [t.name, t]));
  if (!options.force && (await store.holdsData(db))) {
    throw new RestoreError(
      `the store at ${db.location} already holds users or operations; restore into an empty store (or give --force to replace everything in it)`,
    );
  }
  const citus = (await citusRole(db)) === "coordinator";
  return db.transaction(async (tx) => {
    // On Citus: one connection per worker (rows of shared and distributed tables in one transaction).
    if (citus) await prepareCitusSchemaChange(tx);
    if (options.force) await store.emptyTables(tx, [...tables.keys(), ...store.DERIVED_TABLES]);
    let header: BackupHeader | undefined;
    let table: store.TableInfo | undefined;
    let pending: string[] = [];
    const counts: Record<string, number> = {};
    let end: Record<string, number> | undefined;
    const flush = async () => {
      if (table && pending.length > 0) await store.insertRows(tx, table.name, pending);
      pending = [];
    };
    for await (const line of lines) {
      if (line === "") continue;
      if (!header) {
        header = parseHeader(line);
        const here = await store.appliedMigrations(tx);
        if (header.schema.join(",") !== here.join(",")) {
          throw new RestoreError(
            `the backup's schema (migrations ${header.schema.join(", ")}) differs from this store's (${here.join(", ")}): restore it with the Reliefline version that made it (${header.reliefline})`,
          );
        }
        continue;
      }
      if (end) throw new RestoreError("the backup goes on after its closing line");
      if (line.startsWith('{"table":')) {
        await flush();
        const name = (JSON.parse(line) as { table: string }).table;
        table = tables.get(name);
        if (!table) throw new RestoreError(`the backup holds a table ${name} this store does not have`);
        counts[name] = 0;
      } else if (line.startsWith('{"end":')) {
        await flush();
        end = (JSON.parse(line) as { rows: Record<string, number> }).rows;
      } else {
        if (!table) throw new RestoreError("the backup has rows before naming their table");
        pending.push(line);
        counts[table.name]! += 1;
        // A table that references itself goes in one statement (its foreign key is checked at the statement's end).
        if (pending.length >= batchSize && !table.selfReferencing) await flush();
      }
    }
    if (!header) throw new RestoreError("the file is empty: it is not a Reliefline backup");
    if (!end) throw new RestoreError("the backup ends before its closing line: the file is truncated");
    for (const [name, n] of Object.entries(end)) {
      if ((counts[name] ?? 0) !== n)
        throw new RestoreError(`table ${name}: the backup says ${n} rows but holds ${counts[name] ?? 0}`);
    }
    await store.resetIdentities(tx);
    const operations = await checkRestored(tx);
    return { header, rows: counts, operations };
  });
}

function parseHeader(line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new RestoreError("the file does not start with a Reliefline backup header");
  }
  if (header.format !== BACKUP_FORMAT || header.version !== 1 || !Array.isArray(header.schema)) {
    throw new RestoreError(
      "the file does not start with a Reliefline backup header (format reliefline-backup, version 1)",
    );
  }
  return header as BackupHeader;
}

/** Every operation's chain verifies, and replaying its events gives exactly the restored projections. */
async function checkRestored(tx: Queryable): Promise<{ code: string; events: number }[]> {
  const out: { code: string; events: number }[] = [];
  for (const op of await listOperations(tx)) {
    const chain = await verifyOperation(tx, op);
    if (!chain.ok)
      throw new RestoreError(
        `operation ${op.code}: the hash chain is broken at event ${chain.seq}: ${chain.reason}. Nothing was restored.`,
      );
    const restored = await store.projectionDigest(tx, op.id);
    const { events } = await replayProjections(tx, op);
    if ((await store.projectionDigest(tx, op.id)) !== restored) {
      throw new RestoreError(
        `operation ${op.code}: the backup's stock and unit projections differ from what its events give. Nothing was restored.`,
      );
    }
    out.push({ code: op.code, events });
  }
  return out;
}
