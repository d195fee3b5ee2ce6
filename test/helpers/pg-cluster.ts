// A throw-away PostgreSQL cluster from the machine's binaries, for tests, CI and the
// benchmark: initdb in a temp folder, start on a free loopback port, remove afterwards.
// As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PG_BIN = process.env.RELIEFLINE_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export type PgCluster = { url: string; stop(): void } | { skipped: string };

/** One PostgreSQL server in its own data folder under `dir`, on a loopback port. */
export interface PgNode {
  port: number;
  url(database?: string): string;
  /** Starts it again after `stop` (same folder, same port). */
  start(): Promise<void>;
  /** Stops it; `immediate` as a crash would (no checkpoint). */
  stop(mode?: "fast" | "immediate"): void;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
export function runPg(cmd: string, args: string[]): Buffer {
  const quoted = [join(PG_BIN, cmd), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  return asRoot()
    ? execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { stdio: "pipe" })
    : execFileSync(join(PG_BIN, cmd), args, { stdio: "pipe" });
}

/** `runPg` without blocking the event loop (servers of several clusters start side by side). */
export async function runPgAsync(cmd: string, args: string[]): Promise<void> {
  const quoted = [join(PG_BIN, cmd), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  if (asRoot()) await promisify(execFile)("su", ["postgres", "-s", "/bin/sh", "-c", quoted]);
  else await promisify(execFile)(join(PG_BIN, cmd), args);
}

/** A temp folder the server may write (owned by `postgres` when we are root). */
export function serverTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot()) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  return dir;
}

/**
 * initdb and start one server in `dir/<name>`. Test settings: no fsync, no synchronous
 * commit; `settings` adds more (`-c name=value` each).
 */
export async function startPgNode(dir: string, name: string, settings: string[] = []): Promise<PgNode> {
  const data = join(dir, name);
  const port = await freePort();
  const options = [
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
    ...settings.map((s) => `-c ${s}`),
  ].join(" ");
  const start = () =>
    runPgAsync("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, `${name}.log`), "-w", "-t", "120", "start"]);
  try {
    await runPgAsync("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
    await start();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`could not start a throw-away PostgreSQL server: ${stderr}`);
  }
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop: (mode = "fast") => void runPg("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]),
  };
}

export async function startPgCluster(): Promise<PgCluster> {
  if (!existsSync(join(PG_BIN, "initdb")))
    return { skipped: `no PostgreSQL binaries in ${PG_BIN} (install postgresql-15, or set RELIEFLINE_PG_BIN)` };
  const dir = serverTempDir("reliefline-pg-");
  let node: PgNode;
  try {
    node = await startPgNode(dir, "data");
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: node.url(),
    stop() {
      try {
        node.stop("immediate");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A free TCP port on the loopback interface (free when asked; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const uidOf = (user: string) => Number(execFileSync("id", ["-u", user]).toString().trim());
const gidOf = (user: string) => Number(execFileSync("id", ["-g", user]).toString().trim());
