// Bench: beyond one machine.
//  1. N operations ingesting at once through the HTTP API (one client per operation, batches
//     posted back to back), on plain PostgreSQL and on the one-machine Citus cluster: what
//     the coordinator adds, as a ratio. On one machine the workers share the same cores, so
//     this measures the cost of distribution, not the gain of more machines.
//  2. One large operation's reads on Citus (and, for the ratio, on PostgreSQL): progress,
//     stock, the unit board, a page of the ledger, one unit's history, reconciliation. The
//     events are generated in SQL on the operation's worker (no hash chain: reads do not
//     check it), up to a target within a time budget; the size reached is reported.
//   npx tsx bench/scale-out.ts [ingest] [large]   (default both)
import type { Db } from "../src/store/db.ts";
import { addLocations } from "../src/app/catalogue.ts";
import { createShuttleOperation } from "./shuttle-operation.ts";
import { consignmentProgress } from "../src/app/progress.ts";
import { reconcileOperation } from "../src/app/reconcile.ts";
import { rebuildUnitStates } from "../src/app/unit-projection.ts";
import { listEvents, verifyOperation } from "../src/app/ledger.ts";
import { getUnit, unitBoard } from "../src/app/unit-views.ts";
import { stockBalances } from "../src/app/stock.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import type { Principal } from "../src/app/principal.ts";
import { ADMIN_PASSWORD, seedOperation } from "../test/helpers/fixtures.ts";
import { citusEngine, postgresEngine, type EngineFactory } from "./engines.ts";
import { serve } from "./ingest.ts";
import { signInHttp } from "./cli-process.ts";
import { benchEvents, fleetLocations } from "./events.ts";

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
};

export interface IngestResult {
  engine: string;
  operations: number;
  batchSize: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Every operation's chain verified afterwards. */
  intact: boolean;
}

/** `operations` clients, one per operation, each posting batches back to back for about `seconds`. */
export async function benchConcurrentIngest(
  factory: EngineFactory,
  operations: number,
  batchSize: number,
  seconds: number,
  log: (line: string) => void,
): Promise<IngestResult | { engine: string; skipped: string }> {
  const opened = await factory.open();
  if ("skipped" in opened) return { engine: factory.name, skipped: opened.skipped };
  log(`${opened.detail}; ready in ${opened.setupSeconds.toFixed(1)} s`);
  const served = await serve(opened.db);
  try {
    const clients = [];
    for (let i = 1; i <= operations; i++) {
      const code = `SCALE-${i}`;
      const admin = await seedOperation(opened.db, code);
      await addLocations(opened.db, admin, code, fleetLocations());
      clients.push({ code, cookie: await signInHttp(served.base, admin.email, ADMIN_PASSWORD) });
    }
    let events = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ code, cookie }) => {
        for (let offset = 0; (performance.now() - started) / 1000 < seconds; offset += batchSize) {
          const body = JSON.stringify({ events: benchEvents(batchSize, offset) });
          const res = await fetch(`${served.base}/api/operations/${code}/events/batch`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie },
            body,
          });
          const answer = (await res.json()) as { created?: number; detail?: string };
          if (res.status !== 200) throw new Error(`${code}: batch refused: ${res.status} ${answer.detail ?? ""}`);
          events += answer.created!;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    let intact = true;
    for (const { code } of clients)
      intact &&= (await verifyOperation(opened.db, (await findOperation(opened.db, code))!)).ok;
    return {
      engine: factory.name,
      operations,
      batchSize,
      events,
      seconds: elapsed,
      eventsPerSecond: events / elapsed,
      intact,
    };
  } finally {
    await served.close();
    await opened.dispose();
  }
}

export interface LargeReads {
  engine: string;
  events: number;
  target: number;
  generateSeconds: number;
  rebuildSeconds: number;
  /** Bytes the operation's events take on disk (table and indexes) per event. */
  bytesPerEvent: number;
  /** Bytes every table of the operation takes (events, moves, balances, units…) per event. */
  allBytesPerEvent: number;
  /** Bytes of the events' indexes alone per event. */
  eventIndexBytesPerEvent: number;
  /** Median seconds per read. */
  reads: Record<string, number>;
}

const UNITS = 10_000;
const CHUNK = 500_000;

