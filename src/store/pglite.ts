import { PGlite } from "@electric-sql/pglite";
import type { Db, Queryable, Row } from "./db.ts";
import { INT8_OID, NUMERIC_OID } from "./db.ts";
import { ChangeFeed, trackWrites, trackedTransaction, writesOf } from "./changes.ts";
import { DEFAULT_MIN_FREE_BYTES, roomCheck } from "./disk-room.ts";
import { syncTree, walFlusher } from "./pglite-durable.ts";

const parsers = { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => v };

/** Whether a statement may write (a read, BEGIN, COMMIT and the like do not). */
const mayWrite = (text: string) => writesOf(text).some((w) => w !== "nothing");

/**
 * Statements on PGlite (the database or one transaction): `room` runs before anything that may
 * write, `wrote` after it (outside a transaction: its commit, made durable before it returns).
 */
function wrap(
  q: { query: PGlite["query"]; exec: PGlite["exec"] },
  room: () => void,
  wrote: () => Promise<void> | void,
): Queryable {
  return {
    async query<R = Row>(text: string, params: readonly unknown[] = []) {
      if (!mayWrite(text)) return (await q.query<R>(text, params as unknown[])).rows;
      room();
      const result = await q.query<R>(text, params as unknown[]);
      await wrote();
      return result.rows;
    },
    async exec(text: string) {
      room();
      await q.exec(text);
      await wrote();
    },
    async copyText(table, columns, rows) {
      if (rows.length === 0) return;
      room();
      await q.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
      await wrote();
    },
  };
}

export interface PgliteOptions {
  /** Folder holding the database; `undefined` keeps it in memory. */
  dataDir?: string;
  /** A tarball from `dumpDataDir` to start from (tests load a migrated snapshot). */
  loadDataDir?: Blob;
  /** Writes are refused while the disk holding `dataDir` has less free (./disk-room.ts); 0 never refuses. */
  minFreeBytes?: number;
  /** With `dataDir`: answer a commit only once it is on the disk (the default; see ./pglite-durable.ts). */
  durable?: boolean;
  /** How the commits are flushed (tests watch the real one through this). */
  flusher?: typeof walFlusher;
}

/** Where PostgreSQL has written its WAL to: at or after every commit made so far. */
async function walLocation(pg: PGlite): Promise<string> {
  return (await pg.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn")).rows[0]!.lsn;
}

/** Opens (or creates) an embedded database. PGlite is one connection: it serialises all queries. */
export async function openPglite(
  options: PgliteOptions = {},
): Promise<Db & { dump(compression?: "none" | "gzip"): Promise<Blob> }> {
  const pg = await PGlite.create({
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(options.loadDataDir !== undefined && { loadDataDir: options.loadDataDir }),
    parsers,
  });
  // One writer per data folder: every write is this process's, seen as it commits.
  const changes = new ChangeFeed(true);
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  const room = options.dataDir !== undefined && minFree > 0 ? roomCheck(options.dataDir, minFree) : () => undefined;
  // A commit is answered only once it is on the disk (./pglite-durable.ts); in memory there is no disk.
  const flusher =
    options.dataDir !== undefined && options.durable !== false
      ? await (options.flusher ?? walFlusher)(options.dataDir, await walLocation(pg))
      : null;
  // Opening may have replayed the WAL of a process that died and written a checkpoint.
  if (flusher && options.dataDir !== undefined) await syncTree(options.dataDir);
  const durable = async () => {
    if (flusher) await flusher.flush(await walLocation(pg));
  };
  const top = trackWrites(wrap(pg, room, durable), (w) => changes.changed([w]));
  return {
    engine: "pglite",
    location: options.dataDir ?? "memory",
    ...top,
    transaction: (fn, opening) =>
      trackedTransaction(
        changes,
        async (run) => {
          let wrote = false;
          const mark = () => void (wrote = true);
          const result = await pg.transaction(async (tx) => {
            const q = wrap(tx, room, mark);
            return run(
              {
                ...q,
                copyCsv: async (table, columns, csv) => {
                  room();
                  mark();
                  await tx.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
                    blob: new Blob([csv]),
                  });
                },
              },
              opening && (await q.query<Row>(opening.text, opening.params)),
            );
          });
          if (wrote) await durable();
          return result;
        },
        fn,
        opening,
      ),
    changes,
    listenForChanges: async () => undefined,
    async copyCsv(table, columns, csv) {
      room();
      await pg.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
      await durable();
      changes.changed([{ table }]);
    },
    async listen(channel, onMessage) {
      const stop = await pg.listen(channel, onMessage);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    async close() {
      await pg.close();
      // Closing wrote a checkpoint: the folder is whole on the disk, ready to be copied or renamed.
      if (flusher && options.dataDir !== undefined) await syncTree(options.dataDir);
    },
    dump: async (compression = "none") => (await pg.dumpDataDir(compression)) as Blob,
  };
}
