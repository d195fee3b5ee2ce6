// What an append reads to project its units, and what it writes with its events, each in
// one round trip when the append is small. Single events from many phones arrive in groups
// of a few events: their cost was mostly statements (some twenty per group), each a round
// trip and a parse, plan and execution on the server.
import type { RecordedEvent } from "../core/events.ts";
import type { ChainHead } from "../core/chain.ts";
import type { ManifestLine } from "../core/reconcile/finding.ts";
import type { UnitState } from "../core/unit-history.ts";
import type { Queryable } from "./db.ts";
import { prepared } from "./db.ts";
import type { MoveRow } from "./ledger.sql.ts";
import {
  COPY_FROM_ROWS,
  balanceChanges,
  balanceParams,
  balancesUpsert,
  eventParams,
  eventsInsert,
  headUpdate,
  insertEvents,
  moveParams,
  movesInsert,
  postMoves,
  saveChainHead,
} from "./ledger.sql.ts";
import { unitStateOf, unitStateParam, unitStatesOf, unitStatesUpsert, upsertUnitStates } from "./unit-states.sql.ts";
import type { ManifestRow, TransportUnit } from "./units.sql.ts";
import { iso as registeredIso, manifestLines, manifestsOf, unitsByNumber } from "./units.sql.ts";
import type { StoredDiscrepancy } from "./discrepancies.sql.ts";
import { DISCREPANCY_COLUMNS, findByKeys, iso } from "./discrepancies.sql.ts";
import type { Named, NamedRow } from "./names.sql.ts";
import { NAMED_ENTRIES, namedOf } from "./names.sql.ts";
import type { TimedMove } from "../core/stock-order.ts";

export interface ProjectionInputs {
  /** Stored states of the units asked for (a unit without a row is planned). */
  states: Map<string, UnitState>;
  /** The registered units among them. */
  registered: Map<string, TransportUnit>;
  /** Manifests of the units asked for them. */
  manifests: Map<string, ManifestLine[]>;
  /** Names of the operation's places, items and consignments (`namedEntries`), for explanations. */
  named: Record<Named, NamedRow[]>;
  /** Stored discrepancies with the keys asked for (`stock.keys`), whatever their status. */
  negativeStock: StoredDiscrepancy[];
  /** Stored balances of the places and items asked for, by `balanceKey` (none: nothing moved there yet). */
  balances: Map<string, string>;
  /**
   * With `movesSince` asked: the stored moves of the items asked for, at the places asked for, from
   * that moment on (what the stock check in event-time order reads besides an append's own moves).
   */
  moves: TimedMove[];
}

export const balanceKey = (location: string, item: string): string => `${location}\u0000${item}`;

/** What the projection read looks up: the units, those whose manifests are wanted, the stock pairs and finding keys. */
export interface ProjectionLookups {
  units: readonly string[];
  manifestUnits: readonly string[];
  stock: { pairs: readonly { location: string; item: string }[]; keys: readonly string[] };
  /** ISO 8601: read the stored moves at the pairs' places and items from this moment on too. */
  movesSince?: string;
}

type ProjectionRow = {
  states: Record<string, unknown>[];
  registered: TransportUnit[];
  manifests: ManifestRow[];
  named: (NamedRow & { of: Named })[];
  negative: StoredDiscrepancy[];
  balances: { location: string; item: string; quantity: string }[];
  moves: TimedMove[];
};

/**
 * Stored moves of the pairs' items from a moment on, at any of the pairs' places: one index range per
 * item (operation, item, time), so the plan holds for any parameters (the statement is prepared).
 */
const movesSince = (p: number) => `select m.from_code as "from", m.to_code as "to", m.item_code as item, m.seq,
         m.quantity::text as quantity, to_char(m.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as time,
         (select e.id::text from events e where e.operation_id = $1 and e.seq = m.seq) as "eventId"
       from (select distinct item from unnest((select $${p + 4}::text[])) as k(item)) k
       cross join lateral (select * from stock_moves s where $${p + 5}::timestamptz is not null and s.operation_id = $1
         and s.item_code = k.item and s.event_time >= $${p + 5}::timestamptz offset 0) m
       where m.to_code <> m.from_code and (m.to_code = any($${p + 3}::text[]) or m.from_code = any($${p + 3}::text[]))`;

/**
 * The projection read's columns, its parameters numbered from `p` ($1 is the operation): a select
 * list of one row, so it can share a statement with other lookups (append-context.sql.ts).
 */
