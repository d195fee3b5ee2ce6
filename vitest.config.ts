// Three test projects, chosen by file suffix (the suffix says what a test costs):
//   unit — pure: no database, browser, network, child process or global setup;
//   int  — a database or in-process HTTP (store suites on PGlite and on a throw-away PostgreSQL);
//   e2e  — real processes or a real Chromium.
// `npm test` runs all three in that order (each project's wall time is printed at the end);
// `npm run test:unit|test:int|test:e2e` runs one. int and e2e share one set of fixtures per run.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/** Test files whose name says no cost would run in no project: refuse them rather than skip them silently. */
function unclassifiedTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : unclassifiedTests(path);
    return /\.test\.tsx?$/.test(entry.name) && !/\.(unit|int|e2e)\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}
const unclassified = ["src", "test", "web", "bench", "eslint"].flatMap(unclassifiedTests);
if (unclassified.length > 0) {
  throw new Error(
    `test files must end in .unit.test.ts, .int.test.ts or .e2e.test.ts (what they cost): ${unclassified.join(", ")}`,
  );
}

const common = { testTimeout: 30_000, hookTimeout: 120_000, pool: "forks", maxWorkers: 2 } as const;

export default defineConfig({
  test: {
    // verbose: CI output shows every test, including which engine each store test ran on
    reporters: ["verbose", ["json", { outputFile: "test-results/vitest.json" }], "./test/reporters/project-times.ts"],
    projects: [
      {
        test: {
          ...common,
          name: "unit",
          include: ["{src,test,web,bench,eslint}/**/*.unit.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...common,
          name: "int",
          include: ["{src,test,web,bench}/**/*.int.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...common,
          name: "e2e",
          include: ["{src,test,web,bench}/**/*.e2e.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
