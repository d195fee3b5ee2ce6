// The field app's offline start: the working set of a 10,000-unit operation in the phone's
// store, then, offline, navigation → the task list painted, and → a unit opened from the
// phone's store (budget 2 s), beside a 50-unit operation and a static hello page in the same
// browser.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/helpers/chromium.ts";
import { runBuild } from "./build.ts";
import type { EngineFactory } from "./engines.ts";
import { openPhone, paintedAt, paintProbe, paintStamp, phonePage, signIn } from "./field-phone.ts";
import { seedWagons, serve } from "./field-scenario.ts";

export const FIELD_START_BUDGET_MS = 2000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface FieldStart {
  runs: number;
  units: number;
  /** Offline navigation → the task list painted, 10,000-unit operation (median). */
  startMs: number;
  /** Offline navigation → a unit's count screen painted, found in the phone's store (median). */
  unitMs: number;
  /** The same start with a 50-unit operation, and a static hello page, same browser. */
  smallStartMs: number;
  helloMs: number;
  withinBudget: boolean;
}

export async function measureFieldStart(
  engine: EngineFactory,
  runs = 5,
  log: (line: string) => void = () => undefined,
): Promise<FieldStart | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no browser at ${CHROMIUM}` };
  runBuild(["web", "--if-stale"]);
  const opened = await engine.open();
  if ("skipped" in opened) return opened;
  const served = await serve(opened.db);
  const profiles: string[] = [];
  try {
    const big = await seedWagons(opened.db, served.admin, "BENCH-10K", 10_000);
    await seedWagons(opened.db, served.admin, "BENCH-50", 50);
    log(`  seeded ${big.length} units (and a 50-unit baseline)`);
    const measure = async (operation: string, unit: string | undefined) => {
      const profile = mkdtempSync(join(tmpdir(), "rl-bench-phone-"));
      profiles.push(profile);
      const context = await openPhone(profile);
      try {
        const page = await phonePage(context);
        // A phone holds one operation: the one it signed in to last.
        await signIn(page, served.base, operation);
        await context.setOffline(true);
        const starts: number[] = [];
        const opens: number[] = [];
        for (let i = 0; i < runs; i++) {
          starts.push(await paintedAt(context, `${served.base}/field/`, "a.task"));
          if (unit) opens.push(await paintedAt(context, `${served.base}/field/#/unload?unit=${unit}`, "ol.manifest"));
        }
        return { starts, opens };
      } finally {
        await context.close();
      }
    };
    const small = (await measure("BENCH-50", undefined)).starts;
    const large = await measure("BENCH-10K", big[big.length - 1]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const helloRuns: number[] = [];
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route("http://hello.invalid/", (route) =>
        route.fulfill({ contentType: "text/html", body: "<!doctype html><title>hello</title><h1>Hello</h1>" }),
      );
      for (let i = 0; i < runs; i++) {
        await page.addInitScript({ content: paintProbe("h1") });
        await page.goto("http://hello.invalid/", { waitUntil: "commit" });
        helloRuns.push(await paintStamp(page));
      }
    } finally {
      await browser.close();
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    log(
      `  offline start, 10,000 units: ${fmt(large.starts)} ms; unit opened: ${fmt(large.opens)} ms; 50 units: ${fmt(small)} ms; hello page ${fmt(helloRuns)} ms`,
    );
    const startMs = median(large.starts);
    const unitMs = median(large.opens);
    return {
      runs,
      units: big.length,
      startMs,
      unitMs,
      smallStartMs: median(small),
      helloMs: median(helloRuns),
      withinBudget: Math.max(startMs, unitMs) <= FIELD_START_BUDGET_MS,
    };
  } finally {
    await served.close();
    await opened.dispose();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  }
}
