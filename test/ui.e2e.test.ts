// The operations-room UI end to end: the real HTTP server (in-process, on a free port)
// over an embedded database with the demo operation, driven in Chromium. Each page is
// checked with axe and photographed at 1280 px and 375 px into test-results/screenshots/.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/api/app.ts";
import { createUser } from "../src/app/identity.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { DEMO_CARS, DEMO_OPERATION } from "../src/demo/origin.ts";
import { ensureWebBuild, REPO_ROOT } from "../src/web/web-build.ts";
import type { Db } from "../src/store/db.ts";
import { freshPglite } from "./helpers/engines.ts";

const EMAIL = "admin@reliefline.local";
const PASSWORD = "ui test password 1";
const SHOTS = join(REPO_ROOT, "test-results", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
// Like the PostgreSQL store tests: without the browser this file is reported as skipped, with why
// (.ci/run installs Debian's chromium, so CI always runs it).
const noBrowser = existsSync(CHROMIUM) ? null : `no browser at ${CHROMIUM} (apt-get install chromium)`;
if (noBrowser) console.warn(`\n  UI end-to-end tests SKIPPED: ${noBrowser}\n`);

let db: Db;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;

/** Serious and critical axe violations on the current page, as readable lines. */
async function axeProblems(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** Screenshots at 1280 px (full page) and 375 px, then back to 1280 px. */
async function shoot(name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(150);
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  await page.screenshot({ path: join(SHOTS, `${name}-375.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  return overflow;
}

// Each step waits on a browser and axe; on a busy 2-core machine that can take a while.
describe.skipIf(noBrowser !== null)("the operations-room UI on the demo operation", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const [, database] = await Promise.all([ensureWebBuild(), freshPglite()]);
    db = database;
    const { user } = await createUser(db, "system", { email: EMAIL, name: "Administrator", isAdmin: true, password: PASSWORD });
    await loadDemo(db, { userId: user.id, email: user.email, isAdmin: true }, new Date());
    app = await buildApp({ db });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it("signs in with the keyboard and lists the operations the user has a role in", async () => {
    await page.goto(base + "/");
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("01-sign-in")).toBeLessThanOrEqual(0);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByLabel("Password").press("Enter");
    await page.getByText("Email or password is not right.").waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByRole("heading", { name: "Operations" }).waitFor();
    await page.getByRole("link", { name: DEMO_OPERATION.name }).waitFor();
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("02-operations")).toBeLessThanOrEqual(0);
  });

  it("shows the hub's stock, recent events and the consignment's progress on the dashboard", async () => {
    await page.getByRole("link", { name: DEMO_OPERATION.name }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    const hubStock = page.getByTestId("hub-stock-STP-HUB");
    await hubStock.waitFor({ state: "attached" });
    expect(await hubStock.getByRole("row", { name: /LUMBER/ }).textContent()).toContain("300");
    await expect.poll(() => page.locator(".chart").first().textContent()).toContain("300 m³");
    await page.locator(".events li").first().waitFor();
    await expect.poll(() => page.getByTestId("progress-headline").textContent()).toBe("9 of 54 cars arrived");
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("03-dashboard")).toBeLessThanOrEqual(0);
  });

  it("filters stock by location and item", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Stock" }).click();
    await page.getByRole("heading", { name: "Stock" }).waitFor();
    await page.getByLabel("Item").selectOption("LUMBER");
    await expect.poll(() => page.getByTestId("stock-table").locator("tbody tr").count()).toBe(1);
    expect(await page.getByTestId("stock-table").locator("tbody").textContent()).toContain("300");
    await page.getByLabel("Item").selectOption("");
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("04-stock")).toBeLessThanOrEqual(0);
  });

  it("draws the route on the map", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Map" }).click();
    await page.getByRole("heading", { name: "Map" }).waitFor();
    await page.locator("svg.map line.leg-rail").first().waitFor();
    expect(await page.locator("svg.map .place").count()).toBeGreaterThanOrEqual(9);
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("05-map")).toBeLessThanOrEqual(0);
  });

  it("records an arrival through the form, showing the server's field errors first", async () => {
    const car = DEMO_CARS.find((c) => c.part === 2)!.number;
    await page.getByRole("navigation").getByRole("link", { name: "Record event" }).click();
    await page.getByRole("heading", { name: "Record an event" }).waitFor();
    await page.getByLabel("Transport unit").fill("NO-SUCH-CAR");
    await page.getByLabel("Location").selectOption("AM-EVN");
    await page.getByLabel("When").fill("2020-12-19T07:30");
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await page.locator("#unit-error").getByText("unknown transport unit NO-SUCH-CAR").waitFor();
    expect(await page.getByLabel("Transport unit").getAttribute("aria-invalid")).toBe("true");
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("06-record-errors")).toBeLessThanOrEqual(0);

    await page.getByLabel("Transport unit").fill(car);
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await page.getByTestId("record-outcome").getByText(/Recorded as event \d+/).waitFor();

    await page.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
    const newest = page.locator(".events li").first();
    await expect.poll(() => newest.textContent()).toContain(car);
    expect(await newest.textContent()).toContain("Unit arrived");
  });

  it("switches to Russian, keeps the choice across a reload, and stays accessible", async () => {
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    expect(await page.getByRole("navigation").textContent()).toContain("Запасы");
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("ru");
    await page.locator(".events li").first().waitFor();
    expect(await page.locator(".events").textContent()).toContain("Прибытие");
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("07-dashboard-ru")).toBeLessThanOrEqual(0);
    await page.getByRole("navigation").getByRole("link", { name: "Записать событие" }).click();
    await page.getByRole("radio", { name: "Груз выгружен" }).check();
    await page.getByLabel("Позиция").waitFor();
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("08-record-unloaded-ru")).toBeLessThanOrEqual(0);
  });
});
