// Drift: a stored figure that is not what the events imply. `verify` recomputes the
// projections (stock moves, balances, unit states) and checks the publications' ledger
// heads; each difference is named by table and key, with what was expected and found.
import type { UnitState } from "./unit-history.ts";
import { Decimal } from "./quantity.ts";

export const DRIFT_TABLES = ["events", "stock_moves", "stock_balances", "unit_states", "publications"] as const;
export type DriftTable = (typeof DRIFT_TABLES)[number];

export interface Drift {
  table: DriftTable;
  /** What the row is about, e.g. "seq 155 line 0", "STP-HUB / LUMBER", "unit 60521183", "publication 0193…". */
  key: string;
  seq?: number;
  item?: string;
  location?: string;
  unit?: string;
  publication?: string;
  /** What the events imply (null: no such row should exist). */
  expected: string | null;
  /** What is stored (null: the row is missing). */
  found: string | null;
}

const FIELDS = [
  "status",
  "trip",
  "loadedAt",
  "departedAt",
  "departedFrom",
  "arrivedAt",
  "arrivedLocation",
  "unloadedAt",
  "unloadedLocation",
  "receivedAt",
  "lastLocation",
  "lastEventType",
  "lastEventTime",
  "lastEventId",
  "openArrival",
  "loaded",
  "unloaded",
  "received",
  "events",
] as const satisfies readonly (keyof UnitState)[];

const TIMES = new Set<string>(["loadedAt", "departedAt", "arrivedAt", "unloadedAt", "receivedAt", "lastEventTime"]);
const QUANTITIES = new Set<string>(["loaded", "unloaded", "received"]);

/** One field in a form that compares equal however it was stored (times as instants, quantities as exact decimals). */
function normal(field: string, value: unknown): string {
  if (value === undefined || value === null) return "–";
  if (TIMES.has(field)) return new Date(Date.parse(String(value))).toISOString();
  if (QUANTITIES.has(field)) {
    const entries = Object.entries(value as Record<string, string>)
      .map(([k, v]) => [k, new Decimal(v).toFixed()] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.map(([k, v]) => `${k}=${v}`).join(", ") || "–";
  }
  if (field === "openArrival") {
    const a = value as { id: string; location?: string; time: string };
    return `${a.id}@${a.location ?? "?"} ${new Date(Date.parse(a.time)).toISOString()}`;
  }
  return String(value);
}

/**
 * The fields in which a stored unit state differs from the replay of the unit's events.
 * `lastEventId` and `openArrival` are only compared when stored: rows written before
 * they existed are filled in by the unit's next event.
 */
export function unitStateDrift(unit: string, expected: UnitState | undefined, found: UnitState | undefined): Drift[] {
  if (!expected && !found) return [];
  if (!expected)
    return [
      {
        table: "unit_states",
        key: `unit ${unit}`,
        unit,
        expected: null,
        found: `a state (${found!.status}) for a unit with no events`,
      },
    ];
  if (!found)
    return [
      {
        table: "unit_states",
        key: `unit ${unit}`,
        unit,
        expected: `${expected.status} after ${expected.events} events`,
        found: null,
      },
    ];
  const out: Drift[] = [];
  for (const field of FIELDS) {
    const f = (found as unknown as Record<string, unknown>)[field];
    if ((field === "lastEventId" || field === "openArrival") && (f === undefined || f === null)) continue;
    const e = normal(field, (expected as unknown as Record<string, unknown>)[field]);
    const s = normal(field, f);
    if (e !== s) out.push({ table: "unit_states", key: `unit ${unit} ${field}`, unit, expected: e, found: s });
  }
  return out;
}

/** One line for a person: "stock_balances STP-HUB / LUMBER: expected 300, found 310". */
export function describeDrift(d: Drift): string {
  const expected = d.expected ?? "no row";
  const found = d.found ?? "missing";
  return `${d.table} ${d.key}: expected ${expected}, found ${found}`;
}
