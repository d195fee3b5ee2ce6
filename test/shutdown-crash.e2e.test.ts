// The server process under load: SIGTERM stops it cleanly with requests in flight (each
// acknowledged event kept, the folder's lock released, exit 0 in bounded time); killing
// the npm process of `npx reliefline start` stops it too; and kill -9 mid-ingest loses no
// acknowledged event, on the embedded database and on PostgreSQL, with `verify` passing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, freePort, REPO, runCli, signInHttp, startServer, type RunningServer } from "../bench/cli-process.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { idsInExport, LOAD_OP, setUpLoadOperation, startLoad } from "./helpers/ingest-load.ts";

const ADMIN = "admin@reliefline.local";
const PASSWORD = "shutdown-test-password";
// A generous bound on stopping: the machine may be busy; what is checked is that it stops cleanly (exit 0), not how fast.
const env = cliEnv({
  RELIEFLINE_ADMIN_PASSWORD: PASSWORD,
  RELIEFLINE_LOG_LEVEL: "warn",
  RELIEFLINE_SHUTDOWN_GRACE_MS: "90000",
});
let tmp: string;
const running = new Set<RunningServer>();

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "reliefline-shutdown-"));
});
afterAll(async () => {
  await Promise.all([...running].map((s) => s.stop(5_000)));
  rmSync(tmp, { recursive: true, force: true });
});

async function start(store: string[]): Promise<{ server: RunningServer; cookie: string }> {
  const server = await startServer([...store, "--no-demo"], env);
  running.add(server);
  return { server, cookie: await signInHttp(server.base, ADMIN, PASSWORD) };
}

async function exported(store: string[]): Promise<Set<string>> {
  const result = await runCli(["export", "ledger", "--operation", LOAD_OP, ...store], env);
  expect(result.code, result.stderr).toBe(0);
  return idsInExport(result.stdout);
}

async function verified(store: string[]) {
  const result = await runCli(["verify", ...store], env);
  expect(result.code, result.output).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`${LOAD_OP}: intact — \\d+ events`));
}

async function freshPostgresUrl(): Promise<string | null> {
  const url = inject("postgresUrl");
  if (!url) return null;
  const name = `crash_${randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.query(`create database ${name}`);
  await admin.close();
  return url.replace(/\/postgres$/, `/${name}`);
}

describe("reliefline start, sent SIGTERM under load", () => {
  it("finishes the requests in flight, keeps every acknowledged event, releases the folder and exits 0", async () => {
    const folder = join(tmp, "sigterm");
    const store = ["--data", folder];
    const { server, cookie } = await start(store);
    await setUpLoadOperation(server.base, cookie);
    const load = startLoad(server.base, cookie, { workers: 4, batchSize: 200 });
    await load.after(5);
    const asked = performance.now();
    const stopped = await server.stop(120_000);
    console.log(
      `[e2e] stopped ${((performance.now() - asked) / 1000).toFixed(1)} s after SIGTERM, ${load.acknowledged.size} events acknowledged`,
    );
    running.delete(server);
    await load.stop();
    expect(stopped.code, stopped.output).toBe(0);
    expect(stopped.stdout).toContain("Stopping… (SIGTERM)");
    expect(stopped.stdout).toContain("Stopped.");
    expect(existsSync(join(folder, "reliefline.lock"))).toBe(false);
    expect(load.acknowledged.size).toBeGreaterThanOrEqual(1000);
    const stored = await exported(store);
    for (const id of load.acknowledged) expect(stored.has(id), `acknowledged event ${id} is missing`).toBe(true);
    await verified(store);
  }, 300_000);
});

describe("npx reliefline start", () => {
  it("stops when the npx process is killed, instead of running on as an orphan", async () => {
    const folder = join(tmp, "npx");
    const port = await freePort();
    const npx = spawn(
      "npx",
      ["--no-install", "reliefline", "start", "--data", folder, "--port", String(port), "--no-demo"],
      { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    npx.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    npx.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`npx reliefline start did not answer:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    npx.kill("SIGTERM");
    // The server notices that the npm process is gone and stops; the port closes and the lock goes.
    const down = Date.now() + 30_000;
    while (
      await fetch(`${base}/api/health`).then(
        () => true,
        () => false,
      )
    ) {
      if (Date.now() > down) throw new Error("the server still answers 30 s after npx was killed");
      await new Promise((r) => setTimeout(r, 200));
    }
    for (let i = 0; i < 100 && existsSync(join(folder, "reliefline.lock")); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(folder, "reliefline.lock"))).toBe(false);
  }, 300_000);
});

describe("kill -9 mid-ingest", () => {
  for (const engine of ["pglite", "postgres"] as const) {
    it(`loses no acknowledged event, and verify passes [${engine}]`, async () => {
      const url = engine === "postgres" ? await freshPostgresUrl() : null;
      if (engine === "postgres" && !url) {
        if (process.env.RELIEFLINE_REQUIRE_POSTGRES === "1") throw new Error("no PostgreSQL server in this test run");
        return;
      }
      const store = engine === "pglite" ? ["--data", join(tmp, "crash")] : ["--database-url", url!];
      const { server, cookie } = await start(store);
      await setUpLoadOperation(server.base, cookie);
      const load = startLoad(server.base, cookie, { workers: 4, batchSize: 200 });
      await load.after(5);
      server.child.kill("SIGKILL");
      await server.exited;
      running.delete(server);
      await load.stop();
      expect(load.acknowledged.size).toBeGreaterThanOrEqual(1000);
      await verified(store);
      const stored = await exported(store);
      for (const id of load.acknowledged) expect(stored.has(id), `acknowledged event ${id} is missing`).toBe(true);
    }, 300_000);
  }
});
