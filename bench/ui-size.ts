// The UI's initial JavaScript, gzipped: what a phone on a field network downloads
// before the first screen (index.html's module script and the chunks it preloads;
// lazily loaded pages are not counted). Target: under 300 KB.
// Run: npx tsx bench/ui-size.ts  (builds the UI first if dist/web is missing or stale)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { WEB_DIST } from "../src/web/web-build.ts";
import { runBuild } from "./build.ts";

export const UI_INITIAL_JS_BUDGET_BYTES = 300 * 1024;

export interface UiSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
  withinBudget: boolean;
}

export async function measureUiSize(): Promise<UiSize> {
  runBuild(["web", "--if-stale"]);
  const html = readFileSync(join(WEB_DIST, "index.html"), "utf8");
  const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const files = [...new Set(initial)].map((file) => {
    const content = readFileSync(join(WEB_DIST, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, bytes, gzipBytes, withinBudget: gzipBytes < UI_INITIAL_JS_BUDGET_BYTES };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const size = await measureUiSize();
  for (const f of size.files)
    console.log(`  ${f.file}  ${(f.bytes / 1024).toFixed(1)} KB  (gzip ${(f.gzipBytes / 1024).toFixed(1)} KB)`);
  console.log(
    `UI initial JS: ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped (${(size.bytes / 1024).toFixed(1)} KB raw); budget ${UI_INITIAL_JS_BUDGET_BYTES / 1024} KB: ${size.withinBudget ? "within" : "OVER"}`,
  );
  if (!size.withinBudget) process.exitCode = 1;
}
