// Pulling the plug on a first start: `reliefline start` on a new folder, killed (-9) while it
// loads the demo, leaves nothing that looks like a database (the new database is made beside
// the folder's place and renamed in only once its administrator and demo are in); the next start
// removes what was left, creates the whole thing and serves the whole demo.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli, spawnCli, startServer } from "../bench/cli-process.ts";

const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "first-start-test-password", RELIEFLINE_LOG_LEVEL: "warn" });
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "reliefline-first-start-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a first start killed while it loads the demo", () => {
  it("leaves no database behind, and the next start creates the whole one with the whole demo", async () => {
    const folder = join(tmp, "data");
    const first = spawnCli(["start", "--data", folder, "--port", "0", "--host", "127.0.0.1"], env);
    await vi.waitFor(() => expect(first.output()).toContain("Loading the demo operation"), {
      timeout: 120_000,
      interval: 20,
    });
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal, killed.output).toBe("SIGKILL");
    expect(killed.output).not.toContain("is ready");
    expect(existsSync(join(folder, "pgdata"))).toBe(false);
    expect(readdirSync(folder).filter((f) => f.startsWith("pgdata.partial-"))).toHaveLength(1);

    // The lock names the killed process; the next start must find it gone (not a zombie) to take the folder.
    await vi.waitFor(() => expect(isAlive(first.child.pid!)).toBe(false), { timeout: 10_000 });
    const second = await startServer(["--data", folder], env);
    const stopped = await second.stop(60_000);
    expect(stopped.code, stopped.output).toBe(0);
    expect(stopped.stdout).toContain("An earlier first start in this folder was stopped before it finished");
    expect(stopped.stdout).toContain("154 events to 19 December 2020");
    expect(stopped.stdout).not.toContain("only partly loaded");
    expect(readdirSync(folder).sort()).toEqual(["pgdata"]);

    const verified = await runCli(["verify", "--data", folder], env);
    expect(verified.code, verified.output).toBe(0);
    // The demo's 154 events, and the crane's hand-over to its custodian when the allocation was loaded.
    expect(verified.stdout).toMatch(/STP-RAIL-2020: intact — 155 events/);
  }, 300_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
