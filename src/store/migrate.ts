// Plain numbered SQL migrations, applied in order under an advisory lock, each in its own
// transaction. A migration is never edited once it has landed: schema_migrations keeps each
// applied file's checksum, and a database whose landed migration no longer matches its file
// refuses to start, naming the file (the change belongs in a new migration). A database from
// before checksums were kept gets them recorded on its first start (back-fill).
// On a Citus coordinator each migration runs with Citus's settings for schema changes, one
// statement at a time, and afterwards every table not yet distributed is distributed
// (citus.sql.ts): the same files serve PGlite, PostgreSQL and Citus.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Db } from "./db.ts";
import { CitusWorkerError, citusRole, citusTables, distributeTables, prepareCitusSchemaChange } from "./citus.sql.ts";
import { splitStatements } from "./sql-statements.ts";
import { ensureChangeTriggers } from "./changes.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
const LOCK_KEY = 7_312_025; // any constant; names the "reliefline migrate" advisory lock

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A landed migration whose file differs from what was applied: the database is not opened. */
export class MigrationChangedError extends Error {}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(new URL(file, MIGRATIONS_DIR), "utf8"),
    }));
}

/** SHA-256 of the file's text with line endings normalised (a checkout with CRLF is the same migration). */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

const fileName = (m: { version: number; name: string }) => `${String(m.version).padStart(3, "0")}_${m.name}.sql`;

interface AppliedRow {
  version: number;
  name: string;
  checksum: string | null;
}

/**
 * Checks the landed migrations against their files, records missing checksums, then applies
 * pending migrations; returns the names applied. `migrations` defaults to the files in migrations/.
 */
export async function migrate(
  db: Db,
  onApply?: (m: Migration) => void,
  migrations: Migration[] = listMigrations(),
): Promise<string[]> {
  // Only when missing: a start with nothing to apply writes nothing (so it starts on a nearly full disk, store/disk-room.ts).
  const [{ present }] = (await db.query<{ present: boolean }>(
    "select to_regclass('schema_migrations') is not null as present",
  )) as [{ present: boolean }];
  if (!present)
    await db.exec(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now(), checksum text)`);
  let rows = await db.query<Partial<AppliedRow>>("select * from schema_migrations");
  if (rows.length > 0 && !("checksum" in rows[0]!)) {
    // A database from before checksums were kept: add the column, then record them below.
    await db.exec("alter table schema_migrations add column checksum text");
    rows = rows.map((r) => ({ ...r, checksum: null }));
  }
  const applied = new Map((rows as AppliedRow[]).map((r) => [Number(r.version), r]));
  const backfill: Migration[] = [];
  for (const m of migrations) {
    const row = applied.get(m.version);
    if (!row) continue;
    if (row.name !== m.name) {
      throw new MigrationChangedError(
        `Migration ${m.version} was applied to this database as ${fileName(row)}, but the file is now ${fileName(m)}. ` +
          "A landed migration is never renamed or replaced: restore it, and put changes in a new numbered migration.",
      );
    }
    if (row.checksum === null) backfill.push(m);
    else if (row.checksum !== checksumOf(m.sql)) {
      throw new MigrationChangedError(
        `Migration ${fileName(m)} has changed since it was applied to this database (checksum ${row.checksum.slice(0, 12)}… recorded, ` +
          `${checksumOf(m.sql).slice(0, 12)}… in the file). A landed migration is never edited: restore the file ` +
          "(e.g. git checkout) and put the change in a new numbered migration.",
      );
    }
  }
  if (backfill.length > 0) {
    await db.transaction(async (tx) => {
      for (const m of backfill)
        await tx.query("update schema_migrations set checksum = $2 where version = $1 and checksum is null", [
          m.version,
          checksumOf(m.sql),
        ]);
    });
  }
  const done: string[] = [];
  const role = await citusRole(db);
  if (role === "worker") {
    throw new CitusWorkerError(
      `${db.location} is a worker of a Citus cluster. Give the coordinator's address: the application reads and writes through it, and Citus routes each operation to its worker.`,
    );
  }
  const citus = role === "coordinator";
  for (const m of migrations.filter((m) => !applied.has(m.version))) {
    const ran = await db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
      if (citus) await prepareCitusSchemaChange(tx);
      // Another process may have applied it while we waited for the lock.
      const rows = await tx.query("select 1 from schema_migrations where version = $1", [m.version]);
      if (rows.length > 0) return false;
      onApply?.(m);
      // On Citus, one statement at a time: DDL reaches the workers as the text of the command that ran it (sql-statements.ts).
      if (citus) for (const statement of splitStatements(m.sql)) await tx.exec(statement);
      else await tx.exec(m.sql);
      await tx.query("insert into schema_migrations (version, name, checksum) values ($1, $2, $3)", [
        m.version,
        m.name,
        checksumOf(m.sql),
      ]);
      return true;
    });
    if (ran) done.push(m.name);
  }
  // On Citus the tables are distributed first: the change trigger goes on the coordinator's own tables only
  // (the query layer notifies for the cluster's tables, see store/changes.ts notifyWrites).
  if (citus) await distributeTables(db, LOCK_KEY);
  // Tables a migration just created get the change trigger (migration 013); a start with nothing to apply runs no DDL.
  if (done.length > 0) await ensureChangeTriggers(db, citus ? await citusTables(db) : []);
  return done;
}
