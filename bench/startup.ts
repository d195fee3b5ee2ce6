// Start-up time of `reliefline start`, as a user meets it: from spawning the CLI until
// /api/health answers, on a new data folder (create the embedded database, migrate,
// create the administrator, load the demo) and on an existing one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, startServer } from "./cli-process.ts";

export interface StartupRun {
  /** Spawn until /api/health answered, seconds. */
  seconds: number;
  /** Spawn until the first line was printed: Node, tsx and loading the modules. */
  loadSeconds: number;
  /** What the process itself reports in "Reliefline is ready in X s" (after loading). */
  reportedSeconds: number;
}

export interface StartupResult {
  fresh: StartupRun;
  existing: StartupRun[];
}

async function once(folder: string): Promise<StartupRun> {
  const server = await startServer(["--data", folder], cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "bench-admin-password" }));
  const lines = server.lines();
  const reported = /Reliefline is ready in (\d+(?:\.\d+)?) s/.exec(server.stdout());
  const stopped = await server.stop();
  if (stopped.code !== 0) throw new Error(`reliefline start did not stop cleanly (${stopped.code}):\n${stopped.output}`);
  return { seconds: server.readyMs / 1000, loadSeconds: (lines[0]?.ms ?? NaN) / 1000, reportedSeconds: reported ? Number(reported[1]) : NaN };
}

export async function measureStartup(existingRuns = 3): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), "reliefline-bench-start-"));
  try {
    const folder = join(dir, "data");
    const fresh = await once(folder);
    const existing: StartupRun[] = [];
    for (let i = 0; i < existingRuns; i++) existing.push(await once(folder));
    return { fresh, existing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
