// A Db whose connection is still opening: every query waits for it. The server can build
// its routes and compile their schemas while the embedded database starts, instead of
// one after the other.
import type { Db, Engine } from "./db.ts";

export function deferredDb(engine: Engine, location: string, opening: Promise<Db>): Db {
  // A failure to open is reported by whoever awaits the opening itself, not by a query.
  opening.catch(() => undefined);
  return {
    engine,
    location,
    query: async (text, params) => (await opening).query(text, params),
    exec: async (text) => (await opening).exec(text),
    transaction: async (fn) => (await opening).transaction(fn),
    copyCsv: async (table, columns, csv) => (await opening).copyCsv(table, columns, csv),
    close: async () => (await opening).close(),
  };
}
