// What a backup reads and a restore writes: every table of Reliefline's schema (found in
// the catalog, so tables added later are included) in foreign-key order, each row as the
// text of its JSON (numbers, timestamps and the rest exactly as PostgreSQL prints them:
// nothing is parsed into JavaScript numbers on the way), and the checks a restore runs.
import type { Queryable } from "./db.ts";

/** Filled by the migrations themselves, so never dumped: the target's migrations recreate them. */
const FROM_MIGRATIONS = new Set(["schema_migrations", "units_of_measure"]);

/**
 * Written by triggers as the other tables change, so never dumped: restoring the catalogue
 * writes them afresh. working_set_changes holds transaction ids, which mean nothing in
 * another database (a phone's cursor from before a restore gets a full answer instead).
 */
export const DERIVED_TABLES = ["working_set_changes"] as const;
const NOT_DUMPED = new Set<string>([...FROM_MIGRATIONS, ...DERIVED_TABLES]);

export interface TableInfo {
  name: string;
  /** Tables it references by foreign key (other than itself). */
  references: string[];
  /** It references itself (locations' parents): its rows are inserted in one statement, so order within it does not matter. */
  selfReferencing: boolean;
  /**
   * Its primary key as `order by` terms, in key order: rows are dumped in this order, so a backup is the same wherever the rows lie.
   * Text columns are written `col collate "C"` (byte order): the engines' default collations order codes such as
   * `donor:OP` and `DEPOT` differently, and a backup must not depend on the engine it was read from.
   */
  orderBy: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function schemaTables(db: Queryable): Promise<TableInfo[]> {
  const tables = await db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema()`,
  );
  const keys = await db.query<{ table: string; column: string; text: boolean }>(
    `select c.relname as table, a.attname as column, a.atttypid in ('text'::regtype, 'varchar'::regtype) as text
     from pg_index i
     join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
     where i.indisprimary and n.nspname = current_schema() order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  return tables
    .filter((t) => !NOT_DUMPED.has(t.name))
    .map(({ name }) => ({
      name,
      references: [
        ...new Set(
          edges.filter((e) => e.child === name && e.parent !== name && !NOT_DUMPED.has(e.parent)).map((e) => e.parent),
        ),
      ],
      selfReferencing: edges.some((e) => e.child === name && e.parent === name),
      orderBy: keys.filter((k) => k.table === name).map((k) => `${ident(k.column)}${k.text ? ' collate "C"' : ""}`),
    }));
}

/**
 * Every row of `table` as JSON text in the order of `orderBy` (its primary key; on a Citus cluster rows
 * come back shard by shard otherwise), `pageSize` at a time, through a cursor (inside the caller's
 * transaction); with `ids`, only the rows whose `id` is among them.
 */
export async function* tableRows(
  tx: Queryable,
  table: string,
  orderBy: readonly string[] = [],
  ids?: readonly string[],
  pageSize = 2_000,
): AsyncGenerator<string[]> {
  const order = orderBy.length > 0 ? ` order by ${orderBy.map((c) => `t.${c}`).join(", ")}` : "";
  const where = ids ? " where t.id = any($1::uuid[])" : "";
  await tx.query(
    `declare reliefline_backup no scroll cursor for select to_jsonb(t)::text as row from ${ident(table)} t${where}${order}`,
    ids ? [ids] : [],
  );
  try {
    for (;;) {
      const rows = await tx.query<{ row: string }>(`fetch ${pageSize} from reliefline_backup`);
      if (rows.length === 0) return;
      yield rows.map((r) => r.row);
    }
  } finally {
    await tx.query("close reliefline_backup");
  }
}

/** Versions of the migrations applied to this store, ascending. */
export async function appliedMigrations(db: Queryable): Promise<number[]> {
  return (await db.query<{ version: number }>("select version from schema_migrations order by version")).map((r) =>
    Number(r.version),
  );
}

/** A consistent, read-only view for the whole dump (the first statement of the transaction). */
export async function beginSnapshot(tx: Queryable): Promise<void> {
  await tx.query("set transaction isolation level repeatable read, read only");
}

/**
 * On a Citus coordinator, after beginSnapshot: takes the workers' snapshots now, one connection
 * per worker kept for the rest of the transaction (each worker's snapshot is taken by the first
 * statement that reaches it, and a query is not to open a second connection, with a later
 * snapshot, to read faster), by reading the head of every operation, in every shard; returns the
 * operations' ids. Each operation's rows lie on one worker, so each is read at one moment.
 */
export async function pinShardSnapshots(tx: Queryable): Promise<string[]> {
  await tx.exec("set local citus.max_adaptive_executor_pool_size = 1");
  const rows = await tx.query<{ id: string }>("select operation_id as id from ledger_heads");
  return rows.map((r) => r.id);
}

/** Inserts rows given as JSON texts (one statement). */
export async function insertRows(tx: Queryable, table: string, rows: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into ${ident(table)} overriding system value select * from jsonb_populate_recordset(null::${ident(table)}, $1::jsonb)`,
    [`[${rows.join(",")}]`],
  );
}

/** Identity columns continue after the highest restored value. */
export async function resetIdentities(tx: Queryable): Promise<void> {
  const columns = await tx.query<{ table: string; column: string }>(
    `select table_name as table, column_name as column from information_schema.columns
     where table_schema = current_schema() and (is_identity = 'YES' or column_default like 'nextval(%')`,
  );
  for (const { table, column } of columns) {
    await tx.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(column)}) from ${ident(table)}), 0) + 1, false)`,
      [ident(table), column],
    );
  }
}

/** Whether the store holds anything a restore would overwrite (users or operations). */
export async function holdsData(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }>(
    "select exists (select 1 from users) or exists (select 1 from operations) as yes",
  );
  return row?.yes ?? false;
}

export async function emptyTables(tx: Queryable, tables: readonly string[]): Promise<void> {
  if (tables.length > 0) await tx.query(`truncate ${tables.map(ident).join(", ")}`);
}

/** A digest of an operation's projections (stock moves, balances, unit states), quantities compared by value. */
export async function projectionDigest(tx: Queryable, operationId: string): Promise<string> {
  const [row] = await tx.query<{ digest: string }>(
    `select md5(
       coalesce((select string_agg(concat_ws(',', seq, line, item_code, trim_scale(quantity), from_code, to_code, event_time), '|' order by seq, line) from stock_moves where operation_id = $1), '') || '#' ||
       coalesce((select string_agg(concat_ws(',', location_code, item_code, trim_scale(quantity)), '|' order by location_code, item_code) from stock_balances where operation_id = $1 and quantity <> 0), '') || '#' ||
       coalesce((select string_agg((to_jsonb(u) - 'operation_id')::text, '|' order by unit_number) from unit_states u where operation_id = $1), '')
     ) as digest`,
    [operationId],
  );
  return row!.digest;
}
