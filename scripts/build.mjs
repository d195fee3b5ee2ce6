#!/usr/bin/env node
// The production build: `npm run build` (all parts) or `node scripts/build.mjs [cli] [web]
// [--if-stale] [--web-out DIR]`. Writes
//   dist/cli/main.mjs                 the CLI and HTTP server, bundled by esbuild (packages stay external)
//   dist/cli/allocation.worker.mjs    the allocation worker thread
//   dist/cli/claims.worker.mjs        the claims reader's worker thread (long texts)
//   dist/cli/verify-events.worker.mjs verify's worker threads (hashing, moves)
//   dist/cli/migrations/*.sql         the migrations, read beside the bundle
//   dist/package.json                 name and version, read by the bundle (src/version.ts)
//   dist/web/                         the operations-room UI, every input web/vite.config.ts lists,
//                                     built by Vite in production mode
//   dist/pgdata-template/             a migrated embedded database (pgdata/, and template.json: the
//                                     PGlite version and the migrations' checksums) that new data
//                                     folders start from as a copy; made by the built CLI (part "data"),
//                                     remade when a migration changes
// and a build.json in dist/cli and dist/web recording the mode and time of the build, so the
// launcher rebuilds what is stale and `reliefline start` serves only a production UI.
// Each part is built into a temporary folder and moved into place, so a concurrent run never
// sees half a build. Build tools (esbuild, Vite) are devDependencies: they run here, never in
// the server.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CLI_DIR, DATA_DIR, DIST, PARTS, RECORD, ROOT, WEB_DIR, staleness } from "../bin/build-state.js";

// Vitest runs with NODE_ENV=test, and Vite builds React's development bundle for anything but "production".
process.env.NODE_ENV = "production";

const args = process.argv.slice(2);
const ifStale = args.includes("--if-stale");
const webOutAt = args.indexOf("--web-out");
const webOut = webOutAt >= 0 ? resolve(process.cwd(), args[webOutAt + 1]) : WEB_DIR;
const named = args.filter((a, i) => !a.startsWith("--") && (webOutAt < 0 || i !== webOutAt + 1));
const parts = named.length > 0 ? PARTS.filter((p) => named.includes(p)) : PARTS;
const say = (line) => process.stderr.write(line + "\n");

function swapInto(temporary, target) {
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(temporary, target);
  } catch (error) {
    // A concurrent build moved its own result into place first: keep that one.
    rmSync(temporary, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  }
}

async function buildCli() {
  const esbuild = await import("esbuild");
  const temporary = join(DIST, `.cli-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: {
      main: join(ROOT, "src/cli/main.ts"),
      "allocation.worker": join(ROOT, "src/allocation/allocation.worker.ts"),
      "claims.worker": join(ROOT, "src/claims/claims.worker.ts"),
      "verify-events.worker": join(ROOT, "src/verify/verify-events.worker.ts"),
      "data-template": join(ROOT, "src/store/data-template.ts"),
    },
    outdir: temporary,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  cpSync(join(ROOT, "src/store/migrations"), join(temporary, "migrations"), { recursive: true });
  const { name, version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  mkdirSync(DIST, { recursive: true });
  writeFileSync(
    join(DIST, "package.json"),
    JSON.stringify({ name: `${name}-build`, version, private: true, type: "module" }, null, 2) + "\n",
  );
  const inputs = Object.keys(result.metafile.inputs)
    .map((file) => relative(ROOT, join(ROOT, file)))
    .filter((file) => !file.startsWith("node_modules"));
  writeFileSync(
    join(temporary, RECORD),
    JSON.stringify({ mode: "production", root: ROOT, builtAt: Date.now(), inputs }, null, 2) + "\n",
  );
  swapInto(temporary, CLI_DIR);
}

async function buildWeb(outDir) {
  const vite = await import("vite");
  const temporary = join(outDir, "..", `.web-${process.pid}`);
  const builtAt = Date.now();
  await vite.build({
    configFile: join(ROOT, "web/vite.config.ts"),
    mode: "production",
    logLevel: "warn",
    build: { outDir: temporary, emptyOutDir: true },
  });
  writeFileSync(join(temporary, RECORD), JSON.stringify({ mode: "production", builtAt }, null, 2) + "\n");
  mkdirSync(outDir, { recursive: true });
  swapInto(temporary, outDir);
}

async function buildData() {
  if (!existsSync(join(CLI_DIR, "data-template.mjs"))) throw new Error("the CLI is not built: build it first (cli)");
  // The built CLI's own migrations and migration runner make it, so the template is what that CLI would create.
  const { makeDataTemplate } = await import(pathToFileURL(join(CLI_DIR, "data-template.mjs")).href);
  const record = await makeDataTemplate(DATA_DIR);
  say(`  ${record.migrations.length} migrations applied.`);
}

for (const name of named)
  if (!PARTS.includes(name)) throw new Error(`unknown part ${name}: the parts are ${PARTS.join(", ")}`);
for (const part of parts) {
  const dir = part === "cli" ? CLI_DIR : part === "data" ? DATA_DIR : webOut;
  const why = staleness(part, dir);
  if (ifStale && why === null) continue;
  const started = performance.now();
  say(
    `Building the ${{ cli: "server and CLI", web: "operations-room UI", data: "migrated database for new data folders" }[part]} into ${relative(process.cwd(), dir) || "."}${why ? ` (${why})` : ""}…`,
  );
  if (part === "cli") await buildCli();
  else if (part === "data") await buildData();
  else await buildWeb(dir);
  say(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
if (!existsSync(join(CLI_DIR, "main.mjs")) && parts.includes("cli")) process.exit(1);
