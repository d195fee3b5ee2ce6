// Opening the store the CLI and server work on: a PostgreSQL server when a URL is
// given, otherwise the embedded PGlite database in a data folder. The folder has one
// writer at a time; a second process is told who holds it instead of corrupting it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Db } from "../store/db.ts";
import { AppError } from "../app/errors.ts";
import { openPglite } from "../store/pglite.ts";
import { syncFolder } from "../store/pglite-durable.ts";
import { DEFAULT_MIN_FREE_BYTES, freeBytes, StorageFullError } from "../store/disk-room.ts";
import { openPostgres } from "../store/postgres.ts";
import { migrate } from "../store/migrate.ts";
import { copyDataTemplate, readDataTemplate, type TemplateLookup } from "../store/data-template.ts";
import { citusRole, shardsByNode, tableLayout } from "../store/citus.sql.ts";

export interface StoreOptions {
  data: string;
  databaseUrl?: string;
  /** What chose this store (a flag, the environment, the default): said when it opens. */
  chosenBy?: string;
}

export interface OpenOptions {
  /** Refuse (StoreMissingError) instead of creating an empty embedded database. */
  mustExist?: boolean;
  /**
   * What a new embedded database needs before it is put in place (the first administrator, the
   * demo): run on it in a folder beside `pgdata`, which is renamed into place only once this has
   * finished. A first start stopped part-way leaves no database behind, only that folder, which
   * the next start removes.
   */
  prepareNew?: (db: Db) => Promise<void>;
}

export interface OpenedStore {
  db: Db;
  /** True when an embedded database was created just now. */
  fresh: boolean;
  release(): Promise<void>;
}

export class StoreBusyError extends Error {}
/** The embedded database a command needs is not there: the folder is missing or holds none. */
export class StoreMissingError extends Error {}