export function projectionColumns(p: number, names: boolean): string {
  const all = (sql: string, order = "") => `(select coalesce(json_agg(t${order}), '[]') from (${sql}) t)`;
  return `${all(unitStatesOf(p))} as states, ${all(unitsByNumber(p))} as registered,
       ${all(manifestLines(p + 1), " order by t.unit, t.line")} as manifests,
       ${names ? all(NAMED_ENTRIES) : "'[]'::json"} as named,
       ${all(`select ${DISCREPANCY_COLUMNS} from discrepancies where operation_id = $1 and key = any($${p + 2}::text[])`)} as negative,
       ${all(`select b.location_code as location, b.item_code as item, b.quantity::text as quantity
              from unnest($${p + 3}::text[], $${p + 4}::text[]) as p(location, item)
              join stock_balances b on b.operation_id = $1 and b.location_code = p.location and b.item_code = p.item`)} as balances,
       ${all(movesSince(p))} as moves`;
}

/** The parameters of `projectionColumns`, in order. */
export const projectionParams = (look: ProjectionLookups): unknown[] => [
  look.units,
  look.manifestUnits,
  look.stock.keys,
  look.stock.pairs.map((p) => p.location),
  look.stock.pairs.map((p) => p.item),
  look.movesSince ?? null,
];

/** A row of `projectionColumns`, read. */
export function projectionOf(row: Record<string, unknown>): ProjectionInputs {
  const r = row as ProjectionRow;
  return {
    states: new Map(r.states.map((s) => [s.unit_number as string, unitStateOf(s)])),
    registered: new Map(r.registered.map((u) => [u.number, registeredIso(u)])),
    manifests: manifestsOf(r.manifests),
    named: namedOf(r.named),
    negativeStock: r.negative.map(iso),
    balances: new Map(r.balances.map((b) => [balanceKey(b.location, b.item), b.quantity])),
    moves: r.moves,
  };
}

/**
 * The stored states and registrations of `units`, the manifests of `manifestUnits`, the operation's
 * names, the balances of the places and items `stock.pairs` and the discrepancies with the keys `stock.keys`
 * (by the unique key: a lookup by subject, planned once for a small table, came to read every discrepancy of
 * the operation): one statement. Without `options.names` the names come back empty (the caller remembers them).
 */
export async function loadProjectionInputs(
  tx: Queryable,
  operationId: string,
  look: ProjectionLookups,
  options: { names: boolean } = { names: true },
): Promise<ProjectionInputs> {
  const [row] = await tx.query(prepared(`select ${projectionColumns(2, options.names)}`), [
    operationId,
    ...projectionParams(look),
  ]);
  return projectionOf(row!);
}

export interface AppendRows {
  records: readonly RecordedEvent[];
  moves: readonly MoveRow[];
  unitStates: readonly { unit: string; state: UnitState }[];
  head: ChainHead;
  /** Keys of the discrepancies the new events' findings name: the stored ones are returned (`findByKeys`). */
  discrepancyKeys: readonly string[];
}

/**
 * Writes chained events, their moves, the balances they change, unit states and the new head, in the
 * caller's transaction. A small append does it in one statement (data-modifying WITH parts: every
 * foreign key is checked at its end, as for separate statements); a large one by COPY.
 */
export async function writeAppendRows(
  tx: Queryable,
  operationId: string,
  rows: AppendRows,
): Promise<StoredDiscrepancy[]> {
  const { records, moves, unitStates, head, discrepancyKeys: keys } = rows;
  if (records.length >= COPY_FROM_ROWS || moves.length >= COPY_FROM_ROWS) {
    await insertEvents(tx, records);
    await postMoves(tx, operationId, moves);
    await upsertUnitStates(tx, operationId, unitStates);
    await saveChainHead(tx, operationId, head);
    return findByKeys(tx, operationId, keys);
  }
  const params: unknown[] = [operationId];
  const parts: string[] = [];
  const add = (name: string, sql: (p: number) => string, values: readonly unknown[]) => {
    parts.push(`${name} as (${sql(params.length + 1)})`);
    params.push(...values);
  };
  if (records.length > 0) add("new_events", eventsInsert, eventParams(records));
  if (moves.length > 0) {
    add("new_moves", movesInsert, moveParams(moves));
    add("new_balances", balancesUpsert, balanceParams(balanceChanges(moves)));
  }
  if (unitStates.length > 0) add("new_states", unitStatesUpsert, [unitStateParam(unitStates)]);
  add("new_head", headUpdate, [head.seq, head.hash]);
  // The stored discrepancies come from the statement's snapshot: it writes none.
  if (keys.length === 0) {
    await tx.query(prepared(`with ${parts.join(",\n")}\nselect 1`), params);
    return [];
  }
  const found = await tx.query<StoredDiscrepancy>(
    prepared(`with ${parts.join(",\n")}
select ${DISCREPANCY_COLUMNS} from discrepancies where operation_id = $1 and key = any($${params.length + 1}::text[])`),
    [...params, keys],
  );
  return found.map(iso);
}
