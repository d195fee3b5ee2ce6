// A throw-away PostgreSQL cluster from the machine's binaries, for tests, CI and the
// benchmark: initdb in a temp folder, start on a free loopback port, remove afterwards.
// As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PG_BIN = process.env.RELIEFLINE_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export type PgCluster = { url: string; stop(): void } | { skipped: string };

export async function startPgCluster(): Promise<PgCluster> {
  if (!existsSync(join(PG_BIN, "initdb")))
    return { skipped: `no PostgreSQL binaries in ${PG_BIN} (install postgresql-15, or set RELIEFLINE_PG_BIN)` };
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "reliefline-pg-"));
  const data = join(dir, "data");
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const run = (cmd: string, args: string[]) => {
    const quoted = [join(PG_BIN, cmd), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    return asRoot
      ? execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { stdio: "pipe" })
      : execFileSync(join(PG_BIN, cmd), args, { stdio: "pipe" });
  };
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-o", settings, "-l", join(dir, "server.log"), "-w", "-t", "30", "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`could not start a throw-away PostgreSQL cluster: ${stderr}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
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