/** One operation of up to `target` events (as many as `budgetSeconds` of generating allow), then its reads. */
export async function benchLargeOperation(
  factory: EngineFactory,
  target: number,
  budgetSeconds: number,
  log: (line: string) => void,
): Promise<LargeReads | { engine: string; skipped: string }> {
  const opened = await factory.open();
  if ("skipped" in opened) return { engine: factory.name, skipped: opened.skipped };
  const { db } = opened;
  try {
    const { admin, code, id } = await largeOperation(db);
    let events = 0;
    const [, generateSeconds] = await time(async () => {
      const started = performance.now();
      while (events < target && (performance.now() - started) / 1000 < budgetSeconds) {
        const count = Math.min(CHUNK, target - events);
        await generateEvents(db, id, admin.userId, events, count);
        events += count;
        log(
          `  ${factory.name}: ${events.toLocaleString("en")} events generated (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
      await db.query("update ledger_heads set last_seq = $2 where operation_id = $1", [id, events]);
    });
    const operation = (await findOperation(db, code))!;
    const [, rebuildSeconds] = await time(() => db.transaction((tx) => rebuildUnitStates(tx, operation)));
    const bytes = await operationBytes(db, id);
    const now = new Date();
    const reads: Record<string, () => Promise<unknown>> = {
      "progress (GET …/progress)": () => consignmentProgress(db, admin, code, {}, now),
      "stock at a place (GET …/stock?location=B)": () => stockBalances(db, admin, code, { location: "B" }),
      "unit board, first page of 100 and the total (GET …/units)": () => unitBoard(db, admin, code, {}, now),
      "one unit with its history (GET …/units/:unit)": () => getUnit(db, admin, code, "00000042"),
      "latest 1,000 events (GET …/events?after=…)": () => listEvents(db, admin, code, events - 1_000, 1_000),
      "reconciliation (POST …/reconcile)": () => reconcileOperation(db, admin, code, now),
    };
    const out: Record<string, number> = {};
    for (const [name, read] of Object.entries(reads)) {
      const runs: number[] = [];
      for (let i = 0; i < (name.startsWith("reconciliation") ? 1 : 3); i++) runs.push((await time(read))[1]);
      out[name] = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
      log(`  ${factory.name}, ${events.toLocaleString("en")} events: ${name} ${out[name]!.toFixed(3)} s`);
    }
    return {
      engine: factory.name,
      events,
      target,
      generateSeconds,
      rebuildSeconds,
      reads: out,
      bytesPerEvent: bytes.events / events,
      allBytesPerEvent: bytes.all / events,
      eventIndexBytesPerEvent: bytes.eventIndexes / events,
    };
  } finally {
    await opened.dispose();
  }
}

/** The operation bench/tracking.ts uses: 10,000 registered units of one consignment shuttling between A and B. */
async function largeOperation(db: Db): Promise<{ admin: Principal; code: string; id: string }> {
  const { admin, code, id } = await createShuttleOperation(db, {
    email: "bench-large@example.org",
    code: "BENCH-LARGE",
    name: "Large",
    units: UNITS,
  });
  const anchored = (what: string) =>
    `from ledger_heads head cross join generate_series(1, ${UNITS}) g where head.operation_id = $1${what}`;
  await db.query(
    `insert into transport_units (operation_id, number, scheme, kind, number_verified, consignment_code, part_number, registered_at)
    select head.operation_id, lpad(g::text, 8, '0'), 'plate', 'gondola', true, 'C', 1, timestamptz '2020-01-01' ${anchored("")}`,
    [id],
  );
  await db.query(
    `insert into locations (operation_id, code, name, kind, parent_code)
    select head.operation_id, 'unit:' || lpad(g::text, 8, '0'), 'Gondola', 'transport-unit', 'transit' ${anchored("")}`,
    [id],
  );
  await db.query(
    `insert into manifest_lines (operation_id, unit_number, line, item_code, quantity)
    select head.operation_id, lpad(g::text, 8, '0'), 0, 'LUMBER', 19 ${anchored("")}`,
    [id],
  );
  return { admin, code, id };
}

/**
 * Events `after`+1 … `after`+`count`: each unit's trips (load, depart, arrive, unload), an
 * hour apart, with their stock moves. Written on the operation's worker: the rows are
 * selected from its ledger head (see store/ledger.sql.ts) and use no volatile function
 * (ids are derived from the operation and the sequence number), so Citus pushes the whole
 * statement down instead of streaming rows through the coordinator.
 */
async function generateEvents(
  db: Db,
  operationId: string,
  userId: string,
  after: number,
  count: number,
): Promise<void> {
  const cycle = `from ledger_heads head cross join generate_series(${after + 1}, ${after + count}) g,
    lateral (select ((g - 1) / ${UNITS}) % 4 as k, lpad(((g - 1) % ${UNITS} + 1)::text, 8, '0') as unit,
                    timestamptz '2020-01-01' + ((g - 1) / ${UNITS}) * interval '1 hour' as ts) c,
    lateral (select (array['GoodsLoaded','UnitDeparted','UnitArrived','GoodsUnloaded'])[c.k + 1] as type) t
    where head.operation_id = $1`;
  await db.query(
    `insert into events (operation_id, seq, id, type, event_time, recorded_at, recorded_by, body, prev_hash, hash)
     select head.operation_id, g, md5(head.operation_id::text || g)::uuid, t.type, c.ts, c.ts, $2,
       jsonb_build_object('id', md5(head.operation_id::text || g)::uuid, 'type', t.type,
         'eventTime', to_char(c.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'), 'unit', c.unit,
         'location', case when c.k in (0, 1) then 'A' else 'B' end)
       || case when c.k in (0, 3) then '{"lines":[{"item":"LUMBER","quantity":"19","uom":"MTQ"}]}'::jsonb else '{}'::jsonb end,
       '', '' ${cycle}`,
    [operationId, userId],
  );
  await db.query(
    `insert into stock_moves (operation_id, seq, line, item_code, quantity, from_code, to_code, event_time)
     select head.operation_id, g, 0, 'LUMBER', 19,
       case when c.k = 0 then 'A' else 'unit:' || c.unit end, case when c.k = 0 then 'unit:' || c.unit else 'B' end, c.ts
     ${cycle} and c.k in (0, 3)`,
    [operationId],
  );
}

/**
 * Disk taken by the operation: its events (table and indexes), every table of it, and the
 * events' indexes alone (on Citus, the shards holding it; on PostgreSQL, the whole database,
 * which holds little else).
 */
async function operationBytes(
  db: Db,
  operationId: string,
): Promise<{ events: number; all: number; eventIndexes: number }> {
  const [citus] = await db.query<{ citus: boolean }>(
    "select exists (select 1 from pg_extension where extname = 'citus') as citus",
  );
  const [row] = citus!.citus
    ? await db.query<{ events: number; all: number; eventIndexes: number }>(
        `select sum(s.shard_size) filter (where s.table_name = 'events'::regclass)::int8 as events, sum(s.shard_size)::int8 as all,
           (select sum(r.result::int8) from run_command_on_shards('events', 'select pg_indexes_size(''%s'')') r
            where r.shardid = get_shard_id_for_distribution_column('events', $1::uuid))::int8 as "eventIndexes"
         from citus_shards s where s.citus_table_type = 'distributed' and s.shardid = get_shard_id_for_distribution_column(s.table_name, $1::uuid)`,
        [operationId],
      )
    : await db.query<{ events: number; all: number; eventIndexes: number }>(
        `select pg_total_relation_size('events')::int8 as events, pg_indexes_size('events')::int8 as "eventIndexes",
           (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'r' and n.nspname = current_schema())::int8 as all`,
      );
  return { events: Number(row!.events), all: Number(row!.all), eventIndexes: Number(row!.eventIndexes) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npx tsx bench/scale-out.ts [ingest] [large] [events=N] [budget=S]
  const parts = process.argv.slice(2);
  const arg = (name: string, fallback: number) =>
    Number(parts.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback);
  const log = (line: string) => console.log(line);
  if (!parts.includes("large") || parts.includes("ingest")) {
    for (const factory of [postgresEngine, citusEngine])
      log(JSON.stringify(await benchConcurrentIngest(factory, 8, 500, arg("seconds", 30), log)));
  }
  if (!parts.includes("ingest") || parts.includes("large")) {
    for (const factory of [citusEngine, postgresEngine])
      log(JSON.stringify(await benchLargeOperation(factory, arg("events", 10_000_000), arg("budget", 600), log)));
  }
}
