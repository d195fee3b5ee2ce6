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
import { DISCREPANCY_COLUMNS, iso } from "./discrepancies.sql.ts";
import type { Named, NamedRow } from "./names.sql.ts";
import { NAMED_ENTRIES, namedOf } from "./names.sql.ts";

export interface ProjectionInputs {
  /** Stored states of the units asked for (a unit without a row is planned). */
  states: Map<string, UnitState>;
  /** The registered units among them. */
  registered: Map<string, TransportUnit>;
  /** Manifests of the units asked for them. */
  manifests: Map<string, ManifestLine[]>;
  /** Names of the operation's places, items and consignments (`namedEntries`), for explanations. */
  named: Record<Named, NamedRow[]>;
  /** Stored negative-stock discrepancies about the subjects asked for, whatever their status. */
  negativeStock: StoredDiscrepancy[];
}

/**
 * The stored states and registrations of `units`, the manifests of `manifestUnits`, the operation's
 * names and the negative-stock discrepancies about `stockSubjects`: one statement.
 */
export async function loadProjectionInputs(
  tx: Queryable,
  operationId: string,
  units: readonly string[],
  manifestUnits: readonly string[],
  stockSubjects: readonly string[],
): Promise<ProjectionInputs> {
  const all = (sql: string, order = "") => `(select coalesce(json_agg(t${order}), '[]') from (${sql}) t)`;
  const [row] = await tx.query<{
    states: Record<string, unknown>[];
    registered: TransportUnit[];
    manifests: ManifestRow[];
    named: (NamedRow & { of: Named })[];
    negative: StoredDiscrepancy[];
  }>(
    prepared(`select ${all(unitStatesOf(2))} as states, ${all(unitsByNumber(2))} as registered,
       ${all(manifestLines(3), " order by t.unit, t.line")} as manifests, ${all(NAMED_ENTRIES)} as named,
       ${all(`select ${DISCREPANCY_COLUMNS} from discrepancies where operation_id = $1 and kind = 'negative-stock' and subject = any($4::text[])`)} as negative`),
    [operationId, units, manifestUnits, stockSubjects],
  );
  return {
    states: new Map(row!.states.map((r) => [r.unit_number as string, unitStateOf(r)])),
    registered: new Map(row!.registered.map((u) => [u.number, registeredIso(u)])),
    manifests: manifestsOf(row!.manifests),
    named: namedOf(row!.named),
    negativeStock: row!.negative.map(iso),
  };
}

export interface AppendRows {
  records: readonly RecordedEvent[];
  moves: readonly MoveRow[];
  unitStates: readonly { unit: string; state: UnitState }[];
  head: ChainHead;
}

/**
 * Writes chained events, their moves, the balances they change, unit states and the new head, in the
 * caller's transaction. A small append does it in one statement (data-modifying WITH parts: every
 * foreign key is checked at its end, as for separate statements); a large one by COPY.
 */
export async function writeAppendRows(tx: Queryable, operationId: string, rows: AppendRows): Promise<void> {
  const { records, moves, unitStates, head } = rows;
  if (records.length >= COPY_FROM_ROWS || moves.length >= COPY_FROM_ROWS) {
    await insertEvents(tx, records);
    await postMoves(tx, operationId, moves);
    await upsertUnitStates(tx, operationId, unitStates);
    await saveChainHead(tx, operationId, head);
    return;
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
  await tx.query(prepared(`with ${parts.join(",\n")}\nselect 1`), params);
}
