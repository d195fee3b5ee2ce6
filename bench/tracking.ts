// Bench: progress and reconciliation for an operation with 10,000 units, at 100,000,
// 1,000,000 and (PostgreSQL) 10,000,000 events, on PGlite and on a PostgreSQL server.
// Events are generated in SQL straight into the events table (bypassing the hash chain,
// which this does not measure); each unit cycles load → depart → arrive → unload, phased
// so that every size ends with every unit unloaded (the answers read are then the same
// size at every ledger size: only the ledger grows). unit_states is built by the same
// rebuild path `reliefline rebuild` uses, except at 10,000,000 events, where replaying
// every event would take minutes: there each unit's state is the replay of its last two
// trips (a trip starts afresh, so every field is the same) with its trip and event counts
// from the cycle. Stock balances are what those moves leave. When asked, the progress,
// stock and units endpoints are then read under load beside a hello-world server; last,
// one batch of 1,000 in-order events goes through the real append path.
//   npx tsx bench/tracking.ts [events ...] [pglite|postgres] [reads]   (default 100000 1000000, both engines)
import { v7 as uuidv7 } from "uuid";
import type { Db, Queryable } from "../src/store/db.ts";
import { createShuttleOperation, SHUTTLE_PASSWORD } from "./shuttle-operation.ts";
import { consignmentProgress } from "../src/app/progress.ts";
import { reconcileOperation } from "../src/app/reconcile.ts";
import { rebuildUnitStates } from "../src/app/unit-projection.ts";
import { recordEvents } from "../src/app/record-events.ts";
import { unitHistory } from "../src/core/unit-history.ts";
import type { LedgerEvent } from "../src/core/events.ts";
import { upsertUnitStates } from "../src/store/unit-states.sql.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import type { EventInput } from "../src/core/events.ts";
import { pgliteEngine, postgresEngine, type EngineFactory } from "./engines.ts";
import { serve } from "./ingest.ts";
import { signInHttp } from "./cli-process.ts";
import type { LoadResult } from "./http-baseline.ts";
import { benchReads, type ReadResult } from "./reads.ts";

export const TRACKING_UNITS = 10_000;

/** Above this many events unit_states is built from each unit's last two trips, not by replaying everything. */
export const FULL_REBUILD_UP_TO = 1_000_000;

export interface ReadLoad {
  connections: number;
  seconds: number;
}

export interface TrackingResult {
  engine: string;
  events: number;
  units: number;
  generateSeconds: number;
  /** How unit_states was built: the rebuild path, or the last two trips of each unit. */
  unitStatesBuiltBy: "rebuild" | "last two trips";
  rebuildUnitStatesSeconds: number;
  progressSeconds: number;
  reconcileSeconds: number;
  append1000Seconds: number;
  arrived: number;
  openDiscrepancies: number;
  reads?: ReadResult[];
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
};

const CYCLE = ["GoodsLoaded", "UnitDeparted", "UnitArrived", "GoodsUnloaded"] as const;

