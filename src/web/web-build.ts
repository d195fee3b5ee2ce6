// Where the operations-room UI's production build lives, and whether what is there may be
// served. `npm run build` (scripts/build.mjs) writes it with a build.json recording its mode;
// the server never builds it and serves only a production build (a UI built another way,
// such as a development or test build, is refused rather than served as if it were one).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const WEB_DIST = join(REPO_ROOT, "dist", "web");

/** Null when `dir` holds a production build of the UI; otherwise why it may not be served. */
export function webBuildProblem(dir: string = WEB_DIST): string | null {
  if (!existsSync(join(dir, "index.html"))) return "the UI is not built (run `npm run build`)";
  let mode: unknown;
  try {
    mode = (JSON.parse(readFileSync(join(dir, "build.json"), "utf8")) as { mode?: unknown }).mode;
  } catch {
    mode = undefined;
  }
  if (mode !== "production") return `${dir} does not hold a production build of the UI (run \`npm run build\`)`;
  return null;
}
