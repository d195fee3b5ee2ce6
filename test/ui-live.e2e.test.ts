// The live operations room in Chromium: the dashboard's consignment progress ("9 of 54
// cars arrived") follows the ledger over server-sent events without a reload; the unit
// board finds a wagon by number and opens its page; the map counts units where they were
// last seen; 10,000 units scroll as a virtual list. Axe on every page; screenshots at
// 1920 px and 375 px into test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { v7 as uuidv7 } from "uuid";
import { DEMO_CARS, DEMO_OPERATION, wagonNumber } from "../src/demo/origin.ts";
import { registerUnits } from "../src/app/units.ts";
import {
  axeProblems,
  openDashboard,
  launchChromium,
  noBrowser,
  signIn,
  shootWallAndPhone,
  startDemoServer,
  type DemoServer,
} from "./helpers/ui-browser.ts";

const EMAIL = "live@reliefline.local";
const PASSWORD = "live ui test password";
const OP = DEMO_OPERATION.code;
if (noBrowser) console.warn(`\n  UI live end-to-end tests SKIPPED: ${noBrowser}\n`);

let server: DemoServer;
let browser: Browser;
let page: Page;
const headline = () => page.getByTestId("progress-headline").first().textContent();

describe.skipIf(noBrowser !== null)("the live operations room on the demo operation", { timeout: 90_000 }, () => {
  beforeAll(async () => {
    server = await startDemoServer(EMAIL, PASSWORD);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in and shows 26 of 54 cars arrived (9 recorded), per part and per leg, live", async () => {
    await page.goto(server.base + "/");
    await signIn(page, server.base, EMAIL, PASSWORD);
    await openDashboard(page, server.base, OP);
    await expect.poll(headline).toBe("26 of 54 cars arrived");
    const counts = page.getByTestId("stage-counts");
    // Headline, step cards and bar agree: the cards count units at the step or later, the recorded count beside.
    expect(await counts.locator("[data-stage=arrived] dd").first().textContent()).toBe("26");
    expect(await counts.locator("[data-stage=arrived] dd.stage-recorded").textContent()).toBe("9 recorded");
    expect(await counts.locator("[data-stage=unloaded] dd").textContent()).toBe("26");
    expect(
      await page
        .getByRole("table", { name: "By part" })
        .getByRole("row", { name: /Part 1/ })
        .textContent(),
    ).toMatch(/Part 1\s*9\s*9\s*9\s*9\s*0/);
    expect(
      await page
        .getByRole("table", { name: "By part" })
        .getByRole("row", { name: /Part 2/ })
        .textContent(),
    ).toMatch(/Part 2\s*17\s*17\s*17\s*0 recorded\s*17\s*0/);
    expect(await page.getByRole("table", { name: "By leg" }).textContent()).toContain("Rail");
    expect(await page.getByTestId("progress-bar").getAttribute("aria-label")).toContain("Unloaded: 26");
    // "Not yet loaded" says what it counts: the consignment's cars (the map says the same, trucks apart).
    expect(await page.getByTestId("progress-bar").getAttribute("aria-label")).toContain("Cars not yet loaded: 28");
    // "Received" counts receipts naming a unit; the hub's count of blankets names none, and the note says so.
    expect(await counts.locator("[data-stage=received] dt").textContent()).toBe("Received per unit");
    expect(await page.getByTestId("received-note").textContent()).toContain("names no unit shows in the stock");
    await expect.poll(() => page.getByTestId("kpi-discrepancies").textContent()).toMatch(/\d+ open/);
    expect(await page.getByTestId("kpi-discrepancies").getByRole("link").getAttribute("href")).toBe(
      `/op/${OP}/discrepancies`,
    );
    await expect.poll(() => page.getByTestId("kpi-today").textContent()).toMatch(/^Events on Dec 19, 2020\d+ events/);
    // The day's breakdown adds up to its total: the kinds past the third are shown as "other".
    const [, total, note] = /^Events on Dec 19, 2020(\d+) events(.*)$/.exec(
      (await page.getByTestId("kpi-today").textContent())!,
    )!;
    const parts = [...note!.matchAll(/(\d+)(?: ·|$)/g)].map((m) => Number(m[1]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(Number(total));
    expect(note).toMatch(/ · other \d+$/);
    // Every time says its zone: the operation's (Asia/Yerevan, GMT+4), not the reader's.
    expect(await page.locator(".kpi-note").first().textContent()).toMatch(/GMT\+4$/);
    await page.getByTestId("coverage-table").waitFor({ state: "attached" });
    // "Allocated" counts approved plans; the demo's draft plan is named, not counted.
    await expect
      .poll(() => page.getByTestId("plans-note").textContent())
      .toBe("Allocated counts approved plans only: 0 approved, 1 draft (not counted).");
    await expect.poll(() => page.getByTestId("live-badge").textContent()).toBe("Live");
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "10-dashboard-progress")).toBeLessThanOrEqual(0);
  });

  it("updates the arrived count without a reload when an arrival is recorded", async () => {
    const car = DEMO_CARS.find((c) => c.part === 2)!.number;
    const marker = await page.evaluate<number>("window.__sameDocument = Date.now()");
    // Recorded through the API with the browser's own session, as another officer's device would.
    const res = await page.request.post(`${server.base}/api/operations/${OP}/events`, {
      data: {
        id: uuidv7(),
        type: "UnitArrived",
        eventTime: "2020-12-19T07:30:00+04:00",
        unit: car,
        location: "AM-EVN",
      },
    });
    expect(res.status()).toBe(201);
    await expect
      .poll(() => page.getByTestId("progress-split").textContent(), { timeout: 15_000 })
      .toBe("10 arrivals recorded; 16 inferred from their unloading");
    expect(await headline()).toBe("26 of 54 cars arrived");
    expect(await page.getByTestId("stage-counts").locator("[data-stage=arrived] dd.stage-recorded").textContent()).toBe(
      "10 recorded",
    );
    expect(await page.evaluate<number>("window.__sameDocument")).toBe(marker);
  });

  it("finds a wagon on the unit board by its number and opens its manifest and timeline", async () => {
    const car = DEMO_CARS.find((c) => c.part === 2)!.number;
    await page.getByRole("navigation").getByRole("link", { name: "Units" }).click();
    await page.getByRole("heading", { name: "Transport units" }).waitFor();
    await expect.poll(() => page.getByTestId("units-count").textContent()).toMatch(/^\d+ units$/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "11-unit-board")).toBeLessThanOrEqual(0);
    // On a phone each card still says when the unit was last seen, with the operation's zone.
    await page.setViewportSize({ width: 375, height: 800 });
    const lastSeen = page.locator(".board-narrow .board-last .cell-sub:not(:empty)").first();
    await expect.poll(() => lastSeen.isVisible()).toBe(true);
    expect(await lastSeen.textContent()).toMatch(/2020.*GMT\+4$/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Search by number").fill(car.slice(0, 6));
    await expect.poll(() => page.getByTestId("units-count").textContent()).toBe("1 unit");
    await page.getByLabel("State").selectOption("unloaded");
    await expect.poll(() => page.getByTestId("units-count").textContent()).toBe("1 unit");
    await page.getByRole("link", { name: car }).click();
    await page.getByRole("heading", { name: new RegExp(car) }).waitFor();
    expect(page.url()).toBe(`${server.base}/op/${OP}/units/${car}`);
    await page.getByTestId("unit-manifest").waitFor();
    const timeline = page.getByTestId("unit-timeline");
    await expect.poll(() => timeline.locator("li").count()).toBeGreaterThanOrEqual(4);
    expect(await timeline.textContent()).toContain("Unit arrived");
    expect(await timeline.locator("li").first().textContent()).toContain("Goods loaded");
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "12-unit-page")).toBeLessThanOrEqual(0);
  });

  it("counts units on the map where they were last seen", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Map" }).click();
    await page.getByRole("heading", { name: "Map" }).waitFor();
    await expect.poll(() => page.getByTestId("map-unit-counts").locator("li").count()).toBeGreaterThanOrEqual(2);
    const counts = await page.getByTestId("map-unit-counts").textContent();
    expect(counts).toContain("10Humanitarian hub");
    expect(counts).toContain("26Yerevan freight station");
    // Not yet loaded, by the dashboard's rule: the consignment's 28 cars, and the 2 trucks of no consignment apart.
    expect(await page.getByTestId("map-not-loaded").locator("li").allTextContents()).toEqual([
      "STP-54: 28 of 54 cars not yet loaded",
      "2 trucks of no consignment not yet loaded",
    ]);
    expect(await page.locator("svg.map .unit-badge[data-count='26']").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("svg.map").first().getAttribute("aria-labelledby")).toBeTruthy();
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "13-map-units")).toBeLessThanOrEqual(0);
  });

  it("says it in Russian, with Russian plural forms", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    await expect.poll(headline).toBe("Прибыло 26 из 54 вагонов");
    expect(await page.getByTestId("progress-split").textContent()).toBe(
      "прибытие 10 зарегистрировано, ещё 16 следует из выгрузки",
    );
    expect(await page.getByTestId("kpi-today").textContent()).toMatch(/\d+ (событие|события|событий)/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "14-dashboard-progress-ru")).toBeLessThanOrEqual(0);
    // On a phone, "зарегистрировано 10" wraps inside its step card instead of running over its border.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForFunction("window.innerWidth === 375");
    const spilling = await page.evaluate<string[]>(
      `[...document.querySelectorAll("[data-testid=stage-counts] > div")].filter((d) => d.scrollWidth > d.clientWidth).map((d) => d.textContent)`,
    );
    expect(spilling).toEqual([]);
    await page.setViewportSize(size);
    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  });

  it("scrolls a board of 10,000 more units as a virtual list", { timeout: 240_000 }, async () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => wagonNumber(`29${String(i).padStart(5, "0")}`));
    await registerUnits(
      server.db,
      server.admin,
      OP,
      numbers.map((number) => ({ number, kind: "covered-wagon" as const })),
      new Date(),
    );
    // The board asks for pages as the list scrolls, never for every unit at once.
    const pages: URL[] = [];
    page.on("request", (r) => void (/\/api\/operations\/[^/]+\/units\?/.test(r.url()) && pages.push(new URL(r.url()))));
    await page.goto(`${server.base}/op/${OP}/units`);
    await expect
      .poll(() => page.getByTestId("units-count").textContent(), { timeout: 30_000 })
      .toMatch(/^10,0\d\d units$/);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.every((u) => Number(u.searchParams.get("limit")) <= 1000)).toBe(true);
    const rendered = await page.locator(".board-scroll [role=row]").count();
    expect(rendered).toBeLessThan(80);
    const scroller = page.locator(".board-scroll");
    for (let i = 1; i <= 20; i++)
      await scroller.evaluate((el, f) => {
        // The root project has no DOM types: playwright's element types are empty there.
        const box = el as unknown as { scrollTop: number; scrollHeight: number };
        box.scrollTop = box.scrollHeight * f;
      }, i / 20);
    await page.getByRole("link", { name: numbers.at(-1)! }).waitFor();
    expect(pages.filter((u) => u.searchParams.has("cursor")).length).toBeGreaterThan(1);
    expect(await page.locator(".board-scroll [role=row]").count()).toBeLessThan(80);
    expect(await axeProblems(page)).toEqual([]);
  });
});