async function measure(db: Db, engine: string, events: number, readLoad?: ReadLoad): Promise<TrackingResult> {
  const UNITS = TRACKING_UNITS;
  const password = SHUTTLE_PASSWORD;
  const shuttle = await createShuttleOperation(db, {
    email: `bench-${events}@example.org`,
    code: `BENCH-${events}`,
    name: "Bench",
    units: UNITS,
  });
  const { admin, code } = shuttle;
  const op = (await findOperation(db, code))!;
  const user = { id: shuttle.userId, email: shuttle.email };
  // 10,000 registered units, each with its location and a manifest line.
  await db.query(
    `insert into transport_units (operation_id, number, scheme, kind, number_verified, consignment_code, part_number, registered_at)
     select $1, lpad(g::text, 8, '0'), 'plate', 'gondola', true, 'C', 1, now() from generate_series(1, ${UNITS}) g`,
    [op.id],
  );
  await db.query(
    `insert into locations (operation_id, code, name, kind, parent_code)
     select $1, 'unit:' || lpad(g::text, 8, '0'), 'Gondola', 'transport-unit', 'transit' from generate_series(1, ${UNITS}) g`,
    [op.id],
  );
  await db.query(
    `insert into manifest_lines (operation_id, unit_number, line, item_code, quantity) select $1, lpad(g::text, 8, '0'), 0, 'LUMBER', 19 from generate_series(1, ${UNITS}) g`,
    [op.id],
  );
  // Events cycle through a trip (load, depart, arrive, unload) per unit, trip after trip, an hour apart;
  // the cycle starts at `phase` so that the last round is an unloading. Ids are ordered (as UUIDv7 are).
  const rounds = Math.ceil(events / UNITS);
  const phase = (3 - ((rounds - 1) % 4) + 4) % 4;
  const [, gen] = await time(async () => {
    // A bulk load: the by-unit index is built once afterwards (far faster than row by row), and
    // the tables analysed, as autovacuum would have done while a real ledger grew.
    await db.exec("drop index events_unit");
    await db.query(
      `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
       select $1, g, i.id, t.type, ts, now(), $2,
         jsonb_build_object('id', i.id, 'type', t.type, 'eventTime', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
           'unit', lpad(((g - 1) % ${UNITS} + 1)::text, 8, '0'), 'location', case when t.k in (0, 1) then 'A' else 'B' end)
           || case when t.k in (0, 3) then '{"lines":[{"item":"LUMBER","quantity":"19","uom":"MTQ"}]}'::jsonb else '{}'::jsonb end,
         '', ''
       from generate_series(1, ${events}) g,
         lateral (select ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid as id) i,
         lateral (select ((g - 1) / ${UNITS} + ${phase}) % 4 as k) kk,
         lateral (select kk.k, (array['GoodsLoaded','UnitDeparted','UnitArrived','GoodsUnloaded'])[kk.k + 1] as type) t,
         lateral (select timestamptz '2020-01-01' + ((g - 1) / ${UNITS}) * interval '1 hour' as ts) tt`,
      [op.id, user.id],
    );
    await db.query("update ledger_heads set last_seq = $2 where operation_id = $1", [op.id, events]);
    await db.exec("create index events_unit on events (operation_id, (body ->> 'unit')); analyze");
  });
  const full = events <= FULL_REBUILD_UP_TO;
  const [units, rebuild] = await time(() =>
    db.transaction((tx) => (full ? rebuildUnitStates(tx, op) : statesFromLastTrips(tx, op.id, events, phase))),
  );
  await stockFromStates(db, op.id);
  const [progress, tProgress] = await time(() => consignmentProgress(db, admin, code, {}, new Date()));
  const [rec, tReconcile] = await time(() => reconcileOperation(db, admin, code, new Date()));
  // Reads under load, on the ledger as generated: every unit unloaded, so the answers are the same at every size.
  const reads = readLoad ? await readsUnderLoad(db, user.email, password, code, readLoad) : undefined;
  // One batch through record-events: the next step of the cycle for 1,000 units, after their last event.
  const batch: EventInput[] = Array.from({ length: 1000 }, (_, i) => {
    const type = CYCLE[(rounds + phase) % 4]!;
    return {
      id: uuidv7(),
      type,
      eventTime: new Date(Date.parse("2020-01-01T00:00:00Z") + rounds * 3_600_000).toISOString(),
      unit: String(i * 10 + 1).padStart(8, "0"),
      location: (rounds + phase) % 4 < 2 ? "A" : "B",
      ...(type === "GoodsLoaded" || type === "GoodsUnloaded" ? { lines: [{ item: "LUMBER", quantity: "19" }] } : {}),
    };
  });
  const [, tAppend] = await time(() => recordEvents(db, admin, code, batch, new Date()));
  const result: TrackingResult = {
    engine,
    events,
    units,
    generateSeconds: +gen.toFixed(1),
    unitStatesBuiltBy: full ? "rebuild" : "last two trips",
    rebuildUnitStatesSeconds: +rebuild.toFixed(1),
    progressSeconds: +tProgress.toFixed(2),
    reconcileSeconds: +tReconcile.toFixed(1),
    append1000Seconds: +tAppend.toFixed(2),
    arrived: progress[0]!.recorded.arrived,
    openDiscrepancies: rec.open.length,
    ...reads,
  };
  return result;
}

/** progress, stock and units of `code` under load, each beside a hello-world server measured just before it. */
async function readsUnderLoad(
  db: Db,
  email: string,
  password: string,
  code: string,
  load: ReadLoad,
): Promise<{ reads: ReadResult[] }> {
  const served = await serve(db);
  try {
    const cookie = await signInHttp(served.base, email, password);
    return { reads: await benchReads(served.base, cookie, code, load.connections, load.seconds) };
  } finally {
    await served.close();
  }
}

/**
 * unit_states without replaying every event: the replay of each unit's last two trips
 * (a trip starts from a fresh state, so all but the counters come out as a full replay
 * would), with the trip and event counts the cycle gives.
 */
