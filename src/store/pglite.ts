import { PGlite } from "@electric-sql/pglite";
import type { Db, Queryable, Row } from "./db.ts";
import { INT8_OID, NUMERIC_OID } from "./db.ts";
import { ChangeFeed, trackWrites, trackedTransaction } from "./changes.ts";

const parsers = { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => v };

function wrap(q: { query: PGlite["query"]; exec: PGlite["exec"] }): Queryable {
  return {
    async query<R = Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<R>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
    async copyText(table, columns, rows) {
      if (rows.length === 0) return;
      await q.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
    },
  };
}

export interface PgliteOptions {
  /** Folder holding the database; `undefined` keeps it in memory. */
  dataDir?: string;
  /** A tarball from `dumpDataDir` to start from (tests load a migrated snapshot). */
  loadDataDir?: Blob;
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
  const top = trackWrites(wrap(pg), (w) => changes.changed([w]));
  return {
    engine: "pglite",
    location: options.dataDir ?? "memory",
    ...top,
    transaction: (fn, opening) =>
      trackedTransaction(
        changes,
        (run) =>
          pg.transaction(async (tx) =>
            run(
              {
                ...wrap(tx),
                copyCsv: async (table, columns, csv) => {
                  await tx.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
                    blob: new Blob([csv]),
                  });
                },
              },
              opening && (await tx.query<Row>(opening.text, [...opening.params])).rows,
            ),
          ),
        fn,
        opening,
      ),
    changes,
    listenForChanges: async () => undefined,
    async copyCsv(table, columns, csv) {
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
