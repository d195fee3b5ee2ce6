#!/usr/bin/env node
// Runs the CLI from its esbuild bundle (bin/cli-bundle.js), rebuilding it first when a
// source changed. Without esbuild, or if bundling fails, it runs the TypeScript sources
// directly through tsx's loader, which is slower to start but always works (also with
// RELIEFLINE_NO_BUNDLE=1). For stack traces that name the TypeScript sources, run Node
// with --enable-source-maps: the bundle carries an inline source map.
import { pathToFileURL } from "node:url";
import { BUNDLE, buildBundle, bundleIsFresh } from "./cli-bundle.js";

let bundled = bundleIsFresh();
if (!bundled && process.env.RELIEFLINE_NO_BUNDLE !== "1") {
  bundled = await buildBundle().then(() => true, () => false);
}
if (bundled && process.env.RELIEFLINE_NO_BUNDLE !== "1") {
  await import(pathToFileURL(BUNDLE).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
