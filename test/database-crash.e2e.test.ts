// Pulling the plug on PostgreSQL: every PostgreSQL process killed (-9) while the server takes
// batches, then started again (crash recovery). While it is away each write is answered 503,
// never another error; once it is back the same server takes events again without a restart,
// its reads are not stale, no acknowledged event is lost and `verify` passes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cliEnv, runCli, signInHttp, startServer, type RunningServer } from "../bench/cli-process.ts";
import { serverTempDir, startPgNode, type PgNode } from "./helpers/pg-cluster.ts";
import { idsInExport, LOAD_OP, setUpLoadOperation, startLoad } from "./helpers/ingest-load.ts";

const ADMIN = "admin@reliefline.local";
const PASSWORD = "database-crash-test-password";
const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: PASSWORD, RELIEFLINE_LOG_LEVEL: "warn" });
let dir: string;
let node: PgNode | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = serverTempDir("reliefline-pg-crash-");
  // Commits wait for their WAL, as on any real server (the test clusters skip that for speed, and a
  // killed server then loses its last acknowledged commits by design). fsync stays off: the kill
  // is of PostgreSQL, not of the machine, so what was written survives in the page cache.
  node = await startPgNode(dir, "data", ["synchronous_commit=on"]);
}, 180_000);
afterAll(async () => {
  await server?.stop(10_000);
  node?.stop("immediate");
  rmSync(dir, { recursive: true, force: true });
});

/** SIGKILL to the postmaster and every process it started (what a power cut leaves of the server); their ids. */
function killPostgres(): number[] {
  const postmaster = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    });
  const killed = [postmaster, ...children.map(Number)];
  for (const pid of killed) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return killed;
}

describe("PostgreSQL killed (-9) under load, then started again", () => {
  it("answers 503 while it is away, takes events again once it is back, and loses none it acknowledged", async () => {
    if (!node) throw new Error("no PostgreSQL");
    const store = ["--database-url", node.url()];
    server = await startServer([...store, "--no-demo"], env);
    const cookie = await signInHttp(server.base, ADMIN, PASSWORD);
    await setUpLoadOperation(server.base, cookie);
    const load = startLoad(server.base, cookie, { workers: 3, batchSize: 100, keepGoing: true });
    await load.after(5);

    const killed = killPostgres();
    await vi.waitFor(() => expect(load.failed).toBeGreaterThanOrEqual(3), { timeout: 60_000, interval: 20 });
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(503);

    // A new postmaster refuses to start while the old one's id is still a process (even a zombie not yet reaped).
    await vi.waitFor(() => expect(killed.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]), {
      timeout: 60_000,
      interval: 50,
    });
    await node.start(); // crash recovery replays the WAL
    const before = load.answered;
    await vi.waitFor(() => expect(load.answered).toBeGreaterThanOrEqual(before + 5), {
      timeout: 120_000,
      interval: 50,
    });
    await load.stop(); // rejects if any answer was neither 200 nor 503
    console.log(
      `[e2e] ${load.acknowledged.size} events acknowledged, ${load.failed} batches answered 503 while PostgreSQL was away`,
    );

    // The same server, not restarted: its reads follow the ledger written since the crash.
    const stock = (await (
      await fetch(`${server.base}/api/operations/${LOAD_OP}/stock`, { headers: { cookie } })
    ).json()) as { location: string; item: string; quantity: string }[];
    const stopped = await server.stop(60_000);
    server = undefined;
    expect(stopped.code, stopped.output).toBe(0);

    const exported = await runCli(["export", "ledger", "--operation", LOAD_OP, ...store], env);
    expect(exported.code, exported.stderr).toBe(0);
    const stored = idsInExport(exported.stdout);
    for (const id of load.acknowledged) expect(stored.has(id), `acknowledged event ${id} is missing`).toBe(true);
    const atDepot = stock.find((s) => s.location === "DEPOT" && s.item === "FLOUR");
    expect(Number(atDepot?.quantity)).toBe(stored.size);

    const verified = await runCli(["verify", ...store], env);
    expect(verified.code, verified.output).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`${LOAD_OP}: intact — ${stored.size} events`));
  }, 300_000);
});
