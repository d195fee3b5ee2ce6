// The operations-room UI's build: where it lives, whether it is older than its sources,
// and building it with Vite when it is. `reliefline start` and the UI tests call this,
// so a fresh clone's `npm install && npm start` serves the UI without a separate step.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const WEB_SOURCE = join(REPO_ROOT, "web");
export const WEB_DIST = join(REPO_ROOT, "dist", "web");

/** Newest modification time under `path`; installed packages are not sources, and a dangling link counts as nothing. */
function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  // Installed packages are not sources (and a worktree's node_modules may be a dangling link).
  for (const entry of readdirSync(path)) if (entry !== "node_modules") newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the UI needs building, or null when dist/web is newer than everything it is built from. */
export function webBuildNeeded(): string | null {
  const index = join(WEB_DIST, "index.html");
  if (!existsSync(index)) return "the UI has not been built yet";
  if (!existsSync(WEB_SOURCE)) return null;
  const built = statSync(index).mtimeMs;
  // The UI also imports the pure domain modules it shares with the server (roles, event types).
  const sources = [WEB_SOURCE, join(REPO_ROOT, "src", "core"), join(REPO_ROOT, "package-lock.json")].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built) ? "the UI sources changed since the last build" : null;
}

/** Builds the UI into dist/web when it is missing or stale; returns what it did. */
export async function ensureWebBuild(say: (line: string) => void = () => undefined): Promise<"fresh" | "built" | "unavailable"> {
  const reason = webBuildNeeded();
  if (!reason) return "fresh";
  if (!existsSync(WEB_SOURCE)) return "unavailable";
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    say(`The UI needs building (${reason}) but Vite is not installed (npm install without --omit=dev); serving the API only.`);
    return "unavailable";
  }
  say(`Building the operations-room UI (${reason})…`);
  const started = Date.now();
  await vite.build({ configFile: join(WEB_SOURCE, "vite.config.ts"), logLevel: "warn" });
  say(`  UI built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return "built";
}
