// The dashboard of the demo in Debian's Chromium: from navigation until the consignment
// progress panel shows its figures ("9 of 54 cars arrived"), against a baseline measured
// in the same browser in the same run (a static hello page from a bare Node server), so the
// figure says what the app adds on this machine. Target: under one second.
// The time is taken inside the page: a MutationObserver sees the figures appear and the
// next animation frame (the paint that shows them) is stamped against the navigation's
// start. The test driver's own view comes later, by however long its polling waits for a
// renderer busy with the rest of the page (100-600 ms here), so it is reported beside it
// as "seen by the driver", not as the render time.
// Run: npx tsx bench/ui-render.ts
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { buildApp } from "../src/api/app.ts";
import { createUser } from "../src/app/identity.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { DEMO_OPERATION } from "../src/demo/origin.ts";
import { runBuild } from "./build.ts";
import { pgliteEngine } from "./engines.ts";

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
export const DASHBOARD_BUDGET_MS = 1000;

export interface UiRender {
  runs: number;
  /** Median milliseconds: navigation → the frame showing the hello page's h1. */
  helloMs: number;
  /** First dashboard load in a fresh browser context (nothing cached). */
  dashboardColdMs: number;
  /** Median of the later loads (scripts cached, as for an officer who keeps the tab): navigation → the frame showing the figures. */
  dashboardMs: number;
  /** Median of the same loads as the test driver saw them (later: it polls a busy renderer). */
  dashboardSeenMs: number;
  withinBudget: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Stamps `window.__rlPainted` at the frame where `selector`'s text first matches `text`. */
const paintProbe = (targets: Record<string, { selector: string; text: string }>) => `(() => {
  const target = ${JSON.stringify(targets)}[location.origin];
  if (!target) return;
  const pattern = new RegExp(target.text);
  const check = () => {
    const el = document.querySelector(target.selector);
    if (!el || !pattern.test(el.textContent || "")) return;
    observer.disconnect();
    requestAnimationFrame((frame) => { window.__rlPainted = frame; });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface Timing {
  /** Navigation start → the frame that shows the figures, measured in the page. */
  painted: number;
  /** Until the test driver saw them (its polling waits on a busy renderer). */
  seen: number;
}

async function timed(context: BrowserContext, url: string): Promise<Timing> {
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  // A function, not a string: the page's Content-Security-Policy refuses eval of a string predicate.
  const painted = () => (globalThis as { __rlPainted?: number }).__rlPainted !== undefined;
  await page.waitForFunction(painted, null, { timeout: 30_000, polling: 10 });
  const seen = performance.now() - started;
  const at = Number(await page.evaluate(() => (globalThis as { __rlPainted?: number }).__rlPainted));
  await page.close();
  return { painted: at, seen };
}

function helloServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_, res) =>
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end("<!doctype html><title>hello</title><h1>Hello</h1>"),
  );
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/` });
    }),
  );
}

export async function measureUiRender(
  runs = 5,
  log: (line: string) => void = () => undefined,
): Promise<UiRender | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no browser at ${CHROMIUM}` };
  runBuild(["web", "--if-stale"]);
  const engine = await pgliteEngine.open();
  if ("skipped" in engine) return engine;
  const { db } = engine;
  const password = "bench ui render password";
  const { user } = await createUser(db, "system", {
    email: "bench-ui@reliefline.local",
    name: "Bench",
    isAdmin: true,
    password,
  });
  await loadDemo(db, { userId: user.id, email: user.email, isAdmin: true }, new Date());
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const hello = await helloServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const login = await context.request.post(`${base}/api/auth/login`, { data: { email: user.email, password } });
    if (login.status() !== 200) throw new Error(`sign-in failed: ${login.status()}`);
    const dashboard = `${base}/op/${encodeURIComponent(DEMO_OPERATION.code)}`;
    await context.addInitScript({
      content: paintProbe({
        [new URL(hello.url).origin]: { selector: "h1", text: "Hello" },
        [base]: { selector: "[data-testid=progress-headline]", text: "\\d+ of \\d+" },
      }),
    });
    const helloRuns: Timing[] = [];
    for (let i = 0; i < runs; i++) helloRuns.push(await timed(context, hello.url));
    const cold = await timed(context, dashboard);
    log(`  dashboard, first load: ${cold.painted.toFixed(0)} ms (seen by the driver at ${cold.seen.toFixed(0)} ms)`);
    const dashboardRuns: Timing[] = [];
    for (let i = 0; i < runs; i++) dashboardRuns.push(await timed(context, dashboard));
    const list = (xs: Timing[], key: keyof Timing) => xs.map((m) => m[key].toFixed(0)).join(", ");
    log(
      `  dashboard, ${runs} more loads: ${list(dashboardRuns, "painted")} ms (seen by the driver: ${list(dashboardRuns, "seen")} ms)`,
    );
    log(`  hello page: ${list(helloRuns, "painted")} ms (seen by the driver: ${list(helloRuns, "seen")} ms)`);
    const dashboardMs = median(dashboardRuns.map((r) => r.painted));
    return {
      runs,
      helloMs: median(helloRuns.map((r) => r.painted)),
      dashboardColdMs: cold.painted,
      dashboardMs,
      dashboardSeenMs: median(dashboardRuns.map((r) => r.seen)),
      withinBudget: dashboardMs < DASHBOARD_BUDGET_MS,
    };
  } finally {
    await browser.close();
    hello.server.close();
    await app.close();
    await engine.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await measureUiRender(5, console.log);
  if ("skipped" in r) console.log(`SKIPPED: ${r.skipped}`);
  else
    console.log(
      `Dashboard of the demo painted with its progress in ${r.dashboardMs.toFixed(0)} ms (median of ${r.runs}; first load ${r.dashboardColdMs.toFixed(0)} ms; seen by the test driver at ${r.dashboardSeenMs.toFixed(0)} ms); static hello page ${r.helloMs.toFixed(0)} ms; budget ${DASHBOARD_BUDGET_MS} ms: ${r.withinBudget ? "within" : "OVER"}`,
    );
}
