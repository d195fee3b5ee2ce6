// The field app, measured: its initial JavaScript (gzip, budget 150 KB); an offline start
// with the working set of a 10,000-unit operation (navigation → the task list painted, and
// → a unit opened from the phone's store; budget 2 s), beside a 50-unit operation and a
// static hello page in the same browser; and the sync of 1,000 queued events on each
// engine (budget 5 s on PostgreSQL), beside posting the same number of events straight to
// the batch endpoint from Node. Times are taken inside the page (a paint probe, as
// bench/ui-render.ts does), so the test driver's polling is not counted.
// Run: npx tsx bench/field.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { v7 as uuidv7 } from "uuid";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildApp } from "../src/api/app.ts";
import { createUser } from "../src/app/identity.ts";
import { addItems, addLocations, createOperation } from "../src/app/catalogue.ts";
import { registerUnits } from "../src/app/units.ts";
import { replaceManifests } from "../src/store/units.sql.ts";
import { findOperation, findOperationWithHead } from "../src/store/catalogue.sql.ts";
import type { Db } from "../src/store/db.ts";
import type { Principal } from "../src/app/principal.ts";
import { luhnCheckDigit } from "../src/core/identifiers.ts";
import { WEB_DIST } from "../src/web/web-build.ts";
import { runBuild } from "./build.ts";
import type { EngineFactory } from "./engines.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
export const FIELD_JS_BUDGET_BYTES = 150 * 1024;
export const FIELD_START_BUDGET_MS = 2000;
export const FIELD_SYNC_BUDGET_S = 5;
const PASSWORD = "bench field password";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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

/** An operation with `units` covered wagons (valid 8-digit numbers), each with a one-line manifest. */
async function seedOperation(db: Db, admin: Principal, code: string, units: number): Promise<string[]> {
  await createOperation(db, admin, { code, name: `Bench ${code}`, timeZone: "Asia/Yerevan" });
  await addLocations(db, admin, code, [
    { code: "RAILHEAD", name: "Railhead", kind: "railhead" },
    { code: "DEPOT", name: "Depot", kind: "origin-depot" },
  ]);
  await addItems(db, admin, code, [{ code: "FLOUR", name: "Flour", uom: "TNE", kind: "goods" }]);
  const numbers = Array.from({ length: units }, (_, i) => {
    const payload = `2${String(1_000_000 + i).slice(1)}`;
    return payload + String(luhnCheckDigit(payload));
  });
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += 2000) {
    await registerUnits(
      db,
      admin,
      code,
      unique
        .slice(i, i + 2000)
        .map((number) => ({ number, scheme: "rail1520" as const, kind: "covered-wagon" as const })),
      new Date(),
    );
  }
  const operation = (await findOperation(db, code))!;
  await db.transaction((tx) =>
    replaceManifests(tx, operation.id, new Map(unique.map((n) => [n, [{ item: "FLOUR", quantity: "55" }]]))),
  );
  return unique;
}

interface Served {
  base: string;
  admin: Principal;
  close(): Promise<void>;
}

async function serve(db: Db): Promise<Served> {
  const { user } = await createUser(db, "system", {
    email: "bench-field@reliefline.local",
    name: "Bench",
    isAdmin: true,
    password: PASSWORD,
  });
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    admin: { userId: user.id, email: user.email, isAdmin: true },
    close: () => app.close(),
  };
}

