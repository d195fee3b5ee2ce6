// Builds the operations-room UI (index.html, served at /) and the field app
// (field/index.html, served at /field) into dist/web, which `reliefline start` serves.
// The field app's service worker is written by hand (field/sw.js); the build fills in the
// list of files it precaches: everything the field entry loads, eagerly or lazily.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Every entry of the build: one HTML file each. Other tools (bench, dist packaging) read this list. */
export const ENTRIES = { main: here("index.html"), field: here("field/index.html") };

interface ChunkLike {
  type: "chunk" | "asset";
  fileName: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  name?: string;
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/** Emits field/sw.js with the field app's files (and a version from their names) in place of its PRECACHE placeholder. */
function fieldServiceWorker(): Plugin {
  return {
    name: "reliefline-field-sw",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, ChunkLike>;
      const seen = new Set<string>();
      const visit = (name: string) => {
        const chunk = files[name];
        if (!chunk || seen.has(name)) return;
        seen.add(name);
        for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
        for (const asset of [...(chunk.viteMetadata?.importedCss ?? []), ...(chunk.viteMetadata?.importedAssets ?? [])])
          seen.add(asset);
      };
      for (const [name, chunk] of Object.entries(files))
        if (chunk.type === "chunk" && chunk.isEntry && chunk.name === "field") visit(name);
      // The WASM reader is referenced by URL from a lazy chunk: keep it for scanning offline.
      for (const name of Object.keys(files)) if (name.endsWith(".wasm")) seen.add(name);
      const assets = [...seen].sort().map((f) => `/${f}`);
      const shell = [
        "/field/",
        "/field/manifest.webmanifest",
        "/field/icon.svg",
        "/field/icon-192.png",
        "/field/icon-512.png",
      ];
      const version = createHash("sha256").update(assets.join("\n")).digest("hex").slice(0, 16);
      const source = readFileSync(here("field/sw.js"), "utf8").replace(
        "self.__RELIEFLINE_PRECACHE__",
        JSON.stringify({ version, files: [...shell, ...assets] }),
      );
      this.emitFile({ type: "asset", fileName: "field/sw.js", source });
    },
  };
}

export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react(), fieldServiceWorker()],
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    rollupOptions: { input: ENTRIES },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
