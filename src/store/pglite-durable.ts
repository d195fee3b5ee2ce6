// Making the embedded database's commits reach the disk before they are acknowledged.
//
// PGlite runs PostgreSQL with fsync off, and its file system has no fsync of its own
// (pglite 0.5.17; electric-sql/pglite#1107): a commit's WAL is written into the data folder's
// files, but only as far as the operating system's page cache. A crash of the process keeps
// those pages (the kernel writes them later); a power cut or a kernel crash loses what the
// kernel had not yet written, up to half a minute of answered writes, and can leave the
// database unable to start.
//
// So, after each committed write and before it is answered, the WAL segments written since the
// last flush are flushed to the disk (fdatasync), as PostgreSQL itself does at commit with
// fsync on. Recovery after a power cut replays that WAL from the last checkpoint; a checkpoint
// (PostgreSQL writes one when the WAL outgrows max_wal_size, and at close) rewrites pg_control
// and data files, so when pg_control has changed every file of the folder is flushed too.
// What is left is a window of milliseconds between a checkpoint and its flush, in which a
// power cut could still find pg_control on the disk ahead of the data files it names.
//
// Flushes run on libuv's threads, off the event loop; commits that land while one runs share
// the next (group commit).
import { open, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

export interface Flusher {
  /** Resolves once the WAL up to `lsn` (and a checkpoint's files, if one was written) is on the disk. */
  flush(lsn: string): Promise<void>;
}

/** fdatasync of one file (or fsync of a folder), opened for the purpose. */
async function syncPath(path: string, folder = false): Promise<void> {
  const handle = await open(path, "r");
  try {
    await (folder ? handle.sync() : handle.datasync());
  } finally {
    await handle.close();
  }
}

/** A folder's entries flushed: after a file in it was created, renamed or removed. */
export const syncFolder = (path: string): Promise<void> => syncPath(path, true);

/**
 * Every file and folder under `root` flushed: after a checkpoint, or a folder made to be a
 * database. One flush per file, as PostgreSQL does at a checkpoint (a data folder holds over a
 * thousand: some 100 ms, 16 at a time), not `sync -f`: syncfs flushes the whole file system,
 * so it waits for whatever any other program has written (1.6–1.9 s on this machine while
 * another process wrote a large file, against 30 ms idle), and a commit would wait with it.
 */
export async function syncTree(root: string, syncOne = syncPath): Promise<void> {
  const paths = await treePaths(root);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const [path, folder] = paths[next++]!;
      await syncOne(path, folder);
    }
  };
  await Promise.all(Array.from({ length: SYNC_AT_ONCE }, worker));
}

const SYNC_AT_ONCE = 16;

/** Every file and folder under `root` (itself included); `true` marks a folder. */
async function treePaths(root: string): Promise<[string, boolean][]> {
  const paths: [string, boolean][] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) paths.push([path, false]);
    }
    paths.push([dir, true]);
  };
  await walk(root);
  return paths;
}

/** The byte position of a WAL location written as PostgreSQL writes it ("0/1A2B3C8"). */
export function lsnBytes(lsn: string): number {
  const [high, low] = lsn.split("/");
  return parseInt(high!, 16) * 0x1_0000_0000 + parseInt(low!, 16);
}

/** The file name of WAL segment number `segno` on timeline `tli` (8 hex digits each: timeline, log id, segment). */
export function segmentName(tli: string, segno: number, segmentBytes: number): string {
  const perLogId = 0x1_0000_0000 / segmentBytes;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, "0");
  return `${tli}${hex(Math.floor(segno / perLogId))}${hex(segno % perLogId)}`;
}

/**
 * A flusher for the database in `pgdata`, whose WAL is being written at `lsn` when it is made.
 * Its `flush(lsn)` takes a location at or after the commit to make durable.
 */
export async function walFlusher(pgdata: string, lsn: string): Promise<Flusher> {
  const wal = join(pgdata, "pg_wal");
  const control = join(pgdata, "global", "pg_control");
  const segments = (await readdir(wal)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
  if (segments.length === 0) throw new Error(`${wal} holds no WAL segment`);
  const tli = segments[0]!.slice(0, 8);
  const segmentBytes = (await stat(join(wal, segments[0]!))).size;
  let flushed = Math.floor(lsnBytes(lsn) / segmentBytes);
  // pg_control changes at a checkpoint; its bytes, not its time (one clock tick may hold two writes), tell.
  let controlBytes = await readFile(control);
  let wanted = flushed;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  async function once(): Promise<void> {
    const upTo = wanted;
    // From the segment flushed last (it may have been written further since) to the one written now.
    for (let segno = flushed; segno <= upTo; segno++) await syncPath(join(wal, segmentName(tli, segno, segmentBytes)));
    // A segment begun since: its name in the folder must reach the disk too.
    if (upTo > flushed) await syncFolder(wal);
    flushed = upTo;
    const written = await readFile(control);
    if (!written.equals(controlBytes)) {
      await syncTree(pgdata);
      controlBytes = written;
    }
  }

  const start = (): Promise<void> => (running = once().finally(() => (running = null)));

  return {
    flush(at: string) {
      wanted = Math.max(wanted, Math.floor(lsnBytes(at) / segmentBytes));
      if (!running) return start();
      // Commits that land while a flush runs share the next one.
      next ??= running
        .catch(() => undefined)
        .then(() => {
          next = null;
          return start();
        });
      return next;
    },
  };
}