export async function statesFromLastTrips(
  tx: Queryable,
  operationId: string,
  events: number,
  phase: number,
): Promise<number> {
  const UNITS = TRACKING_UNITS;
  const tail = await tx.query<{ seq: number; body: LedgerEvent }>(
    "select seq, body from events where operation_id = $1 and seq > $2 order by seq",
    [operationId, events - 8 * UNITS],
  );
  const byUnit = new Map<string, LedgerEvent[]>();
  for (const { body } of tail) byUnit.set(body.unit!, [...(byUnit.get(body.unit!) ?? []), body]);
  const states = [...byUnit].map(([unit, history]) => {
    const n = Math.floor((events - Number(unit)) / UNITS) + 1;
    // Trips start at each loading; a unit whose first round was not a loading started one on its first event.
    const loads = Array.from({ length: n }, (_, c) => (c + phase) % 4 === 0).filter(Boolean).length;
    const trips = loads + (phase === 0 ? 0 : 1);
    return { unit, state: { ...unitHistory(history), trip: trips, events: n } };
  });
  for (let i = 0; i < states.length; i += 1000) await upsertUnitStates(tx, operationId, states.slice(i, i + 1000));
  return states.length;
}

/** The balances the generated moves leave: what each unit holds now, and the origin and railhead totals. */
async function stockFromStates(db: Db, operationId: string): Promise<void> {
  await db.query(
    `insert into stock_balances (operation_id, location_code, item_code, quantity)
     select $1, 'unit:' || unit_number, 'LUMBER', case when status in ('loaded', 'departed', 'arrived') then 19 else 0 end from unit_states where operation_id = $1
     union all select $1, 'A', 'LUMBER', -19 * count(*) from events where operation_id = $1 and type = 'GoodsLoaded'
     union all select $1, 'B', 'LUMBER', 19 * count(*) from events where operation_id = $1 and type = 'GoodsUnloaded'
     on conflict (operation_id, location_code, item_code) do update set quantity = excluded.quantity`,
    [operationId],
  );
}

const pct = (load: LoadResult, hello: LoadResult) =>
  `${((100 * load.requestsPerSecond) / hello.requestsPerSecond).toFixed(1)} %`;
/** Server CPU per request: hardly moved by other programs on the cores, unlike requests/s. */
const cpu = (load: LoadResult) => `${load.serverCpuUsPerRequest.toFixed(1)} µs CPU/request`;

/** Each size in a fresh store of each engine (sizes above `maxPgliteEvents` only on PostgreSQL); reads under `readLoad` when given. */
export async function benchTracking(
  factories: readonly EngineFactory[],
  sizes: readonly number[],
  log: (line: string) => void = console.log,
  options: { readLoad?: ReadLoad; maxPgliteEvents?: number } = {},
): Promise<(TrackingResult | { engine: string; skipped: string })[]> {
  const out: (TrackingResult | { engine: string; skipped: string })[] = [];
  for (const factory of factories) {
    for (const events of sizes) {
      if (factory.name === "PGlite" && events > (options.maxPgliteEvents ?? Infinity)) continue;
      const started = performance.now();
      const opened = await factory.open();
      if ("skipped" in opened) {
        out.push({ engine: factory.name, skipped: opened.skipped });
        log(JSON.stringify(out.at(-1)));
        break;
      }
      try {
        const result = await measure(opened.db, factory.name, events, options.readLoad);
        out.push(result);
        const { reads, ...figures } = result;
        log(`${JSON.stringify(figures)} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
        if (reads) {
          log(
            `  reads, each beside a hello-world measured just before: ` +
              reads
                .map(
                  (r) =>
                    `${r.endpoint} ${Math.round(r.load.requestsPerSecond).toLocaleString("en")}/s = ${pct(r.load, r.hello)} ` +
                    `of ${Math.round(r.hello.requestsPerSecond).toLocaleString("en")}/s [hello ${cpu(r.hello)}] ` +
                    `(${(r.bytes / 1024).toFixed(1)} KB, first ${r.firstMs.toFixed(0)} ms, ${cpu(r.load)})` +
                    (r.compressed
                      ? `; ${r.endpoint} asked as a browser ${Math.round(r.compressed.load.requestsPerSecond).toLocaleString("en")}/s = ` +
                        `${pct(r.compressed.load, r.hello)} (${r.compressed.encoding}, ${(r.compressed.bytes / 1024).toFixed(1)} KB, ${cpu(r.compressed.load)})`
                      : ""),
                )
                .join("; "),
          );
        }
      } finally {
        await opened.dispose();
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const names = process.argv.slice(2).filter((a) => a === "pglite" || a === "postgres");
  const readLoad = process.argv.includes("reads") ? { connections: 50, seconds: 5 } : undefined;
  const factories = [pgliteEngine, postgresEngine].filter(
    (f) => names.length === 0 || names.includes(f.name === "PGlite" ? "pglite" : "postgres"),
  );
  await benchTracking(factories, sizes.length > 0 ? sizes : [100_000, 1_000_000], console.log, { readLoad });
}
