// Runs the production build (scripts/build.mjs) in a child process, for the benchmark and the
// end-to-end tests' UI build; throws with its output when it fails.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BUILD_SCRIPT = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));
export const REPO = fileURLToPath(new URL("..", import.meta.url));

export function runBuild(args: readonly string[]): void {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT, ...args], { cwd: REPO, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the build failed (${args.join(" ")}):\n${result.stderr}${result.stdout}`);
}
