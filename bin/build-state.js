// What `npm run build` (scripts/build.mjs) made in dist/, and whether it is still current.
// Plain JavaScript with no dependencies: the launcher (bin/reliefline.js) reads it before
// anything else is loaded. Each part records how it was built in a build.json beside it:
//   dist/cli/build.json   the CLI and server bundle, the allocation worker, the migrations
//   dist/web/build.json   the operations-room UI, built by Vite in production mode
//   dist/pgdata-template/template.json   the migrated embedded database new data folders start from
//                         (src/store/data-template.ts), keyed by the PGlite version and the migrations' checksums
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
export const CLI_DIR = join(DIST, "cli");
export const CLI_BUNDLE = join(CLI_DIR, "main.mjs");
export const WEB_DIR = join(DIST, "web");
export const RECORD = "build.json";
export const DATA_DIR = join(DIST, "pgdata-template");
/** The parts `npm run build` makes, in order (the data template is made by the built CLI). */
export const PARTS = ["cli", "web", "data"];

/** The build record in `dir`, or null when there is none (or it is unreadable). */
export function readRecord(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD), "utf8"));
  } catch {
    return null;
  }
}

/** Newest modification time under `path` (installed packages excluded); 0 when it does not exist. */
export function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path))
    if (entry !== "node_modules") newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** What the UI is built from: its sources, the pure domain modules it shares, and the locked dependencies. */
export const WEB_SOURCES = [join(ROOT, "web"), join(ROOT, "src", "core"), join(ROOT, "package-lock.json")];

/**
 * Why a part needs building, or null when its build is current. `cli`: the bundle is missing,
 * or one of the files it was bundled from (or the migrations, or package.json) is newer.
 * `web` (in `dir`, dist/web by default): missing, not a production build, or older than its sources.
 */
export function staleness(part, dir = part === "cli" ? CLI_DIR : part === "data" ? DATA_DIR : WEB_DIR) {
  if (part === "data") return dataStaleness(dir);
  const record = readRecord(dir);
  if (!record) return "it has not been built yet";
  if (record.mode !== "production") return `it is a ${record.mode ?? "development"} build, not a production one`;
  if (part === "cli") {
    if (!existsSync(join(dir, "main.mjs")) || record.root !== ROOT) return "it has not been built here yet";
    const inputs = [...record.inputs, "src/store/migrations", "package.json"];
    const changed = inputs.find(
      (file) => newestMtime(join(ROOT, file)) > record.builtAt || !existsSync(join(ROOT, file)),
    );
    return changed ? `${changed} changed since` : null;
  }
  if (!existsSync(join(dir, "index.html"))) return "it has not been built yet";
  if (!existsSync(join(ROOT, "web"))) return null; // a deployment without sources serves what it has
  return WEB_SOURCES.some((s) => newestMtime(s) > record.builtAt) ? "its sources changed since" : null;
}

/** The migration files the build holds (the sources', else the built CLI's), as the template records them. */
function migrationsNow() {
  const dir = [join(ROOT, "src", "store", "migrations"), join(CLI_DIR, "migrations")].find((d) => existsSync(d));
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      // The same checksum as src/store/migrate.ts checksumOf: SHA-256 of the text with LF line endings.
      checksum: createHash("sha256")
        .update(readFileSync(join(dir, f), "utf8").replace(/\r\n/g, "\n"))
        .digest("hex"),
    }));
}

function installedPglite() {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"))
      .version;
  } catch {
    return null;
  }
}

/** Why the migrated database template needs making, or null: it holds exactly today's migrations, by checksum. */
function dataStaleness(dir) {
  let record;
  try {
    record = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
  } catch {
    return "it has not been built yet";
  }
  if (!existsSync(join(dir, "pgdata", "PG_VERSION"))) return "it has not been built yet";
  if (record.pglite !== installedPglite()) return `it was made with PGlite ${record.pglite}`;
  const key = (ms) => JSON.stringify(ms.map((m) => [Number(m.version), m.name, m.checksum]));
  return key(record.migrations ?? []) === key(migrationsNow()) ? null : "the migrations changed since";
}
