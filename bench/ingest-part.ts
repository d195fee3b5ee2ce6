// The ingestion part of `npm run bench` on its own: bulk batches through the API against a raw
// COPY, then single events from concurrent clients, on one or both engines.
//   npx tsx bench/ingest-part.ts [pglite] [postgres] [batches] [phones] [trace] [prof]
// `trace` prints, per engine and part, the statements run inside append transactions: count,
// total and mean time by statement (first 60 characters), and the group sizes seen; `prof`
// writes a CPU profile of each part (<part>-<engine>.cpuprofile).
import { loadavg } from "node:os";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { Db, Opening, Row, Tx } from "../src/store/db.ts";
import { pgliteEngine, postgresEngine, type EngineFactory } from "./engines.ts";
import { prepare, runPhase, serve, type Phase } from "./ingest.ts";
import { benchPhones } from "./concurrent-append.ts";
import { ingestVerdict, phonesVerdict, PHONES_GOAL, verdictLine } from "./targets.ts";
import { GENESIS_HASH } from "../src/core/chain.ts";

const args = process.argv.slice(2);
const named = { pglite: pgliteEngine, postgres: postgresEngine };
const engines = Object.entries(named)
  .filter(([name]) => !args.some((a) => a in named) || args.includes(name))
  .map(([, engine]) => engine);
const parts: string[] = args.filter((a) => a === "batches" || a === "phones");
const want = (part: string) => parts.length === 0 || parts.includes(part);
const trace = args.includes("trace");
const PHASES: Phase[] = [
  { batchSize: 1_000, maxEvents: 20_000, budgetSeconds: 35 },
  { batchSize: 10_000, maxEvents: 30_000, budgetSeconds: 35 },
];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

type Stat = { n: number; ms: number };
const stats = new Map<string, Stat>();
const groups: number[] = [];

function note(key: string, ms: number) {
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n += 1;
  s.ms += ms;
  stats.set(key, s);
}

function traced(tx: Tx): Tx {
  const time =
    <A extends unknown[], R>(key: (...a: A) => string, fn: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      const t = performance.now();
      try {
        return await fn(...a);
      } finally {
        note(key(...a), performance.now() - t);
      }
    };
  const label = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 60);
  return {
    query: time(label, tx.query.bind(tx)) as Tx["query"],
    exec: time(label, tx.exec.bind(tx)),
    copyText: time((table: string, _c: readonly string[], _r: string) => `COPY ${table}`, tx.copyText.bind(tx)),
    copyCsv: time((table: string, _c: readonly string[], _r: string) => `COPY csv ${table}`, tx.copyCsv.bind(tx)),
    // Kept, so a trace makes the same round trips as a run without it.
    ...(tx.notifyAtCommit && { notifyAtCommit: tx.notifyAtCommit.bind(tx) }),
    ...(tx.atCommit && { atCommit: tx.atCommit.bind(tx) }),
  };
}

function withTrace(db: Db): Db {
  if (!trace) return db;
  return Object.assign(Object.create(db) as Db, {
    query: (text: string, params?: readonly unknown[]) => {
      note(`(outside a transaction) ${text.replace(/\s+/g, " ").slice(0, 50)}`, 0);
      return db.query(text, params);
    },
    transaction: <T>(fn: (tx: Tx, opened?: Row[]) => Promise<T>, opening?: Opening) => {
      const t = performance.now();
      return db
        .transaction((tx, opened) => fn(traced(tx), opened), opening)
        .finally(() => {
          note("(whole transaction)", performance.now() - t);
          groups.push(1);
        });
    },
  });
}

function report(title: string) {
  if (!trace) return;
  console.log(`  trace ${title}: ${groups.length} transactions`);
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  for (const [key, s] of rows)
    console.log(
      `    ${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)}× ${(s.ms / s.n).toFixed(2)} ms  ${key}`,
    );
  stats.clear();
  groups.length = 0;
}

/** CPU seconds used so far by the server's processes (PostgreSQL: the postmaster's children), or 0. */
async function serverCpu(db: Db): Promise<() => number> {
  if (db.engine !== "postgres") return () => 0;
  const [row] = await db.query<{ dir: string }>("select current_setting('data_directory') as dir");
  const postmaster = readFileSync(`${row!.dir}/postmaster.pid`, "utf8").split("\n")[0]!;
  const ticks = (pid: string) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return f[1] === postmaster ? Number(f[11]) + Number(f[12]) : 0;
    } catch {
      return 0;
    }
  };
  return () =>
    readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .reduce((sum, pid) => sum + ticks(pid), 0) / 100;
}

/** With `prof`, a CPU profile of this process until the returned function is called, written to <name>.cpuprofile. */
async function startProfile(name: string): Promise<() => Promise<void>> {
  if (!args.includes("prof")) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(`${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
}

async function run(factory: EngineFactory) {
  const opened = await factory.open();
  if ("skipped" in opened) return console.log(`${factory.name}: skipped: ${opened.skipped}`);
  const db = withTrace(opened.db);
  const served = await serve(db);
  try {
    const { cookie, copyOp } = await prepare(db, served.base);
    stats.clear();
    groups.length = 0;
    let offset = 0;
    let copyHead = { seq: 0, hash: GENESIS_HASH };
    if (want("batches")) {
      const results = [];
      const stopProfile = await startProfile(`batches-${factory.name}`);
      for (const phase of PHASES) {
        console.log(`${factory.name}: batches of ${phase.batchSize} (load ${load()})`);
        const r = await runPhase(db, served.base, cookie, copyOp, phase, offset, copyHead, (l) => console.log(l));
        results.push(r.result);
        offset += r.result.events;
        copyHead = r.copyHead;
        console.log(
          `    API ${Math.round(r.result.eventsPerSecond)} events/s; COPY ${Math.round(r.result.copyRowsPerSecond)} rows/s; ${(100 * r.result.ratio).toFixed(1)} %`,
        );
      }
      await stopProfile();
      report("batches");
      console.log(verdictLine(ingestVerdict(factory.name, results)));
    }
    if (want("phones")) {
      console.log(`${factory.name}: single events, 10 clients for 10 s (load ${load()})`);
      const stopProfile = await startProfile(`phones-${factory.name}`);
      const cpu = process.cpuUsage();
      const pgCpu = await serverCpu(db);
      const pgBefore = pgCpu();
      const phones = await benchPhones(served.base, cookie, 10, 10, offset);
      const used = process.cpuUsage(cpu);
      await stopProfile();
      console.log(`    PostgreSQL CPU ${Math.round((1e6 * (pgCpu() - pgBefore)) / phones.created)} µs/event`);
      console.log(`    ${JSON.stringify(phones)}`);
      console.log(
        `    server CPU ${Math.round((used.user + used.system) / phones.created)} µs/event (user ${Math.round(used.user / phones.created)}, system ${Math.round(used.system / phones.created)}); ${groups.length || "?"} groups`,
      );
      report("phones");
      console.log(
        verdictLine(phonesVerdict(factory.name, phones, factory.name === "PostgreSQL" ? PHONES_GOAL : undefined)),
      );
    }
  } finally {
    await served.close();
    await opened.dispose();
  }
}

for (const engine of engines) await run(engine);
