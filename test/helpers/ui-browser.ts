// The real server over an embedded database with the demo operation, on a free port, and
// Debian's Chromium driven by playwright-core: shared by the UI end-to-end tests.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.ts";
import { createUser } from "../../src/app/identity.ts";
import type { Principal } from "../../src/app/principal.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { ensureWebBuild, REPO_ROOT } from "../../src/web/web-build.ts";
import type { Db } from "../../src/store/db.ts";
import { freshPglite } from "./engines.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
export const SHOTS = join(REPO_ROOT, "test-results", "screenshots");
/** Why the browser tests cannot run here, or null. */
export const noBrowser = existsSync(CHROMIUM) ? null : `no browser at ${CHROMIUM} (apt-get install chromium)`;

export interface DemoServer {
  db: Db;
  app: FastifyInstance;
  base: string;
  admin: Principal;
  close(): Promise<void>;
}

export async function startDemoServer(email: string, password: string): Promise<DemoServer> {
  mkdirSync(SHOTS, { recursive: true });
  const [, db] = await Promise.all([ensureWebBuild(), freshPglite()]);
  const { user } = await createUser(db, "system", { email, name: "Administrator", isAdmin: true, password });
  const admin: Principal = { userId: user.id, email: user.email, isAdmin: true };
  await loadDemo(db, admin, new Date());
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { db, app, base, admin, close: async () => { await app.close(); await db.close(); } };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Serious and critical axe violations on the current page, as readable lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/**
 * Full-page screenshots at a wall screen's 1920 px and a phone's 375 px, back at the
 * starting size afterwards; returns the phone's horizontal overflow in pixels (0 = none).
 */
export async function shootWallAndPhone(page: Page, name: string): Promise<number> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SHOTS, `${name}-1920.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  await page.screenshot({ path: join(SHOTS, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(before);
  return overflow;
}
