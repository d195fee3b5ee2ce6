// Start-up time of `reliefline start` from the built JavaScript (npm run build), as a user
// meets it: from spawning the CLI until /api/health answers, on a new data folder (create the
// embedded database, migrate, create the administrator, load the demo) and on an existing one;
// and once more on the existing folder through `npm start`. Run alone: npx tsx bench/startup.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cliEnv, startServer } from "./cli-process.ts";
import { runBuild } from "./build.ts";

export const STARTUP_TARGETS = { freshSeconds: 10, existingSeconds: 3 };

export interface StartupRun {
  /** Spawn until /api/health answered, seconds. */
  seconds: number;
  /** Spawn until the first line was printed: Node and loading the built modules. */
  loadSeconds: number;
  /** What the process itself reports in "Reliefline is ready in X s" (after loading). */
  reportedSeconds: number;
}

export interface StartupResult {
  fresh: StartupRun;
  existing: StartupRun[];
  /** The existing folder started through `npm start` (npm's own start-up included). */
  viaNpm: StartupRun;
}

async function once(folder: string, viaNpm = false): Promise<StartupRun> {
  const server = await startServer(["--data", folder], cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "bench-admin-password" }), 180_000, viaNpm);
  const lines = server.lines();
  const reported = /Reliefline is ready in (\d+(?:\.\d+)?) s/.exec(server.stdout());
  const stopped = await server.stop();
  if (stopped.code !== 0 && !viaNpm) throw new Error(`reliefline start did not stop cleanly (${stopped.code}):\n${stopped.output}`);
  return { seconds: server.readyMs / 1000, loadSeconds: (lines[0]?.ms ?? NaN) / 1000, reportedSeconds: reported ? Number(reported[1]) : NaN };
}

export async function measureStartup(existingRuns = 3): Promise<StartupResult> {
  runBuild(["--if-stale"]); // measure the built JavaScript, not a build
  const dir = mkdtempSync(join(tmpdir(), "reliefline-bench-start-"));
  try {
    const folder = join(dir, "data");
    const fresh = await once(folder);
    const existing: StartupRun[] = [];
    for (let i = 0; i < existingRuns; i++) existing.push(await once(folder));
    const viaNpm = await once(folder, true);
    return { fresh, existing, viaNpm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One line: both targets met or not, with the figures. */
export function startupVerdict(r: StartupResult): string {
  const existing = median(r.existing.map((x) => x.seconds));
  const ok = r.fresh.seconds <= STARTUP_TARGETS.freshSeconds && existing <= STARTUP_TARGETS.existingSeconds;
  return `Start-up: ${ok ? "MET" : "NOT MET"} — existing data folder ${existing.toFixed(1)} s (target ≤ ${STARTUP_TARGETS.existingSeconds} s), ` +
    `new ${r.fresh.seconds.toFixed(1)} s (≤ ${STARTUP_TARGETS.freshSeconds} s), from the built JavaScript; through npm start ${r.viaNpm.seconds.toFixed(1)} s`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await measureStartup();
  const row = (name: string, x: StartupRun) => console.log(`  ${name.padEnd(24)} ${x.seconds.toFixed(2)} s (load ${x.loadSeconds.toFixed(2)} s; reports ready in ${x.reportedSeconds.toFixed(1)} s)`);
  row("new data folder", r.fresh);
  r.existing.forEach((x, i) => row(`existing #${i + 1}`, x));
  row("existing, npm start", r.viaNpm);
  console.log(startupVerdict(r));
}
