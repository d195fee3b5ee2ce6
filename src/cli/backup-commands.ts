// reliefline backup FILE / reliefline restore FILE (app/backup.ts): a gzipped, consistent
// backup of the whole store, on either engine, restored into an empty store only after
// every chain verifies and every projection replays to the same figures.
//
// An embedded database is owned by its server while it runs, so `backup --server URL`
// asks the running server for it (GET /api/admin/backup, with an administrator's API
// token in RELIEFLINE_TOKEN); on PostgreSQL the CLI reads its own snapshot beside the server.
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { Command, Option } from "commander";
import { AppError } from "../app/errors.ts";
import { restoreBackup, RestoreError, writeBackup } from "../app/backup.ts";
import { openStore, StoreBusyError, type StoreOptions } from "./store.ts";
import { boundedLines, LineTooLongError } from "../io/bounded-lines.ts";

/**
 * A backup holds one row per line; the longest rows (events with their payload, report
 * snapshots) are kilobytes. A line past this is no backup's, e.g. a gzip bomb of one endless line.
 */
export const MAX_BACKUP_LINE_BYTES = 64_000_000;

const say = (line: string) => console.log(line);
const note = (line: string) => console.error(line);

interface BackupOptions extends StoreOptions {
  server?: string;
}

export async function backupCommand(file: string, options: BackupOptions): Promise<void> {
  const partial = `${file}.partial`;
  try {
    if (options.server) await backupFromServer(options.server, partial);
    else await backupFromStore(options, partial);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof StoreBusyError) {
      throw new AppError(
        "conflict",
        `${error.message}\nBack it up through the running server instead: reliefline backup ${file} --server http://127.0.0.1:8080 (with an administrator's API token in RELIEFLINE_TOKEN).`,
      );
    }
    throw error;
  }
  renameSync(partial, file);
}

async function backupFromStore(options: StoreOptions, target: string): Promise<void> {
  const store = await openStore(options, note, { mustExist: true });
  try {
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(target));
    const counts = await writeBackup(
      store.db,
      (line) => new Promise((resolve) => (gzip.write(line) ? resolve() : gzip.once("drain", resolve))),
      new Date(),
    );
    gzip.end();
    await written;
    say(`Backup written: ${target.replace(/\.partial$/, "")} (${describe(counts)}).`);
  } finally {
    await store.release();
  }
}

async function backupFromServer(server: string, target: string): Promise<void> {
  const token = process.env.RELIEFLINE_TOKEN;
  if (!token)
    throw new AppError(
      "unauthenticated",
      "set RELIEFLINE_TOKEN to an administrator's API token (POST /api/auth/tokens) to back up through the server",
    );
  const url = new URL("/api/admin/backup", server);
  note(`Asking the server at ${url.origin} for a backup…`);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body)
    throw new AppError("bad-request", `the server answered ${res.status}: ${await res.text()}`);
  await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), createWriteStream(target));
  say(`Backup written: ${target.replace(/\.partial$/, "")} (from the server at ${url.origin}).`);
}

export async function restoreCommand(file: string, options: StoreOptions & { force?: boolean }): Promise<void> {
  if (!existsSync(file)) throw new AppError("not-found", `there is no file ${file}`);
  const store = await openStore(options, note);
  try {
    const lines = boundedLines(createReadStream(file).pipe(createGunzip()), MAX_BACKUP_LINE_BYTES);
    const summary = await restoreBackup(store.db, lines, { force: options.force ?? false }).catch((error: unknown) => {
      if (error instanceof RestoreError) throw new AppError("invalid", `${error.message} Nothing was restored.`);
      if (error instanceof LineTooLongError)
        throw new AppError(
          "invalid",
          `${file} is not a Reliefline backup: unpacked, its ${error.message} (a backup's lines are rows, far shorter). Nothing was restored.`,
        );
      if (error instanceof Error && /incorrect header check|unexpected end of file/.test(error.message)) {
        throw new AppError(
          "invalid",
          `${file} is not a gzipped Reliefline backup (${error.message}). Nothing was restored.`,
        );
      }
      throw error;
    });
    say(
      `Restored ${file} (taken ${summary.header.createdAt} on ${summary.header.engine}, Reliefline ${summary.header.reliefline}) into ${store.db.location}: ${describe(summary.rows)}.`,
    );
    for (const op of summary.operations)
      say(`  ${op.code}: ${op.events} events, hash chain intact, projections match the events.`);
  } finally {
    await store.release();
  }
}

function describe(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${total} rows in ${Object.keys(counts).length} tables, ${counts.events ?? 0} events`;
}

export function registerBackupCommands(program: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    program
      .command("backup")
      .description(
        "Write a consistent backup of the whole store (gzipped) to FILE; with --server, ask a running server for it",
      )
      .argument("<file>", "where to write the backup")
      .addOption(
        new Option(
          "--server <url>",
          "a running Reliefline server to back up through (its embedded database is busy); needs RELIEFLINE_TOKEN",
        ),
      ),
  ).action(backupCommand);
  storeOptions(
    program
      .command("restore")
      .description(
        "Restore a backup into an empty store; every hash chain and projection is checked before it is committed",
      )
      .argument("<file>", "a backup written by `reliefline backup`")
      .option("--force", "empty a store that holds data first, replacing everything in it"),
  ).action(restoreCommand);
}
