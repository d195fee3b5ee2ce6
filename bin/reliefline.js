#!/usr/bin/env node
// The `reliefline` command. It runs the built JavaScript in dist/cli (see scripts/build.mjs).
// When that build is missing or older than its sources and the build tools are installed,
// it first runs the build in a child process (for `start`, the UI too), so a fresh clone's
// `npm install && npm start` works and an edited source never runs stale; the command itself
// then runs with no build tool, TypeScript loader or bundler loaded. RELIEFLINE_NO_BUNDLE=1
// runs the TypeScript sources through tsx instead (development only). For stack traces that
// name the TypeScript sources, run Node with --enable-source-maps.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CLI_BUNDLE, ROOT, staleness } from "./build-state.js";

const BUILD_SCRIPT = join(ROOT, "scripts", "build.mjs");

function buildToolsInstalled() {
  try {
    createRequire(import.meta.url).resolve("esbuild");
    return existsSync(BUILD_SCRIPT);
  } catch {
    return false;
  }
}

if (process.env.RELIEFLINE_NO_BUNDLE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
} else {
  // The migrated database template (part "data") only makes new data folders faster: without it they are created as before.
  const parts = process.argv[2] === "start" ? ["cli", "web", "data"] : ["cli"];
  const stale = parts.filter((part) => staleness(part) !== null);
  if (stale.length > 0 && buildToolsInstalled()) {
    // The build's messages go to stderr: a command's output (an export, a report) stays clean.
    spawnSync(process.execPath, [BUILD_SCRIPT, ...stale], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  }
  if (!existsSync(CLI_BUNDLE)) {
    console.error("Reliefline is not built: run `npm run build` (it needs the devDependencies: `npm install`).");
    process.exit(1);
  }
  await import(pathToFileURL(CLI_BUNDLE).href);
}
