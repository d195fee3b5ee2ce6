// One query layer over both engines: PGlite (embedded, a data folder) and a
// PostgreSQL server. Both speak the same SQL; rows come back with the same types
// (bigint as number, numeric as string, timestamptz as Date, jsonb parsed).

export type Row = Record<string, unknown>;

export interface Queryable {
  query<R = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs several statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
}

/** A transaction: queries, and COPY inside it (so a temporary table can be filled in bulk). */
export interface Tx extends Queryable {
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export type Engine = "pglite" | "postgres";

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Where the data lives, for messages: a folder or a server address without password. */
  readonly location: string;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw COPY of CSV text into a table: the bulk baseline the benchmark compares against. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

export const INT8_OID = 20;
export const NUMERIC_OID = 1700;

/** A connection string with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
