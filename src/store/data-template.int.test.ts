// The migrated database new data folders start from (store/data-template.ts): made here from
// scratch (PGlite's initdb and every migration), copied into new folders as a start does, and compared
// with the test run's own migrated snapshot, itself created from scratch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshPglite } from "../../test/helpers/engines.ts";
import type { Db } from "./db.ts";
import { copyDataTemplate, makeDataTemplate, readDataTemplate, TEMPLATE_PGDATA } from "./data-template.ts";
import { checksumOf, listMigrations, migrate, type Migration } from "./migrate.ts";
import { openPglite } from "./pglite.ts";

/** Everything migrations define, in a stable order: tables and columns, constraints, indexes, triggers, functions. */
async function schemaOf(db: Db) {
  const q = (sql: string) => db.query(sql);
  return {
    migrations: await q("select version, name, checksum from schema_migrations order by version"),
    columns: await q(
      `select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns
       where table_schema = 'public' order by table_name, column_name`,
    ),
    constraints: await q(
      `select c.conrelid::regclass::text as tbl, c.conname, pg_get_constraintdef(c.oid) as def from pg_constraint c
       join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public' order by 1, 2`,
    ),
    indexes: await q("select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2"),
    triggers: await q(
      `select t.tgrelid::regclass::text as tbl, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal order by 1, 2`,
    ),
    functions: await q(
      `select p.proname, md5(p.prosrc) as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' order by 1, 2`,
    ),
  };
}

let dir: string;
let scratch: Awaited<ReturnType<typeof schemaOf>>;
const opened: Db[] = [];

/** A new data folder on disk started from the template in `dir`, as `reliefline start` does. */
async function folderFromTemplate(migrations: readonly Migration[] = listMigrations()) {
  const found = readDataTemplate(join(dir, "template"), migrations);
  if (!("folder" in found)) throw new Error(found.problem);
  const pgdata = join(mkdtempSync(join(dir, "data-")), "pgdata");
  copyDataTemplate(found, pgdata);
  const db = await openPglite({ dataDir: pgdata });
  opened.push(db);
  return { db, pending: found.pending, pgdata };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reliefline-template-"));
  await makeDataTemplate(join(dir, "template"));
  const fromScratch = await freshPglite();
  scratch = await schemaOf(fromScratch);
  await fromScratch.close();
}, 240_000);

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe("a new data folder started from the build's migrated database", () => {
  it("has every migration applied, by checksum, and nothing left to apply", async () => {
    const { db, pending } = await folderFromTemplate();
    expect(pending).toBe(0);
    expect(await migrate(db)).toEqual([]);
    expect(await db.query("select version, checksum from schema_migrations order by version")).toEqual(
      listMigrations().map((m) => ({ version: m.version, checksum: checksumOf(m.sql) })),
    );
  });

  it("has the same schema as a database created from scratch", async () => {
    const { db } = await folderFromTemplate();
    const schema = await schemaOf(db);
    expect(schema.columns.length).toBeGreaterThan(100);
    expect(schema).toEqual(scratch);
  });

  it("is a folder of its own: what it stores stays there and never reaches the template", async () => {
    const { db, pgdata } = await folderFromTemplate();
    await db.exec("create table kept (x text); insert into kept values ('KEEP-1')");
    await db.close();
    const again = await openPglite({ dataDir: pgdata });
    opened.push(again);
    expect(await again.query("select x from kept")).toEqual([{ x: "KEEP-1" }]);
    const next = await folderFromTemplate();
    expect(await next.db.query("select 1 from pg_class where relname = 'kept'")).toEqual([]);
  });

  it("is migrated forward when a migration was added after the template was made", async () => {
    const added: Migration = { version: 999, name: "added_later", sql: "create table added_later (x int)" };
    const migrations = [...listMigrations(), added];
    const { db, pending } = await folderFromTemplate(migrations);
    expect(pending).toBe(1);
    expect(await migrate(db, undefined, migrations)).toEqual(["added_later"]);
    expect(await db.query("select version from schema_migrations where version = 999")).toEqual([{ version: 999 }]);
  });

  it("is not used when a migration it holds was edited since, or its files are incomplete", () => {
    const edited = listMigrations().map((m) => (m.version === 8 ? { ...m, sql: m.sql + "\n-- edited" } : m));
    expect(readDataTemplate(join(dir, "template"), edited)).toEqual({
      problem: "migration 8 (tracking_legs_and_increments) changed since it was made",
    });
    const damaged = join(dir, "damaged");
    cpSync(join(dir, "template"), damaged, { recursive: true });
    const version = join(damaged, TEMPLATE_PGDATA, "PG_VERSION");
    writeFileSync(version, readFileSync(version, "utf8") + "\n");
    expect(readDataTemplate(damaged)).toEqual({ problem: "its files are incomplete" });
    rmSync(join(damaged, TEMPLATE_PGDATA, "global"), { recursive: true });
    expect(readDataTemplate(damaged)).toEqual({ problem: "its files are incomplete" });
    expect(readDataTemplate(join(dir, "none"))).toEqual({ problem: "there is none (`npm run build` makes it)" });
  });
});
