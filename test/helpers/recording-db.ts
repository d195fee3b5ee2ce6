// A Db that records every statement the application sends through it (with the
// parameters of its first use), so a test can look at how each one is planned.
import type { Db, Queryable } from "../../src/store/db.ts";

export interface Recorded {
  text: string;
  params: readonly unknown[];
  /** Whether it ran inside a transaction (it may lean on the transaction's temporary tables). */
  inTransaction: boolean;
}

export function recordingDb(db: Db): Db & { statements(): Recorded[] } {
  const seen = new Map<string, Recorded>();
  const note = (text: string, params: readonly unknown[], inTransaction: boolean) => {
    const key = text.replace(/\s+/g, " ").trim();
    if (!seen.has(key)) seen.set(key, { text, params, inTransaction });
  };
  const wrap = (q: Queryable, inTransaction: boolean): Queryable => ({
    query(text, params = []) {
      note(text, params, inTransaction);
      return q.query(text, params);
    },
    exec(text) {
      note(text, [], inTransaction);
      return q.exec(text);
    },
    copyText(table, columns, rows) {
      note(`copy ${table} (${columns.join(", ")}) from stdin`, [], inTransaction);
      return q.copyText(table, columns, rows);
    },
  });
  return {
    ...db,
    ...wrap(db, false),
    engine: db.engine,
    location: db.location,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({ ...wrap(tx, true), copyCsv: (table, columns, csv) => tx.copyCsv(table, columns, csv) }),
      ),
    copyCsv: (table, columns, csv) => db.copyCsv(table, columns, csv),
    listen: (channel, onMessage, onResume) => db.listen(channel, onMessage, onResume),
    close: () => db.close(),
    statements: () => [...seen.values()],
  };
}
