// Room left on the disk holding the embedded database. PGlite (PostgreSQL compiled to
// WebAssembly) does not fail cleanly when its disk fills: measured with PGlite 0.5.17 on a full
// tmpfs, the write that hit the full disk never returned. The process spun in the WAL flush of
// its COMMIT, answering nothing (not even /api/health), and stayed so after room was made.
// So the embedded store refuses a write while the disk has less than a margin free, with
// PostgreSQL's own code for a full disk (SQLSTATE 53100), which a PostgreSQL server reports
// for its disk too. Reads go on.
import { statfsSync } from "node:fs";

/** The margin: several of the largest batches (10,000 events write about 20 MB with their WAL). */
export const DEFAULT_MIN_FREE_BYTES = 256 * 1024 * 1024;

/** A write refused (or failed) because the database's disk is full or nearly so. */
export class StorageFullError extends Error {
  /** PostgreSQL's SQLSTATE for disk_full. */
  readonly code = "53100";

  constructor(
    readonly freeBytes: number,
    readonly minFreeBytes: number,
  ) {
    super(
      `the disk holding the database has ${mb(freeBytes)} MB free, less than the ${mb(minFreeBytes)} MB kept in reserve`,
    );
    this.name = "StorageFullError";
  }
}

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024)).toLocaleString("en");

/** Bytes an unprivileged process may still write on the file system holding `path`. */
export function freeBytes(path: string): number {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
}

/**
 * A check to run before each write: throws StorageFullError while the disk holding `path` has
 * less than `minFreeBytes` free. It reads the disk at most once every `everyMs`.
 */
export function roomCheck(path: string, minFreeBytes: number, everyMs = 500): () => void {
  let readAt = -Infinity;
  let free = Infinity;
  return () => {
    const now = performance.now();
    if (now - readAt >= everyMs) {
      free = freeBytes(path);
      readAt = now;
    }
    if (free < minFreeBytes) throw new StorageFullError(free, minFreeBytes);
  };
}

/** Whether an error says the database's disk is full: this guard's, or PostgreSQL's own (53100). */
export function storageFull(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "53100";
}
