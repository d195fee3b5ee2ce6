import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // verbose: CI output shows every test, including which engine each store test ran on
    reporters: ["verbose", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
