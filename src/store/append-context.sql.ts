// What an append looks up before deciding, in one round trip: the catalogue entries the
// events name, the teams, and the events already stored under their ids; for a small append,
// with the projection read of append-rows.sql.ts in the same statement. (A group of
// single events from many phones is short; its cost is mostly round trips.)
import type { ItemRef, LocationRef } from "../core/catalogue.ts";
import type { LedgerEvent } from "../core/events.ts";
import type { Queryable } from "./db.ts";
import { prepared } from "./db.ts";
import type { ProjectionInputs, ProjectionLookups } from "./append-rows.sql.ts";
import { projectionColumns, projectionOf, projectionParams } from "./append-rows.sql.ts";

export interface AppendLookups {
  locations: readonly string[];
  items: readonly string[];
  uoms: readonly string[];
  teams: readonly string[];
  /** Event ids (lower case). */
  ids: readonly string[];
}

export interface AppendContextRows {
  locations: Map<string, LocationRef>;
  items: Map<string, ItemRef>;
  uoms: Set<string>;
  teams: Set<string>;
  /** Events already stored under the ids looked up, with their sequence numbers. */
  stored: Map<string, { seq: number; event: LedgerEvent }>;
}

type ContextRow = {
  locations: [string, LocationRef["kind"]][];
  items: [string, string, ItemRef["kind"]][];
  uoms: string[];
  teams: string[];
  stored: [string, number, LedgerEvent][];
};

/**
 * Each value looked up by its own index probe (a scalar subquery per array element): a plan that holds
 * for any parameters and any table statistics, so the statement is prepared once and its generic plan
 * kept (the array behind `select` looks the same to a custom plan, so PostgreSQL keeps the generic one;
 * `offset 0` keeps each probe from running twice). Written as `code = any($n)` over the table, the
 * generic plan read every event of the operation to find a few ids, and custom plans cost 0.5 ms each.
 */
const eachOf = (array: string, value: string, lookup: string) =>
  `(select coalesce(json_agg(v), '[]') from (select (${lookup}) as v from unnest((select ${array})) as k(${value}) offset 0) found where v is not null)`;

const CONTEXT_COLUMNS = `
       ${eachOf("$2::text[]", "code", "select json_build_array(l.code, l.kind) from locations l where l.operation_id = $1 and l.code = k.code")} as locations,
       ${eachOf("$3::text[]", "code", "select json_build_array(i.code, i.uom, i.kind) from items i where i.operation_id = $1 and i.code = k.code")} as items,
       ${eachOf("$4::text[]", "code", "select to_json(u.code) from units_of_measure u where u.code = k.code")} as uoms,
       ${eachOf("$5::text[]", "code", "select to_json(t.code) from teams t where t.operation_id = $1 and t.code = k.code")} as teams,
       ${eachOf("$6::uuid[]", "id", "select json_build_array(e.id, e.seq, e.body) from events e where e.operation_id = $1 and e.id = k.id")} as stored`;

const contextParams = (operationId: string, look: AppendLookups): unknown[] => [
  operationId,
  look.locations,
  look.items,
  look.uoms,
  look.teams,
  look.ids,
];

function contextOf(row: ContextRow): AppendContextRows {
  return {
    locations: new Map(row.locations.map(([code, kind]) => [code, { code, kind }])),
    items: new Map(row.items.map(([code, uom, kind]) => [code, { code, uom, kind }])),
    uoms: new Set(row.uoms),
    teams: new Set(row.teams),
    stored: new Map(row.stored.map(([id, seq, event]) => [id, { seq, event }])),
  };
}

export async function loadAppendContext(
  tx: Queryable,
  operationId: string,
  look: AppendLookups,
): Promise<AppendContextRows> {
  const [row] = await tx.query<ContextRow>(prepared(`select${CONTEXT_COLUMNS}`), contextParams(operationId, look));
  return contextOf(row!);
}

/**
 * `loadAppendContext` and `loadProjectionInputs` (./append-rows.sql.ts) in one statement: the
 * projection read for what the caller expects the append to touch, taken before deciding (the
 * caller checks it covers what the accepted events touch). Without `options.names` the names
 * come back empty.
 */
export async function loadAppendContextAndProjection(
  tx: Queryable,
  operationId: string,
  look: AppendLookups,
  projection: ProjectionLookups,
  options: { names: boolean },
): Promise<AppendContextRows & { projection: ProjectionInputs }> {
  const [row] = await tx.query<ContextRow>(
    prepared(`select${CONTEXT_COLUMNS},\n       ${projectionColumns(7, options.names)}`),
    [...contextParams(operationId, look), ...projectionParams(projection)],
  );
  return { ...contextOf(row!), projection: projectionOf(row!) };
}
