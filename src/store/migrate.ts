// Plain numbered SQL migrations, applied in order under an advisory lock, each in
// its own transaction. A migration is never edited once it has landed.
import { readdirSync, readFileSync } from "node:fs";
import type { Db } from "./db.ts";
import { ensureChangeTriggers } from "./changes.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
const LOCK_KEY = 7_312_025; // any constant; names the "reliefline migrate" advisory lock

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Db, onApply?: (m: Migration) => void): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const rows = await tx.query("select 1 from schema_migrations where version = $1", [m.version]);
      if (rows.length > 0) return false;
      onApply?.(m);
      await tx.exec(m.sql);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  await ensureChangeTriggers(db);
  return applied;
}
