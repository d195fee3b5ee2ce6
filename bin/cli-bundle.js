// The CLI's compiled bundle: src/cli/main.ts and everything it imports from src/, bundled
// by esbuild into dist/cli/ (npm packages stay external). Loading one bundled file is about
// a second faster than resolving and transforming some 200 TypeScript modules through tsx
// on every start. The bundle is rebuilt whenever one of its source files is newer than it,
// so editing a file never runs stale code. Paths relative to a module (`import.meta.url`:
// migrations, the UI build, package.json) keep pointing at the source files.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(ROOT, "src", "cli", "main.ts");
const OUT_DIR = join(ROOT, "dist", "cli");
export const BUNDLE = join(OUT_DIR, "main.mjs");
const INPUTS = join(OUT_DIR, "inputs.json");

/** True when the bundle exists and none of the files it was built from changed since. */
export function bundleIsFresh() {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return false;
  try {
    const { root, inputs } = JSON.parse(readFileSync(INPUTS, "utf8"));
    if (root !== ROOT) return false;
    const built = statSync(BUNDLE).mtimeMs;
    return inputs.every((file) => statSync(join(ROOT, file)).mtimeMs <= built);
  } catch {
    return false; // an input was removed or the record is unreadable
  }
}

// Each source file keeps its own URL, as if it were loaded unbundled.
const keepModuleUrls = {
  name: "keep-module-urls",
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
      if (args.path.includes(`${join("node_modules", "")}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith("ts") ? "ts" : "js" };
    });
  },
};

/** Builds the bundle; written under a temporary name and renamed, so concurrent starts never load half a file. */
export async function buildBundle() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    metafile: true,
    sourcemap: "inline",
    logLevel: "silent",
    plugins: [keepModuleUrls],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(BUNDLE + suffix, result.outputFiles[0].contents);
  writeFileSync(INPUTS + suffix, JSON.stringify({ root: ROOT, inputs: Object.keys(result.metafile.inputs) }));
  renameSync(INPUTS + suffix, INPUTS);
  renameSync(BUNDLE + suffix, BUNDLE);
}
