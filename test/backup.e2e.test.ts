// `reliefline backup` and `reliefline restore` as an operator runs them, while the server
// goes on taking writes: through the running server for the embedded database (which the
// server owns), directly beside it for PostgreSQL and a Citus coordinator; each restored
// into an empty store, where verify passes and every event acknowledged before the backup
// began is present.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli, signInHttp, startServer, type RunningServer } from "../bench/cli-process.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { freshCitusUrl } from "./helpers/engines.ts";
import { idsInExport, LOAD_OP, setUpLoadOperation, startLoad } from "./helpers/ingest-load.ts";

const ADMIN = "admin@reliefline.local";
const PASSWORD = "backup-test-password";
const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: PASSWORD, RELIEFLINE_LOG_LEVEL: "warn" });
let tmp: string;
const running = new Set<RunningServer>();

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "reliefline-backup-"));
});
afterAll(async () => {
  await Promise.all([...running].map((s) => s.stop(5_000)));
  rmSync(tmp, { recursive: true, force: true });
});

async function newDatabase(): Promise<string | null> {
  const url = inject("postgresUrl");
  if (!url) return null;
  const name = `backup_${randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.query(`create database ${name}`);
  await admin.close();
  return url.replace(/\/postgres$/, `/${name}`);
}

async function exportedIds(store: string[]): Promise<Set<string>> {
  const result = await runCli(["export", "ledger", "--operation", LOAD_OP, ...store], env);
  expect(result.code, result.stderr).toBe(0);
  return idsInExport(result.stdout);
}

/** A store's flags: a data folder, a new PostgreSQL database, or a new database on the Citus cluster (null when that server is missing). */
async function storeOn(engine: "pglite" | "postgres" | "citus", name: string): Promise<string[] | null> {
  if (engine === "pglite") return ["--data", join(tmp, name)];
  if (engine === "postgres") return newDatabase().then((u) => (u ? ["--database-url", u] : null));
  return inject("citusNodes") ? ["--database-url", await freshCitusUrl()] : null;
}

for (const engine of ["pglite", "postgres", "citus"] as const) {
  describe(`backup while writes go on, restore into an empty store [${engine}]`, () => {
    it("round-trips: the restored store verifies and holds every event acknowledged before the backup", async () => {
      const source = await storeOn(engine, "source");
      const target = await storeOn(engine, "target");
      if (!source || !target) {
        if (process.env[engine === "citus" ? "RELIEFLINE_REQUIRE_CITUS" : "RELIEFLINE_REQUIRE_POSTGRES"] === "1")
          throw new Error(`no ${engine} server in this test run`);
        return;
      }
      const server = await startServer([...source, "--no-demo"], env);
      running.add(server);
      const cookie = await signInHttp(server.base, ADMIN, PASSWORD);
      await setUpLoadOperation(server.base, cookie);
      const load = startLoad(server.base, cookie, { workers: 2, batchSize: 100 });
      await load.after(3);
      const before = new Set(load.acknowledged);
      const file = join(tmp, `${engine}.backup.gz`);
      let backup;
      if (engine === "pglite") {
        // The server owns the folder: the CLI says so, and backs up through the server.
        const refused = await runCli(["backup", file, ...source], env);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain("--server");
        const token = await fetch(`${server.base}/api/auth/tokens`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({ name: "backup" }),
        }).then((r) => r.json() as Promise<{ token: string }>);
        backup = await runCli(["backup", file, "--server", server.base], { ...env, RELIEFLINE_TOKEN: token.token });
      } else {
        backup = await runCli(["backup", file, ...source], env);
      }
      expect(backup.code, backup.output).toBe(0);
      expect(backup.stdout).toContain("Backup written");
      await load.after(load.answered + 2); // writes went on during and after the backup
      await load.stop();
      await server.stop();
      running.delete(server);

      const restored = await runCli(["restore", file, ...target], env);
      expect(restored.code, restored.output).toBe(0);
      expect(restored.stdout).toMatch(
        new RegExp(`${LOAD_OP}: \\d+ events, hash chain intact, projections match the events`),
      );
      const verify = await runCli(["verify", ...target], env);
      expect(verify.code, verify.output).toBe(0);
      const ids = await exportedIds(target);
      for (const id of before)
        expect(ids.has(id), `event ${id}, acknowledged before the backup, is missing`).toBe(true);
      expect(ids.size).toBeLessThanOrEqual(load.acknowledged.size);

      // A second restore into the same (now full) store is refused, and changes nothing.
      const again = await runCli(["restore", file, ...target], env);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("already holds users or operations");
    }, 400_000);
  });
}
