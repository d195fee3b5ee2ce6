// A migrated embedded database to start new data folders from. Creating PGlite's database (its
// initdb, in WebAssembly) and applying every migration takes some 6 s on an idle machine and
// 20 s under load; copying the folder of an already migrated one and opening it takes 2–3 s
// (extracting a tarball of it with PGlite's `loadDataDir` took twice as long as copying).
// `npm run build` makes it (`makeDataTemplate`: dist/pgdata-template/pgdata and template.json,
// the PGlite version, every migration it holds by checksum, and a digest of its files' sizes).
// A new data folder starts from it only when the PGlite version is the one installed and every
// migration it holds is a current file with the same checksum; a template made before a
// migration was added is still used, and the normal migration run that follows applies the rest
// (schema_migrations decides, as on any start). Anything else — no template, an incomplete one,
// another PGlite, an edited or removed migration — is passed over, and the folder is created as
// before.
import { createHash } from "node:crypto";
import {
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPglite } from "./pglite.ts";
import { checksumOf, listMigrations, migrate, type Migration } from "./migrate.ts";

/** dist/pgdata-template beside the build (the same from src/store and from the bundle in dist/cli). */
export const TEMPLATE_DIR = join(resolve(fileURLToPath(new URL("../..", import.meta.url))), "dist", "pgdata-template");
/** The database folder inside the template, and the record beside it. */
export const TEMPLATE_PGDATA = "pgdata";
export const TEMPLATE_RECORD = "template.json";

export interface TemplateMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface TemplateRecord {
  pglite: string;
  migrations: TemplateMigration[];
  /** SHA-256 of the folder's file names and sizes, so an incomplete or altered copy is never used. */
  files: string;
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
  if (!r || !Array.isArray(r.migrations) || typeof r.files !== "string") return "its record is missing or unreadable";
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

export type TemplateLookup = { folder: string; pending: number } | { problem: string };

/** The template folder to start a new folder from, with how many migrations will still be applied, or why there is none. */
export function readDataTemplate(
  dir = TEMPLATE_DIR,
  migrations: readonly Migration[] = listMigrations(),
): TemplateLookup {
  let record: TemplateRecord;
  try {
    record = JSON.parse(readFileSync(join(dir, TEMPLATE_RECORD), "utf8")) as TemplateRecord;
  } catch {
    return { problem: "there is none (`npm run build` makes it)" };
  }
  const problem = templateProblem(record, migrations, pgliteVersion());
  if (problem) return { problem };
  const folder = join(dir, TEMPLATE_PGDATA);
  if (!existsSync(folder) || filesDigest(folder) !== record.files) return { problem: "its files are incomplete" };
  const held = new Set(record.migrations.map((m) => m.version));
  return { folder, pending: migrations.filter((m) => !held.has(m.version)).length };
}

/**
 * Copies the template's database into `pgdata` (which must not exist): beside it first, then renamed, so an
 * interrupted copy never looks like a database. Copy-on-write where the file system offers it.
 */
export function copyDataTemplate(template: { folder: string }, pgdata: string): void {
  const partial = `${pgdata}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    cpSync(template.folder, partial, { recursive: true, mode: constants.COPYFILE_FICLONE });
    renameSync(partial, pgdata);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Creates a database in a folder, applies `migrations`, and moves it with its record into `dir` (replacing them). */
export async function makeDataTemplate(
  dir = TEMPLATE_DIR,
  migrations: Migration[] = listMigrations(),
): Promise<TemplateRecord> {
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    const db = await openPglite({ dataDir: join(building, TEMPLATE_PGDATA) });
    let applied: TemplateMigration[];
    try {
      await migrate(db, undefined, migrations);
      applied = (
        await db.query<TemplateMigration>("select version, name, checksum from schema_migrations order by version")
      ).map((m) => ({ version: Number(m.version), name: m.name, checksum: m.checksum }));
    } finally {
      await db.close();
    }
    const record: TemplateRecord = {
      pglite: pgliteVersion(),
      migrations: applied,
      files: filesDigest(join(building, TEMPLATE_PGDATA)),
      builtAt: Date.now(),
    };
    writeFileSync(join(building, TEMPLATE_RECORD), JSON.stringify(record, null, 2) + "\n");
    // Moved into place whole: a start reading the template meanwhile sees the old one, or none.
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
    return record;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** SHA-256 of every file's path and size under `folder`, in a stable order. */
function filesDigest(folder: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}\t${statSync(path).size}\n`);
    }
  };
  walk(folder, "");
  return hash.digest("hex");
}
