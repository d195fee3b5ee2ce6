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
import { verdictLine, type Verdict } from "./targets.ts";
import { secs } from "./table.ts";

export const STARTUP_TARGETS = { freshSeconds: 10, existingSeconds: 3 };

export interface StartupRun {
  /** Spawn until /api/health answered, seconds. */
  seconds: number;
  /** Spawn until the first line was printed: Node and loading the built modules. */
  loadSeconds: number;
  /** What the process itself reports in "Reliefline is ready in X s" (after loading). */
  reportedSeconds: number;
  /** A new folder only: whether it started from the build's migrated database (store/data-template.ts). */
  fromTemplate?: boolean;
}

export interface StartupResult {
  fresh: StartupRun;
  existing: StartupRun[];
  /** The existing folder started through `npm start` (npm's own start-up included). */
  viaNpm: StartupRun;
}

async function once(folder: string, viaNpm = false): Promise<StartupRun> {
  const server = await startServer(
    ["--data", folder],
    cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "bench-admin-password" }),
    180_000,
    viaNpm,
  );
  const lines = server.lines();
  const reported = /Reliefline is ready in (\d+(?:\.\d+)?) s/.exec(server.stdout());
  const stopped = await server.stop();
  if (stopped.code !== 0 && !viaNpm)
    throw new Error(`reliefline start did not stop cleanly (${stopped.code}):\n${stopped.output}`);
  return {
    seconds: server.readyMs / 1000,
    loadSeconds: (lines[0]?.ms ?? NaN) / 1000,
    reportedSeconds: reported ? Number(reported[1]) : NaN,
    ...(server.stdout().includes("Creating the embedded database") && {
      fromTemplate: server.stdout().includes("from the build's migrated database"),
    }),
  };
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

/** The two start-up targets of issue 14, one verdict each; both NOT RUN when start failed. */
export function startupVerdicts(r: StartupResult | { failed: string }): Verdict[] {
  const via = "reliefline start from the built JavaScript, spawn until /api/health answers";
  const goal = (seconds: number) => `≤ ${seconds} s`;
  if ("failed" in r) {
    return [
      {
        target: `start on an existing data folder (${via})`,
        met: undefined,
        figure: `failed: ${r.failed}`,
        goal: goal(STARTUP_TARGETS.existingSeconds),
      },
      {
        target: `start on a new data folder (${via})`,
        met: undefined,
        figure: `failed: ${r.failed}`,
        goal: goal(STARTUP_TARGETS.freshSeconds),
      },
    ];
  }
  const existing = r.existing.map((x) => x.seconds);
  return [
    {
      target: `start on an existing data folder (${via})`,
      met: median(existing) <= STARTUP_TARGETS.existingSeconds,
      figure: `${secs(median(existing), 2)} (median of ${existing.length}; through npm start ${secs(r.viaNpm.seconds, 2)})`,
      goal: goal(STARTUP_TARGETS.existingSeconds),
    },
    {
      target: `start on a new data folder (${via})`,
      met: r.fresh.seconds <= STARTUP_TARGETS.freshSeconds,
      figure: `${secs(r.fresh.seconds, 2)} (${r.fresh.fromTemplate ? "from the build's migrated database" : "initdb and migrations"}, administrator, demo loaded)`,
      goal: goal(STARTUP_TARGETS.freshSeconds),
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await measureStartup();
  const row = (name: string, x: StartupRun) =>
    console.log(
      `  ${name.padEnd(24)} ${x.seconds.toFixed(2)} s (load ${x.loadSeconds.toFixed(2)} s; reports ready in ${x.reportedSeconds.toFixed(1)} s)${x.fromTemplate === undefined ? "" : x.fromTemplate ? "; from the migrated template" : "; by initdb"}`,
    );
  row("new data folder", r.fresh);
  r.existing.forEach((x, i) => row(`existing #${i + 1}`, x));
  row("existing, npm start", r.viaNpm);
  for (const v of startupVerdicts(r)) console.log(verdictLine(v));
}
