// A stand-in for a built UI (index.html, one hashed asset and the field app's page and worker in a temp folder), so HTTP tests
// of serving the UI need no Vite build. The end-to-end tests use a real one (global setup).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURE_ASSET = "index-C0ffee42.js";

export function webFixture(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "reliefline-web-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(
    join(root, "index.html"),
    `<!doctype html><html><head><script type="module" src="/assets/${FIXTURE_ASSET}"></script></head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(join(root, "assets", FIXTURE_ASSET), "export {};\n");
  writeFileSync(join(root, "build.json"), JSON.stringify({ mode: "production", builtAt: Date.now() }));
  // The field app's page and service worker (web/field), served under /field/.
  mkdirSync(join(root, "field"));
  writeFileSync(
    join(root, "field", "index.html"),
    `<!doctype html><html><head><link rel="manifest" href="/field/manifest.webmanifest"></head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(join(root, "field", "sw.js"), "self.addEventListener('fetch', () => undefined);\n");
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
