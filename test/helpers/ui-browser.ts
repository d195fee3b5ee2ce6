// Shared set-up of the UI end-to-end tests: the real HTTP server (in-process, on a free
// port) over an embedded database with the demo operation, Debian's Chromium driven by
// playwright-core, axe checks and screenshots into test-results/screenshots/.
import { existsSync, mkdirSync } from "node:fs";
import { inject } from "vitest";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.ts";
import { createUser } from "../../src/app/identity.ts";
import type { Principal } from "../../src/app/principal.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { DEMO_OPERATION } from "../../src/demo/origin.ts";
import { REPO_ROOT } from "../../src/web/web-build.ts";
import type { Db } from "../../src/store/db.ts";
import { freshPglite } from "./engines.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";

export const ADMIN_EMAIL = "admin@reliefline.local";
export const ADMIN_PASSWORD = "ui test password 1";
export const SHOTS = join(REPO_ROOT, "test-results", "screenshots");
export { CHROMIUM, CHROMIUM_ARGS };

/** Why the UI tests cannot run here, or null. Without the browser they are reported as skipped, with why;
 * in CI (RELIEFLINE_REQUIRE_BROWSER=1) the run fails in its global set-up instead. */
export const noBrowser = existsSync(CHROMIUM) ? null : `no browser at ${CHROMIUM} (apt-get install chromium)`;
if (noBrowser) console.warn(`\n  UI end-to-end tests SKIPPED: ${noBrowser}\n`);

export interface DemoServer {
  db: Db;
  app: FastifyInstance;
  base: string;
  admin: Principal;
  close(): Promise<void>;
}

/** Loads the demo with `email` as a system administrator and serves it, with the UI built for the tests, on a free port (PGlite unless given a database). */
export async function startDemoServer(
  email: string,
  password: string,
  open: () => Promise<Db> = freshPglite,
  configure: (app: FastifyInstance) => void = () => undefined,
): Promise<DemoServer> {
  mkdirSync(SHOTS, { recursive: true });
  const db = await open();
  const { user } = await createUser(db, "system", { email, name: "Administrator", isAdmin: true, password });
  const admin: Principal = { userId: user.id, email: user.email, isAdmin: true };
  await loadDemo(db, admin, new Date());
  const app = await buildApp({ db, webRoot: inject("webTestBuild") });
  configure(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    db,
    app,
    base,
    admin,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface UiHarness extends Omit<DemoServer, "admin"> {
  browser: Browser;
  page: Page;
}

/** The demo server with the default administrator, a browser, and one page at 1280 px. */
export async function startUiHarness(): Promise<UiHarness> {
  const server = await startDemoServer(ADMIN_EMAIL, ADMIN_PASSWORD);
  const browser = await launchChromium();
  const page = await newPage(browser);
  return {
    db: server.db,
    app: server.app,
    base: server.base,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh browser context (its own cookies and storage) with one page at 1280 × 900. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Serious and critical axe violations on the current page, as readable lines. Every rule runs,
 * in the page itself ("legacy mode": our pages have no cross-origin frames), reporting only
 * violations: by default axe gathers every rule's results of every node and carries them to a new
 * blank page to put them together, which took twice as long (3.3 s against 1.5 s on the unit board).
 */
export async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

/**
 * Full-page screenshots `<name>-<width>.png` at each width (the widest first), then back to
 * the starting size. Returns the largest horizontal overflow seen (0 when nothing scrolls sideways).
 */
export async function shoot(page: Page, name: string, widths: number[] = [1280, 375]): Promise<number> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  let overflow = 0;
  for (const width of widths) {
    if (page.viewportSize()?.width !== width) {
      await page.setViewportSize({ width, height: width <= 480 ? 812 : width >= 1600 ? 1080 : 900 });
      // Wait for the resize to reach the page and for React to re-render (two frames), not for a fixed time.
      await page.waitForFunction(`window.innerWidth === ${width}`);
      await page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }
    overflow = Math.max(
      overflow,
      await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth"),
    );
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
  return overflow;
}

/** Screenshots at a wall screen's 1920 px and a phone's 375 px. */
export const shootWallAndPhone = (page: Page, name: string) => shoot(page, name, [1920, 375]);

/** Signs in through the form and waits for where the user lands: the operation picker, or the dashboard of their one operation. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  if (!(await page.getByLabel("Email").count())) await page.goto(base + "/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await page
    .getByRole("heading", { name: "Operations" })
    .or(page.getByRole("heading", { name: "Dashboard", level: 1 }))
    .waitFor();
}

export interface DemoRoom {
  server: DemoServer;
  browser: Browser;
  page: Page;
}

/**
 * The demo served, Chromium, and a page (British English, `context` added) signed in as `email`
 * on the demo operation's dashboard; what was opened is closed again if a step fails.
 */
export async function openDemoRoom(
  email: string,
  password: string,
  context: BrowserContextOptions = {},
): Promise<DemoRoom> {
  const server = await startDemoServer(email, password);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ locale: "en-GB", ...context })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.base + "/");
    await signIn(page, server.base, email, password);
    await openDashboard(page, server.base, DEMO_OPERATION.code);
    return { server, browser, page };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** Opens an operation's dashboard from wherever the page is. */
export async function openDashboard(page: Page, base: string, op: string): Promise<void> {
  if (!page.url().endsWith(`/op/${op}`)) await page.goto(`${base}/op/${op}`);
  await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
}
