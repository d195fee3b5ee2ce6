// Bench: progress and reconciliation for an operation with 10,000 units, at 100,000
// and 1,000,000 events, on PGlite and on a PostgreSQL server. Events are generated in
// SQL straight into the events table (bypassing the hash chain, which this does not
// measure); unit_states is then built by the same rebuild path `reliefline rebuild`
// uses. Last, one batch of 1,000 in-order events is appended through the real path
// (record-events: the incremental projection) to show what an append costs at that scale.
//   npx tsx bench/tracking.ts [events ...] [pglite|postgres]   (default 100000 1000000, both engines)
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../src/store/db.ts";
import { createUser } from "../src/app/identity.ts";
import { createOperation, addLocations, addItems } from "../src/app/catalogue.ts";
import { createConsignment } from "../src/app/consignments.ts";
import { consignmentProgress } from "../src/app/progress.ts";
import { reconcileOperation } from "../src/app/reconcile.ts";
import { rebuildUnitStates } from "../src/app/unit-projection.ts";
import { recordEvents } from "../src/app/record-events.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import type { EventInput } from "../src/core/events.ts";
import { pgliteEngine, postgresEngine, type EngineFactory } from "./engines.ts";

export const TRACKING_UNITS = 10_000;

export interface TrackingResult {
  engine: string;
  events: number;
  units: number;
  generateSeconds: number;
  rebuildUnitStatesSeconds: number;
  progressSeconds: number;
  reconcileSeconds: number;
  append1000Seconds: number;
  arrived: number;
  openDiscrepancies: number;
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
};

async function measure(db: Db, engine: string, events: number): Promise<TrackingResult> {
  const UNITS = TRACKING_UNITS;
  const { user } = await createUser(db, "system", { email: `bench-${events}@example.org`, name: "Bench", isAdmin: true, password: "correct horse battery" });
  const admin = { userId: user.id, email: user.email, isAdmin: true };
  const code = `BENCH-${events}`;
  await createOperation(db, admin, { code, name: "Bench" });
  await addLocations(db, admin, code, [{ code: "A", name: "Origin", kind: "origin-depot" }, { code: "B", name: "Railhead", kind: "railhead" }]);
  await addItems(db, admin, code, [{ code: "LUMBER", name: "Lumber", uom: "MTQ", kind: "goods" }]);
  await createConsignment(db, admin, code, { code: "C", name: "Big", origin: "A", destination: "B", plannedUnits: UNITS, mode: "rail", parts: [{ number: 1 }] });
  const op = (await findOperation(db, code))!;
  // 10,000 registered units, each with its location and a manifest line.
  await db.query(
    `insert into transport_units (operation_id, number, scheme, kind, number_verified, consignment_code, part_number, registered_at)
     select $1, lpad(g::text, 8, '0'), 'plate', 'gondola', true, 'C', 1, now() from generate_series(1, ${UNITS}) g`, [op.id]);
  await db.query(
    `insert into locations (operation_id, code, name, kind, parent_code)
     select $1, 'unit:' || lpad(g::text, 8, '0'), 'Gondola', 'transport-unit', 'transit' from generate_series(1, ${UNITS}) g`, [op.id]);
  await db.query(`insert into manifest_lines (operation_id, unit_number, line, item_code, quantity) select $1, lpad(g::text, 8, '0'), 0, 'LUMBER', 19 from generate_series(1, ${UNITS}) g`, [op.id]);
  // Events cycle through a trip (load, depart, arrive, unload) per unit, trip after trip, an hour apart.
  const [, gen] = await time(async () => {
    await db.query(
      `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
       select $1, g, i.id, t.type, ts, now(), $2,
         jsonb_build_object('id', i.id, 'type', t.type, 'eventTime', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
           'unit', lpad(((g - 1) % ${UNITS} + 1)::text, 8, '0'), 'location', case when t.k in (0, 1) then 'A' else 'B' end)
           || case when t.k in (0, 3) then '{"lines":[{"item":"LUMBER","quantity":"19","uom":"MTQ"}]}'::jsonb else '{}'::jsonb end,
         '', ''
       from generate_series(1, ${events}) g,
         lateral (select gen_random_uuid() as id, g as gg) i,
         lateral (select ((g - 1) / ${UNITS}) % 4 as k) kk,
         lateral (select kk.k, (array['GoodsLoaded','UnitDeparted','UnitArrived','GoodsUnloaded'])[kk.k + 1] as type) t,
         lateral (select timestamptz '2020-01-01' + ((g - 1) / ${UNITS}) * interval '1 hour' as ts) tt`,
      [op.id, user.id]);
    await db.query("update ledger_heads set last_seq = $2 where operation_id = $1", [op.id, events]);
  });
  const [units, rebuild] = await time(() => db.transaction((tx) => rebuildUnitStates(tx, op)));
  const [progress, tProgress] = await time(() => consignmentProgress(db, admin, code, {}, new Date()));
  const [rec, tReconcile] = await time(() => reconcileOperation(db, admin, code, new Date()));
  // One batch through record-events: the next step of the cycle for 1,000 units, after their last event.
  const cycles = Math.ceil(events / UNITS);
  const next = ["GoodsLoaded", "UnitDeparted", "UnitArrived", "GoodsUnloaded"] as const;
  const batch: EventInput[] = Array.from({ length: 1000 }, (_, i) => {
    const type = next[cycles % 4]!;
    return {
      id: uuidv7(), type, eventTime: new Date(Date.parse("2020-01-01T00:00:00Z") + cycles * 3_600_000).toISOString(),
      unit: String(i * 10 + 1).padStart(8, "0"), location: cycles % 4 < 2 ? "A" : "B",
      ...(type === "GoodsLoaded" || type === "GoodsUnloaded" ? { lines: [{ item: "LUMBER", quantity: "19" }] } : {}),
    };
  });
  const [, tAppend] = await time(() => recordEvents(db, admin, code, batch, new Date()));
  return {
    engine, events, units, generateSeconds: +gen.toFixed(1), rebuildUnitStatesSeconds: +rebuild.toFixed(1), progressSeconds: +tProgress.toFixed(2),
    reconcileSeconds: +tReconcile.toFixed(1), append1000Seconds: +tAppend.toFixed(2), arrived: progress[0]!.recorded.arrived, openDiscrepancies: rec.open.length,
  };
}

/** Each size in a fresh store of each engine. */
export async function benchTracking(factories: readonly EngineFactory[], sizes: readonly number[], log: (line: string) => void = console.log): Promise<(TrackingResult | { engine: string; skipped: string })[]> {
  const out: (TrackingResult | { engine: string; skipped: string })[] = [];
  for (const factory of factories) {
    for (const events of sizes) {
      const opened = await factory.open();
      if ("skipped" in opened) {
        out.push({ engine: factory.name, skipped: opened.skipped });
        log(JSON.stringify(out.at(-1)));
        break;
      }
      try {
        out.push(await measure(opened.db, factory.name, events));
        log(JSON.stringify(out.at(-1)));
      } finally {
        await opened.dispose();
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const names = process.argv.slice(2).filter((a) => a === "pglite" || a === "postgres");
  const factories = [pgliteEngine, postgresEngine].filter((f) => names.length === 0 || names.includes(f.name === "PGlite" ? "pglite" : "postgres"));
  await benchTracking(factories, sizes.length > 0 ? sizes : [100_000, 1_000_000]);
}
