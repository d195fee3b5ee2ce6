// Knowing when something cached may be stale. Two counters move on every committed
// write: `data` on any write, `access` on writes to the tables that decide who is signed
// in and what they may do. A cache keeps the counter it saw before computing and serves
// its entry only while the counter has not moved.
//
// Writes through this process's Db move the counters as soon as they commit (the query
// layer reads the table from each writing statement; a statement it cannot read moves
// both). Writes by other processes reach us as notifications (migration 013: every
// table notifies `reliefline_changes` with its name). While those are not heard (not yet
// listening, or the connection dropped) `live` is false and caches must not serve.
import type { Opening, Queryable, Row, Tx } from "./db.ts";

export const CHANGES_CHANNEL = "reliefline_changes";
export const CHANGE_TRIGGER = "reliefline_changed";
const TRIGGER = CHANGE_TRIGGER;

/**
 * Tables that decide who is signed in, what they may do, and the operations they do it in
 * (an append moves its operation's chain head in ledger_heads, migration 015: not such a change).
 */
export const ACCESS_TABLES: ReadonlySet<string> = new Set([
  "users",
  "sessions",
  "api_tokens",
  "memberships",
  "organisations",
  "operations",
]);

/**
 * Tables whose writes are bookkeeping no kept read depends on: a phone's last contact
 * (device_credentials, noted on every request of the field app; migration 018 dropped its
 * trigger) and the chain head (ledger_heads, locked by an UPDATE on every append, duplicates
 * included; it moves for real only with an insert into events; migration 019). Writes to them
 * move no counter, and they get no change trigger. A cached read that came to depend on one
 * of them would have to take it out of this list.
 */
export const UNCOUNTED_TABLES: ReadonlySet<string> = new Set(["device_credentials", "ledger_heads"]);

/**
 * Tables whose writes can change how findings are explained: the names of places, items and
 * consignments, and the operation's time zone. An append remembers the names between groups
 * while none of them changed (app/record-events.ts).
 */
export const NAME_TABLES: ReadonlySet<string> = new Set(["locations", "items", "consignments", "operations"]);

export type ChangeGroup = "data" | "access" | "names";

/** What a statement writes: the table, nothing, or (a CTE, DDL) we cannot tell. */
export type Written = { table: string } | "nothing" | "unknown";

