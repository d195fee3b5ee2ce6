// Bench: `verify` (the chain and every projection) at up to 1,000,000 events. The ledger
// is built fast but real: events from the ingestion fleet (bench/events.ts) chained with
// real hashes and COPYed in, their moves (core/moves) COPYed in, balances summed from the
// moves in SQL, unit states rebuilt by the `rebuild` path; then verifyLedger is timed.
// The target: under a minute at 1,000,000 events on PostgreSQL.
//   npx tsx bench/verify.ts [events ...] [pglite|postgres]   (default 1000000 on PostgreSQL)
import type { Db } from "../src/store/db.ts";
import { createUser } from "../src/app/identity.ts";
import { createOperation } from "../src/app/catalogue.ts";
import { chain } from "../src/app/record-events.ts";
import { rebuildUnitStates } from "../src/app/unit-projection.ts";
import { verifyLedger } from "../src/app/verify.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import { GENESIS_HASH } from "../src/core/chain.ts";
import { EVENT_COLUMNS, MOVE_COLUMNS, benchEvents, eventsCsvOf, ledgerEventOf, movesCsvOf } from "./events.ts";
import { pgliteEngine, postgresEngine, type EngineFactory } from "./engines.ts";

export const VERIFY_TARGET_SECONDS = 60;
const CHUNK = 50_000;

export interface VerifyBenchResult {
  engine: string;
  events: number;
  buildSeconds: number;
  verifySeconds: number;
  /** CPU time of this process (all its threads) during verify: what the machine's load cannot inflate. */
  cpuSeconds: number;
  ok: boolean;
  checked: { events: number; moves: number; balances: number; units: number; publications: number };
}

export async function build(db: Db, events: number): Promise<string> {
  const { user } = await createUser(db, "system", {
    email: `verify-${events}@example.org`,
    name: "Bench",
    isAdmin: true,
    password: "correct horse battery",
  });
  const admin = { userId: user.id, email: user.email, isAdmin: true };
  const code = `VERIFY-${events}`;
  await createOperation(db, admin, { code, name: "Verify bench" });
  const op = (await findOperation(db, code))!;
  let head = { seq: 0, hash: GENESIS_HASH };
  const now = new Date("2021-06-01T00:00:00Z");
  for (let offset = 0; offset < events; offset += CHUNK) {
    const records = chain(
      op.id,
      user.id,
      head,
      benchEvents(Math.min(CHUNK, events - offset), offset).map(ledgerEventOf),
      now,
    );
    head = { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash };
    await db.copyCsv("events", EVENT_COLUMNS, eventsCsvOf(records));
    await db.copyCsv("stock_moves", MOVE_COLUMNS, movesCsvOf(op.id, records));
  }
  await db.query("update ledger_heads set last_seq = $2, last_hash = $3 where operation_id = $1", [
    op.id,
    head.seq,
    head.hash,
  ]);
  await db.query(
    `insert into stock_balances (operation_id, location_code, item_code, quantity)
     select $1, location, item, sum(delta) from (
       select to_code as location, item_code as item, quantity as delta from stock_moves where operation_id = $1
       union all select from_code, item_code, -quantity from stock_moves where operation_id = $1) d
     group by location, item`,
    [op.id],
  );
  await db.transaction((tx) => rebuildUnitStates(tx, op));
  return code;
}

export async function benchVerify(
  factories: readonly EngineFactory[],
  sizes: readonly number[],
  log: (line: string) => void = console.log,
): Promise<(VerifyBenchResult | { engine: string; skipped: string })[]> {
  const out: (VerifyBenchResult | { engine: string; skipped: string })[] = [];
  for (const factory of factories) {
    for (const events of sizes) {
      const opened = await factory.open();
      if ("skipped" in opened) {
        out.push({ engine: factory.name, skipped: opened.skipped });
        log(`${factory.name}: skipped — ${opened.skipped}`);
        break;
      }
      try {
        const t0 = performance.now();
        const code = await build(opened.db, events);
        const buildSeconds = (performance.now() - t0) / 1000;
        const t1 = performance.now();
        const cpu = process.cpuUsage();
        const phases = new Map<string, number>();
        const result = await verifyLedger(opened.db, (await findOperation(opened.db, code))!, (phase) => {
          if (!phases.has(phase)) phases.set(phase, performance.now());
        });
        const verifySeconds = (performance.now() - t1) / 1000;
        const used = process.cpuUsage(cpu);
        const cpuSeconds = (used.user + used.system) / 1e6;
        out.push({
          engine: factory.name,
          events,
          buildSeconds,
          verifySeconds,
          cpuSeconds,
          ok: result.ok,
          checked: result.checked,
        });
        log(
          `${factory.name}, ${events} events: ledger built in ${buildSeconds.toFixed(1)} s; verify ${result.ok ? "intact" : "FOUND DRIFT"} in ${verifySeconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s of CPU in Node (${result.checked.moves} moves, ${result.checked.units} units)`,
        );
        log(`  phases: ${phaseTimes(phases, t1, performance.now())}`);
      } finally {
        await opened.dispose();
      }
    }
  }
  return out;
}

/** Seconds from the start of each phase to the next (the phases verify reports, in order). */
function phaseTimes(starts: ReadonlyMap<string, number>, begin: number, end: number): string {
  const marks = [["setup", begin] as const, ...starts.entries()];
  return marks.map(([name, at], i) => `${name} ${(((marks[i + 1]?.[1] ?? end) - at) / 1000).toFixed(1)} s`).join(", ");
}

/** One line: whether verify met its target at the largest size measured on PostgreSQL. */
export function verifyVerdict(results: readonly (VerifyBenchResult | { engine: string; skipped: string })[]): string {
  const pg = results
    .filter((r): r is VerifyBenchResult => "verifySeconds" in r && r.engine === "PostgreSQL")
    .sort((a, b) => b.events - a.events)[0];
  if (!pg) return "verify at scale: not measured on PostgreSQL (skipped)";
  const within = pg.verifySeconds < VERIFY_TARGET_SECONDS;
  return (
    `verify at ${pg.events.toLocaleString("en-GB")} events on PostgreSQL: ${pg.verifySeconds.toFixed(1)} s ` +
    `(${pg.cpuSeconds.toFixed(1)} s of CPU in Node) — ${within ? "within" : "OVER"} the ${VERIFY_TARGET_SECONDS} s target` +
    `${pg.ok ? "" : " (and it found drift in a clean ledger: a bug)"}`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const names = process.argv.slice(2).filter((a) => a === "pglite" || a === "postgres");
  const factories =
    names.length === 0
      ? [postgresEngine]
      : [pgliteEngine, postgresEngine].filter((f) => names.includes(f.name === "PGlite" ? "pglite" : "postgres"));
  const results = await benchVerify(factories, sizes.length > 0 ? sizes : [1_000_000]);
  console.log(verifyVerdict(results));
}
