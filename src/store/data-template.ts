// A migrated embedded database to start new data folders from. Creating PGlite's database (its
// initdb, in WebAssembly) and applying every migration takes some 6 s on this machine;
// extracting a tarball of an already migrated one takes about 2 s. `npm run build` writes the
// tarball (`makeDataTemplate`) with a record of the PGlite version and of every migration it
// holds, by checksum. A new data folder starts from it only when the PGlite version is the one
// installed and every migration it holds is a current file with the same checksum; a template
// made before a migration was added is still used, and the normal migration run that follows
// applies the rest (schema_migrations decides, as on any start). Anything else — no template, an
// unreadable one, another PGlite, an edited or removed migration — is passed over, and the folder
// is created as before.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPglite } from "./pglite.ts";
import { checksumOf, listMigrations, migrate, type Migration } from "./migrate.ts";

/** dist/pgdata-template beside the build (the same from src/store and from the bundle in dist/cli). */
export const TEMPLATE_DIR = join(resolve(fileURLToPath(new URL("../..", import.meta.url))), "dist", "pgdata-template");
export const TEMPLATE_TARBALL = "pgdata.tar.gz";
export const TEMPLATE_RECORD = "template.json";

export interface TemplateMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface TemplateRecord {
  pglite: string;
  migrations: TemplateMigration[];
  /** SHA-256 of the tarball, so a truncated or replaced file is never loaded. */
  sha256: string;
  builtAt: number;
}

/** The installed PGlite's version (its data folders are what the template must match). */
export function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve("@electric-sql/pglite"));
  let dir = dirname(entry);
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Null when a template with this record may start a new folder; otherwise why not. */
export function templateProblem(record: unknown, migrations: readonly Migration[], pglite: string): string | null {
  const r = record as Partial<TemplateRecord> | null;
  if (!r || !Array.isArray(r.migrations) || typeof r.sha256 !== "string") return "its record is missing or unreadable";
  if (r.pglite !== pglite) return `it was made with PGlite ${String(r.pglite)}, and ${pglite} is installed`;
  const files = new Map(migrations.map((m) => [m.version, m]));
  for (const held of r.migrations) {
    const file = files.get(held.version);
    if (!file || file.name !== held.name)
      return `it holds migration ${held.version} (${held.name}), which is not a file now`;
    if (checksumOf(file.sql) !== held.checksum)
      return `migration ${held.version} (${held.name}) changed since it was made`;
  }
  return null;
}

export type TemplateLookup = { tarball: Blob; pending: number } | { problem: string };

/** The template to start a new folder from, with how many migrations will still be applied, or why there is none. */
export function readDataTemplate(
  dir = TEMPLATE_DIR,
  migrations: readonly Migration[] = listMigrations(),
): TemplateLookup {
  let record: TemplateRecord;
  let bytes: Buffer;
  try {
    record = JSON.parse(readFileSync(join(dir, TEMPLATE_RECORD), "utf8")) as TemplateRecord;
    bytes = readFileSync(join(dir, TEMPLATE_TARBALL));
  } catch {
    return { problem: "there is none (`npm run build` makes it)" };
  }
  const problem = templateProblem(record, migrations, pgliteVersion());
  if (problem) return { problem };
  if (createHash("sha256").update(bytes).digest("hex") !== record.sha256) return { problem: "its tarball is damaged" };
  const held = new Set(record.migrations.map((m) => m.version));
  return { tarball: new Blob([bytes]), pending: migrations.filter((m) => !held.has(m.version)).length };
}

/** Creates a database in memory, applies `migrations`, and writes its tarball and record into `dir` (replacing them). */
export async function makeDataTemplate(
  dir = TEMPLATE_DIR,
  migrations: Migration[] = listMigrations(),
): Promise<TemplateRecord> {
  const db = await openPglite();
  let tarball: Buffer;
  let applied: TemplateMigration[];
  try {
    await migrate(db, undefined, migrations);
    applied = (
      await db.query<TemplateMigration>("select version, name, checksum from schema_migrations order by version")
    ).map((m) => ({ version: Number(m.version), name: m.name, checksum: m.checksum }));
    tarball = Buffer.from(await (await db.dump("gzip")).arrayBuffer());
  } finally {
    await db.close();
  }
  const record: TemplateRecord = {
    pglite: pgliteVersion(),
    migrations: applied,
    sha256: createHash("sha256").update(tarball).digest("hex"),
    builtAt: Date.now(),
  };
  // Written beside, then moved into place: a start reading the folder meanwhile sees the old pair or none.
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${process.pid}`);
  writeFileSync(`${temporary}.tar.gz`, tarball);
  writeFileSync(`${temporary}.json`, JSON.stringify(record, null, 2) + "\n");
  rmSync(join(dir, TEMPLATE_RECORD), { force: true });
  renameSync(`${temporary}.tar.gz`, join(dir, TEMPLATE_TARBALL));
  renameSync(`${temporary}.json`, join(dir, TEMPLATE_RECORD));
  return record;
}