/** Stamps window.__rlPainted at the frame where `selector` first appears. */
const paintProbe = (selector: string) => `(() => {
  const check = () => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    observer.disconnect();
    requestAnimationFrame((frame) => { window.__rlPainted = frame; });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function signIn(page: Page, base: string, operation: string): Promise<void> {
  await page.goto(`${base}/field/`);
  await page.getByLabel("Email").fill("bench-field@reliefline.local");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Name of this phone").fill("Bench phone");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The benchmark's administrator sees every operation: choose this one.
  const chooser = page.getByLabel("Choose the operation you work on");
  const heading = page.getByRole("heading", { name: `Bench ${operation}` });
  await chooser.or(heading).waitFor({ timeout: 60_000 });
  if (await chooser.isVisible()) {
    await chooser.selectOption(operation);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await heading.waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
        .controller !== null,
  );
}

async function paintedAt(context: BrowserContext, url: string, selector: string): Promise<number> {
  const page = await context.newPage();
  await page.addInitScript({ content: paintProbe(selector) });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    () => (globalThis as unknown as { __rlPainted?: number }).__rlPainted !== undefined,
    null,
    { timeout: 30_000, polling: 10 },
  );
  const painted = Number(await page.evaluate(() => (globalThis as unknown as { __rlPainted?: number }).__rlPainted));
  await page.close();
  return painted;
}

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
    const big = await seedOperation(opened.db, served.admin, "BENCH-10K", 10_000);
    await seedOperation(opened.db, served.admin, "BENCH-50", 50);
    log(`  seeded ${big.length} units (and a 50-unit baseline)`);
    const measure = async (operation: string, unit: string | undefined) => {
      const profile = mkdtempSync(join(tmpdir(), "rl-bench-phone-"));
      profiles.push(profile);
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: ARGS,
        viewport: { width: 360, height: 640 },
        locale: "en-GB",
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
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
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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
        await page.waitForFunction(
          () => (globalThis as unknown as { __rlPainted?: number }).__rlPainted !== undefined,
          null,
          { timeout: 30_000, polling: 10 },
        );
        helloRuns.push(
          Number(await page.evaluate(() => (globalThis as unknown as { __rlPainted?: number }).__rlPainted)),
        );
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

export interface FieldSync {
  engine: string;
  events: number;
  /** The phone: Sync now → everything stored (in-page clock). */
  seconds: number;
  /** Baseline: the same number of events posted from Node in batches of 200, mode=each. */
  directSeconds: number;
  skipped?: string;
}

/** 1,000 arrivals queued in the phone's outbox (written into its IndexedDB as the app would), then one sync. */
export async function measureFieldSync(
  engine: EngineFactory,
  events = 1000,
  log: (line: string) => void = () => undefined,
): Promise<FieldSync> {
  if (!existsSync(CHROMIUM))
    return { engine: engine.name, events, seconds: NaN, directSeconds: NaN, skipped: `no browser at ${CHROMIUM}` };
  runBuild(["web", "--if-stale"]);
  const opened = await engine.open();
  if ("skipped" in opened)
    return { engine: engine.name, events, seconds: NaN, directSeconds: NaN, skipped: opened.skipped };
  const served = await serve(opened.db);
  const profile = mkdtempSync(join(tmpdir(), "rl-bench-phone-"));
  try {
    const units = await seedOperation(opened.db, served.admin, "BENCH-SYNC", events * 2);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 360, height: 640 },
      locale: "en-GB",
    });
    let seconds: number;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await signIn(page, served.base, "BENCH-SYNC");
      await context.setOffline(true);
      const queued = units
        .slice(0, events)
        .map((unit, n) => ({
          id: uuidv7(),
          n: n + 1,
          state: "waiting",
          attempts: 0,
          flow: "bench",
          recordedAt: new Date().toISOString(),
          route: { kind: "batch" },
          event: {
            id: "",
            type: "UnitArrived",
            eventTime: new Date(Date.now() - 60_000).toISOString(),
            unit,
            location: "RAILHEAD",
            origin: { offline: true },
          },
        }))
        .map((e) => ({ ...e, event: { ...e.event, id: e.id } }));
      await page.evaluate(`(async (entries) => {
        const db = await new Promise((resolve, reject) => { const r = indexedDB.open("reliefline-field"); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        await new Promise((resolve, reject) => {
          const tx = db.transaction(["outbox", "meta"], "readwrite");
          for (const e of entries) tx.objectStore("outbox").put(e);
          const meta = tx.objectStore("meta");
          const get = meta.get("meta");
          get.onsuccess = () => meta.put({ ...get.result, nextN: entries.length + 1 }, "meta");
          tx.oncomplete = resolve; tx.onerror = () => reject(tx.error);
        });
      })(${JSON.stringify(queued)})`);
      await page.reload();
      await page.getByText(`${events} events wait to be sent`).waitFor({ timeout: 60_000 });
      await context.setOffline(false);
      await page.evaluate(
        () => ((globalThis as unknown as { __rlSyncStart: number }).__rlSyncStart = performance.now()),
      );
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByText("Everything is in the ledger").waitFor({ timeout: 120_000 });
      seconds =
        Number(
          await page.evaluate(
            () => performance.now() - (globalThis as unknown as { __rlSyncStart: number }).__rlSyncStart,
          ),
        ) / 1000;
    } finally {
      await context.close();
    }
    const op = (await findOperationWithHead(opened.db, "BENCH-SYNC"))!;
    if (op.lastSeq !== events) throw new Error(`the phone's sync stored ${op.lastSeq} events, not ${events}`);
    const login = await fetch(`${served.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: served.admin.email, password: PASSWORD }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const direct = units.slice(events, events * 2).map((unit) => ({
      id: uuidv7(),
      type: "UnitArrived",
      eventTime: new Date(Date.now() - 60_000).toISOString(),
      unit,
      location: "RAILHEAD",
    }));
    const started = performance.now();
    for (let i = 0; i < direct.length; i += 200) {
      const res = await fetch(`${served.base}/api/operations/BENCH-SYNC/events/batch?mode=each`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ events: direct.slice(i, i + 200) }),
      });
      if (res.status !== 200) throw new Error(`direct batch: ${res.status} ${await res.text()}`);
    }
    const directSeconds = (performance.now() - started) / 1000;
    log(
      `  ${engine.name}: the phone synced ${events} events in ${seconds.toFixed(2)} s; Node posting as many: ${directSeconds.toFixed(2)} s`,
    );
    return { engine: engine.name, events, seconds, directSeconds };
  } finally {
    await served.close();
    await opened.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { pgliteEngine, postgresEngine } = await import("./engines.ts");
  const size = await measureFieldSize();
  console.log(
    `field app initial JS: ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped (budget 150 KB): ${size.withinBudget ? "within" : "OVER"}`,
  );
  console.log(await measureFieldStart(pgliteEngine, 3, console.log));
  for (const engine of [pgliteEngine, postgresEngine]) console.log(await measureFieldSync(engine, 1000, console.log));
}
