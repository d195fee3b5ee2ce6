// Bench: progress and reconciliation for an operation with 10,000 units, at 100,000
// and 1,000,000 events. Events are generated in SQL straight into the events table
// (bypassing the hash chain, which this does not measure); unit_states is built by
// the same rebuild path `reliefline rebuild` uses. Usage:
//   npx tsx bench/tracking.ts [events ...]     (default 100000 1000000), PGlite in memory
import { openPglite } from "../src/store/pglite.ts";
import { migrate } from "../src/store/migrate.ts";
import { createUser } from "../src/app/identity.ts";
import { createOperation, addLocations, addItems } from "../src/app/catalogue.ts";
import { createConsignment } from "../src/app/consignments.ts";
import { consignmentProgress } from "../src/app/progress.ts";
import { reconcileOperation } from "../src/app/reconcile.ts";
import { rebuildUnitStates } from "../src/app/unit-projection.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";

const UNITS = 10_000;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
};

for (const events of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const db = await openPglite();
  await migrate(db);
  const { user } = await createUser(db, "system", { email: "bench@example.org", name: "Bench", isAdmin: true, password: "correct horse battery" });
  const admin = { userId: user.id, email: user.email, isAdmin: true };
  await createOperation(db, admin, { code: "BENCH", name: "Bench" });
  await addLocations(db, admin, "BENCH", [{ code: "A", name: "Origin", kind: "origin-depot" }, { code: "B", name: "Railhead", kind: "railhead" }]);
  await addItems(db, admin, "BENCH", [{ code: "LUMBER", name: "Lumber", uom: "MTQ", kind: "goods" }]);
  await createConsignment(db, admin, "BENCH", { code: "C", name: "Big", origin: "A", destination: "B", plannedUnits: UNITS, mode: "rail", parts: [{ number: 1 }] });
  const op = (await findOperation(db, "BENCH"))!;
  // 10,000 registered units, each with a manifest line.
  await db.query(
    `insert into transport_units (operation_id, number, scheme, kind, number_verified, consignment_code, part_number, registered_at)
     select $1, lpad(g::text, 8, '0'), 'plate', 'gondola', true, 'C', 1, now() from generate_series(1, ${UNITS}) g`, [op.id]);
  await db.query(`insert into manifest_lines (operation_id, unit_number, line, item_code, quantity) select $1, lpad(g::text, 8, '0'), 0, 'LUMBER', 19 from generate_series(1, ${UNITS}) g`, [op.id]);
  // Events cycle through a trip (load, depart, arrive, unload) per unit, trip after trip.
  const [, gen] = await time(() => db.query(
    `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
     select $1, g, gen_random_uuid(), t.type, ts, now(), $2,
       jsonb_build_object('id', gen_random_uuid(), 'type', t.type, 'eventTime', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
         'unit', lpad(((g - 1) % ${UNITS} + 1)::text, 8, '0'), 'location', case when t.k in (0, 1) then 'A' else 'B' end)
         || case when t.k in (0, 3) then '{"lines":[{"item":"LUMBER","quantity":"19","uom":"MTQ"}]}'::jsonb else '{}'::jsonb end,
       '', ''
     from generate_series(1, ${events}) g,
       lateral (select ((g - 1) / ${UNITS}) % 4 as k) kk,
       lateral (select kk.k, (array['GoodsLoaded','UnitDeparted','UnitArrived','GoodsUnloaded'])[kk.k + 1] as type) t,
       lateral (select timestamptz '2020-01-01' + ((g - 1) / ${UNITS}) * interval '1 hour' as ts) tt`,
    [op.id, user.id]));
  const [units, rebuild] = await time(() => db.transaction((tx) => rebuildUnitStates(tx, op)));
  const [progress, tProgress] = await time(() => consignmentProgress(db, admin, "BENCH", {}, new Date()));
  const [rec, tReconcile] = await time(() => reconcileOperation(db, admin, "BENCH", new Date()));
  console.log(JSON.stringify({
    events, units, generateSeconds: +gen.toFixed(1), rebuildUnitStatesSeconds: +rebuild.toFixed(1), progressSeconds: +tProgress.toFixed(2),
    reconcileSeconds: +tReconcile.toFixed(1), arrived: progress[0]!.recorded.arrived, openDiscrepancies: rec.open.length,
  }));
  await db.close();
}