export async function openStore(
  options: StoreOptions,
  say: (line: string) => void,
  open: OpenOptions = {},
): Promise<OpenedStore> {
  if (options.databaseUrl) {
    const db = await openPostgres(options.databaseUrl);
    say(`Using PostgreSQL at ${db.location}${by(options)}`);
    try {
      await migrateWithNotes(db, say);
      if ((await citusRole(db)) === "coordinator") {
        const layout = await tableLayout(db);
        const count = (kind: string) => layout.filter((t) => t.kind === kind).length;
        say(
          `A Citus coordinator: ${count("distributed")} tables distributed by operation_id over ${(await shardsByNode(db)).length} nodes, ${count("reference")} reference tables.`,
        );
      }
    } catch (error) {
      await db.close();
      throw error;
    }
    return { db, fresh: false, release: () => db.close() };
  }
  const folder = resolve(options.data);
  const pgdata = join(folder, "pgdata");
  const lock = join(folder, "reliefline.lock");
  if (open.mustExist && !existsSync(join(pgdata, "PG_VERSION"))) {
    throw new StoreMissingError(
      existsSync(folder)
        ? `${folder} holds no Reliefline database (no pgdata/PG_VERSION); give the right --data folder or --database-url. Nothing was created.`
        : `there is no data folder ${folder}; give the right --data folder or --database-url. Nothing was created.`,
    );
  }
  mkdirSync(folder, { recursive: true });
  holdLock(lock, folder);
  const fresh = !existsSync(join(pgdata, "PG_VERSION"));
  // A new folder starts from the build's migrated database when it fits (store/data-template.ts).
  const template = fresh ? readDataTemplate() : null;
  say(
    !fresh
      ? `Opening the embedded database in ${folder}${by(options)}…`
      : template && "folder" in template
        ? `Creating the embedded database in ${folder}${by(options)} from the build's migrated database…`
        : `Creating the embedded database in ${folder}${by(options)} (no migrated database in the build: ${template?.problem}; this takes about 10 seconds)…`,
  );
  try {
    const db = fresh ? await createEmbedded(pgdata, template, say, open.prepareNew) : await openEmbedded(pgdata);
    warnIfNearlyFull(pgdata, say);
    // A new database was migrated where it was made; an existing one is checked and brought up to date.
    if (!fresh) await migrateWithNotes(db, say);
    return {
      db,
      fresh,
      async release() {
        await db.close();
        rmSync(lock, { force: true });
      },
    };
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
}

/**
 * Creates the folder's database beside it (`pgdata.partial-<pid>`): made, migrated and prepared
 * there, closed, then renamed to `pgdata` and opened. What an earlier, interrupted creation left
 * beside it is removed first (this process holds the folder's lock, so nothing else is making one).
 */
async function createEmbedded(
  pgdata: string,
  template: TemplateLookup | null,
  say: (line: string) => void,
  prepare: ((db: Db) => Promise<void>) | undefined,
): Promise<Db> {
  const partial = `${pgdata}${PARTIAL}${process.pid}`;
  const left = leftBeside(pgdata);
  if (left.length > 0) {
    say("An earlier first start in this folder was stopped before it finished; what it left is removed.");
    for (const path of left) rmSync(path, { recursive: true, force: true });
  }
  let db: Db | undefined;
  try {
    db = await openNew(partial, template, say);
    await migrateWithNotes(db, say);
    await prepare?.(db);
    await db.close();
    db = undefined;
    renameSync(partial, pgdata);
    // Closing flushed the new database's files; the rename reaches the disk with its folder.
    await syncFolder(dirname(pgdata));
  } finally {
    await db?.close();
    rmSync(partial, { recursive: true, force: true });
  }
  return openEmbedded(pgdata);
}

const PARTIAL = ".partial-";

/** Folders beside `pgdata` that an interrupted creation (or template copy) left. */
function leftBeside(pgdata: string): string[] {
  const name = basename(pgdata);
  return readdirSync(dirname(pgdata))
    .filter((entry) => entry.startsWith(`${name}${PARTIAL}`))
    .map((entry) => join(dirname(pgdata), entry));
}

/** A new database; from a copy of the template when there is one, else (or should that fail) by initdb. */
async function openNew(pgdata: string, template: TemplateLookup | null, say: (line: string) => void) {
  if (template && "folder" in template) {
    try {
      copyDataTemplate(template, pgdata);
      return await openEmbedded(pgdata);
    } catch (error) {
      say(`The build's migrated database could not be used (${(error as Error).message}); creating one instead…`);
      rmSync(pgdata, { recursive: true, force: true });
    }
  }
  return openEmbedded(pgdata);
}

/**
 * The embedded database in `pgdata`, refusing writes while its disk has less than
 * RELIEFLINE_MIN_FREE_MB free (default 256; 0 never refuses): see store/disk-room.ts.
 */
function openEmbedded(pgdata: string) {
  return openPglite({ dataDir: pgdata, minFreeBytes: reserveBytes() });
}

function reserveBytes(): number {
  const given = process.env.RELIEFLINE_MIN_FREE_MB;
  if (given === undefined || given === "") return DEFAULT_MIN_FREE_BYTES;
  if (!/^\d{1,7}$/.test(given))
    throw new AppError("bad-request", `RELIEFLINE_MIN_FREE_MB must be a whole number of megabytes, not "${given}"`);
  return Number(given) * 1024 * 1024;
}

/** Says so when the disk is already within the reserve: the server starts, and refuses writes. */
function warnIfNearlyFull(pgdata: string, say: (line: string) => void): void {
  const free = freeBytes(pgdata);
  if (free >= reserveBytes()) return;
  say(`Warning: ${new StorageFullError(free, reserveBytes()).message}. Writes are refused until room is made.`);
}

const by = (options: StoreOptions) => (options.chosenBy ? ` (chosen by ${options.chosenBy})` : "");

async function migrateWithNotes(db: Db, say: (line: string) => void) {
  const applied = await migrate(db);
  if (applied.length > 0) say(`Database schema updated: ${applied.join(", ")}.`);
}

function holdLock(lock: string, folder: string) {
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new StoreBusyError(
        `Reliefline process ${pid} is using the embedded database in ${folder}. Stop it first, or use the running server's API; the embedded database has one writer at a time.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  const cleanup = () => rmSync(lock, { force: true });
  process.once("exit", cleanup);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
