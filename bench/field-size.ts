// The field app's initial JavaScript: the module script field/index.html loads and the
// chunks it preloads, each gzipped at level 9, against a budget of 150 KB.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { WEB_DIST } from "../src/web/web-build.ts";
import { runBuild } from "./build.ts";

export const FIELD_JS_BUDGET_BYTES = 150 * 1024;

export interface FieldSize {
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
  bytes: number;
  withinBudget: boolean;
}

/** The field app's initial JS: field/index.html's module script and the chunks it preloads. */
export async function measureFieldSize(): Promise<FieldSize> {
  runBuild(["web", "--if-stale"]);
  const html = readFileSync(join(WEB_DIST, "field", "index.html"), "utf8");
  const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const files = [...new Set(initial)].map((file) => {
    const content = readFileSync(join(WEB_DIST, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const gzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  return {
    files,
    gzipBytes,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    withinBudget: gzipBytes <= FIELD_JS_BUDGET_BYTES,
  };
}
