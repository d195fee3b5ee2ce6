import { PGlite } from "@electric-sql/pglite";
import type { Db, Queryable, Row } from "./db.ts";
import { INT8_OID, NUMERIC_OID } from "./db.ts";
import { ChangeFeed, trackWrites, trackedTransaction, writesOf } from "./changes.ts";
import { DEFAULT_MIN_FREE_BYTES, roomCheck } from "./disk-room.ts";

const parsers = { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => v };

/** Whether a statement may write (a read, BEGIN, COMMIT and the like do not). */
const mayWrite = (text: string) => writesOf(text).some((w) => w !== "nothing");

function wrap(q: { query: PGlite["query"]; exec: PGlite["exec"] }, room: () => void): Queryable {
  return {
    async query<R = Row>(text: string, params: readonly unknown[] = []) {
      if (mayWrite(text)) room();
      const result = await q.query<R>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      room();
      await q.exec(text);
    },
    async copyText(table, columns, rows) {
      if (rows.length === 0) return;
      room();
      await q.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
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
  const top = trackWrites(wrap(pg, room), (w) => changes.changed([w]));
  return {
    engine: "pglite",
    location: options.dataDir ?? "memory",
    ...top,
    transaction: (fn, opening) =>
      trackedTransaction(
        changes,
        (run) =>
          pg.transaction(async (tx) => {
            const q = wrap(tx, room);
            return run(
              {
                ...q,
                copyCsv: async (table, columns, csv) => {
                  room();
                  await tx.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
                    blob: new Blob([csv]),
                  });
                },
              },
              opening && (await q.query<Row>(opening.text, opening.params)),
            );
          }),
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
      changes.changed([{ table }]);
    },
    async listen(channel, onMessage) {
      const stop = await pg.listen(channel, onMessage);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    close: () => pg.close(),
    dump: async (compression = "none") => (await pg.dumpDataDir(compression)) as Blob,
  };
}
