// One query layer over both engines: PGlite (embedded, a data folder) and a
// PostgreSQL server. Both speak the same SQL; rows come back with the same types
// (bigint as number, numeric as string, timestamptz as Date, jsonb parsed).

export type Row = Record<string, unknown>;

export interface Queryable {
  query<R = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs several statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
  /**
   * Bulk-loads rows given in COPY's text format (tab-separated, `\N` for null, escaped by
   * `copyField`) into a table: the fastest write both engines offer. In a transaction it
   * is part of the transaction.
   */
  copyText(table: string, columns: readonly string[], rows: string): Promise<void>;
}

/** A transaction: queries, and COPY inside it (so a temporary table can be filled in bulk). */
export interface Tx extends Queryable {
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * Where the engine offers it (PostgreSQL): sends `pg_notify(channel, payload)` with the COMMIT, in
   * one round trip, so the notification goes out when the transaction commits. Otherwise absent:
   * callers notify with a statement of their own.
   */
  notifyAtCommit?(channel: string, payload: string): void;
  /**
   * Where the engine offers it (PostgreSQL): runs `text` just before the COMMIT, sent with it in one
   * round trip, its parameters (text or null: cast them in the text) written in as literals quoted by
   * the driver. For a transaction's last write, whose result nobody reads: if it fails, the commit
   * fails. Otherwise absent: callers run the statement themselves.
   */
  atCommit?(text: string, params: readonly (string | null)[]): void;
}

export type Engine = "pglite" | "postgres";

/**
 * A statement a transaction opens with (`Db.transaction`'s `opening`): its parameters are text
 * values only, since PostgreSQL sends it with BEGIN as one simple query, the values written in as
 * literals quoted by the driver (the simple-query protocol carries no parameters).
 */
export interface Opening {
  text: string;
  params: readonly string[];
}

/** What moves when data changes (./changes.ts); read caches key on it. */
export interface ChangeCounters {
  readonly live: boolean;
  version(group: "data" | "access" | "names"): number;
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Where the data lives, for messages: a folder or a server address without password. */
  readonly location: string;
  /**
   * Runs `fn` in a transaction. With `opening`, the transaction's first statement, whose rows
   * `fn` receives as `opened`: PostgreSQL sends it with BEGIN in one round trip; PGlite runs it
   * first in the transaction. A wrapper that does not pass `opening` on calls `fn` without
   * `opened`, and `fn` then runs the statement itself.
   */
  transaction<T>(fn: (tx: Tx, opened?: Row[]) => Promise<T>, opening?: Opening): Promise<T>;
  /** Raw COPY of CSV text into a table: the bulk baseline the benchmark compares against. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * Hears `channel`'s notifications (NOTIFY, pg_notify) sent by every process using this
   * database: on PostgreSQL a connection of its own that LISTENs and reconnects when it
   * drops; PGlite delivers its own notifications in-process. `onResume` runs whenever
   * listening resumes after a gap, when notifications may have been missed. Resolves once
   * listening, with the function that stops it.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  /** Counters that move on every committed write, by this process or (once listening) another. */
  readonly changes: ChangeCounters;
  /** Start hearing other processes' writes (a server does; one-shot commands need not). */
  listenForChanges(): Promise<void>;
  close(): Promise<void>;
}

/** One field of a COPY text-format row: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A COPY text-format row (without its line end). */
export const copyRow = (fields: readonly (string | number | null)[]): string => fields.map(copyField).join("\t");

/**
 * Marks a statement the PostgreSQL engine prepares once per connection (a named statement),
 * so the server parses it once and, once its generic plan costs no more than a custom one,
 * stops planning it. Only for statements whose plan cannot depend on their parameters'
 * values: index lookups by key and writes from arrays. A statement whose best plan depends
 * on a value (a time range, `$n is null or …`) must stay unmarked: a generic plan for such a
 * statement made an append cost twice the CPU once the ledger held 50,000 events. PGlite
 * ignores the mark. Returns the text unchanged.
 */
export function prepared(text: string): string {
  if (!PREPARED.has(text)) PREPARED.set(text, `reliefline_${PREPARED.size + 1}`);
  return text;
}

const PREPARED = new Map<string, string>();

/** The name under which a statement marked by `prepared` is prepared, if it is. */
export const preparedName = (text: string): string | undefined => PREPARED.get(text);

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