const READS = /^\s*(select|begin|commit|rollback|set|show|listen|unlisten|savepoint|release|explain)\b/i;
const WRITES =
  /^\s*(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
/** A WITH query writes only through a data-modifying part: the tables those parts name (an update may alias its table). */
const CTE = /^\s*with\b/i;
const NAME = '"?([A-Za-z_][A-Za-z0-9_]*)"?';
const DML = new RegExp(
  `\\b(?:insert\\s+into|delete\\s+from)\\s+(?:only\\s+)?${NAME}|\\bupdate\\s+(?:only\\s+)?${NAME}(?:\\s+(?:as\\s+)?"?[A-Za-z_][A-Za-z0-9_]*"?)?\\s+set\\b`,
  "gi",
);
const MERGE = /\b(merge|truncate)\b/i;
const MAYBE_DML = /\b(insert|update|delete|truncate|merge)\b/i;

export function writtenBy(sql: string): Written {
  const written = writesOf(sql);
  return written.length === 1 ? written[0]! : "unknown";
}

/**
 * Every table a statement writes: one for a plain write, each data-modifying part's table for
 * a WITH query (an append writes its events, moves, balances, unit states and head in one).
 * Remembered per statement text (the regular expressions cost more than the lookup on texts
 * of a few kilobytes, read on every statement an append sends).
 */
export function writesOf(sql: string): readonly Written[] {
  const known = READ_BEFORE.get(sql);
  if (known) return known;
  const written = Object.freeze(readWrites(sql));
  // Statement texts are few (their values are parameters); a text built with values in it is not kept for long.
  if (READ_BEFORE.size >= 2000) READ_BEFORE.clear();
  READ_BEFORE.set(sql, written);
  return written;
}

const READ_BEFORE = new Map<string, readonly Written[]>();

function readWrites(sql: string): Written[] {
  if (READS.test(sql)) return ["nothing"];
  const table = WRITES.exec(sql)?.[1];
  if (table) return [{ table: table.toLowerCase() }];
  if (!CTE.test(sql)) return ["unknown"];
  const targets = new Set([...sql.matchAll(DML)].map((m) => (m[1] ?? m[2])!.toLowerCase()));
  if (targets.size > 0 && !MERGE.test(sql)) return [...targets].map((t) => ({ table: t }));
  // No data-modifying part: a read, unless a write we cannot name hides in it (then both counters move).
  if (targets.size === 0)
    return MAYBE_DML.test(sql.replace(/\bfor\s+(?:no\s+key\s+)?update\b/gi, "")) ? ["unknown"] : ["nothing"];
  return ["unknown"];
}

export class ChangeFeed {
  private readonly versions: Record<ChangeGroup, number> = { data: 0, access: 0, names: 0 };
  private hearing: boolean;

  /** `hearsEverything`: no other process can write (the embedded database has one writer). */
  constructor(hearsEverything: boolean) {
    this.hearing = hearsEverything;
  }

  /** Whether every change, ours and other processes', moves the counters: only then may caches serve. */
  get live(): boolean {
    return this.hearing;
  }

  version(group: ChangeGroup): number {
    return this.versions[group];
  }

  /** Committed writes to these tables (by this process or, heard, by another). */
  changed(written: Iterable<Written>): void {
    let data = false;
    let access = false;
    let names = false;
    for (const w of written) {
      if (w === "nothing" || (w !== "unknown" && UNCOUNTED_TABLES.has(w.table))) continue;
      data = true;
      if (w === "unknown" || ACCESS_TABLES.has(w.table)) access = true;
      if (w === "unknown" || NAME_TABLES.has(w.table)) names = true;
    }
    if (data) this.versions.data += 1;
    if (access) this.versions.access += 1;
    if (names) this.versions.names += 1;
  }

  /** Notifications are (or are no longer) heard; either way, what was cached may have missed some. */
  setHearing(hearing: boolean): void {
    this.hearing = hearing;
    this.changed(["unknown"]);
  }
}

/** `q`, telling `wrote` what each statement wrote once it succeeded (a transaction reports its log after committing). */
export function trackWrites<Q extends Queryable>(q: Q, wrote: (w: Written) => void): Q {
  const tracked: Q = {
    ...q,
    async query(text: string, params?: readonly unknown[]) {
      const rows = await q.query(text, params);
      for (const w of writesOf(text)) wrote(w);
      return rows as never;
    },
    async exec(text: string) {
      await q.exec(text);
      wrote("unknown");
    },
    async copyText(table: string, columns: readonly string[], rows: string) {
      await q.copyText(table, columns, rows);
      wrote({ table });
    },
  };
  // A statement run with the COMMIT is reported when it is handed over: it writes when the transaction commits.
  const atCommit = (q as Partial<Tx>).atCommit;
  if (atCommit) {
    (tracked as unknown as Tx).atCommit = (text, params) => {
      atCommit.call(q, text, params);
      for (const w of writesOf(text)) wrote(w);
    };
  }
  const copyCsv = (q as Partial<Tx>).copyCsv;
  if (copyCsv) {
    (tracked as unknown as Tx).copyCsv = async (table, columns, csv) => {
      await copyCsv.call(q, table, columns, csv);
      wrote({ table });
    };
  }
  return tracked;
}

/**
 * Runs `fn` in a transaction of `begin`, reporting what it wrote (its `opening` statement
 * included) to `feed` once it committed.
 */
export async function trackedTransaction<T>(
  feed: ChangeFeed,
  begin: (run: (tx: Tx, opened?: Row[]) => Promise<T>) => Promise<T>,
  fn: (tx: Tx, opened?: Row[]) => Promise<T>,
  opening?: Opening,
): Promise<T> {
  const written: Written[] = [...(opening ? writesOf(opening.text) : [])].filter((w) => w !== "nothing");
  const result = await begin((tx, opened) =>
    fn(
      trackWrites(tx, (w) => void (w !== "nothing" && written.push(w))),
      opened,
    ),
  );
  feed.changed(written);
  return result;
}

/**
 * Attaches the change trigger (migration 013) to every table that lacks it, e.g. tables of later
 * migrations, but those in `except` (on Citus, the distributed tables: see notifyWrites) and
 * the uncounted ones.
 */
export async function ensureChangeTriggers(db: Queryable, except: readonly string[] = []): Promise<void> {
  const [fn] = await db.query("select 1 from pg_proc where proname = 'reliefline_notify_change'");
  if (!fn) return;
  const missing = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
       and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = '${TRIGGER}') and c.relname <> all($1::text[])`,
    [[...except, ...UNCOUNTED_TABLES]],
  );
  for (const { name } of missing) {
    await db.exec(
      `create trigger ${TRIGGER} after insert or update or delete or truncate on "${name}" for each statement execute function reliefline_notify_change()`,
    );
  }
}

/**
 * On a Citus coordinator a trigger on a distributed table fires on the worker holding the
 * row, whose notifications no server hears; so the query layer notifies for what it wrote
 * (store/postgres.ts), from the coordinator, inside the writing transaction so the
 * notification goes out at its commit. One statement for every table written.
 */
export async function notifyWrites(q: Queryable, written: Iterable<Written>): Promise<void> {
  const tables = new Set<string>();
  for (const w of written) {
    if (w === "nothing" || (w !== "unknown" && UNCOUNTED_TABLES.has(w.table))) continue;
    tables.add(w === "unknown" ? "" : w.table);
  }
  if (tables.size === 0) return;
  await q.query("select pg_notify($1, t) from unnest($2::text[]) as t", [CHANGES_CHANNEL, [...tables]]);
}
