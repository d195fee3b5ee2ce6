// The operations-room UI end to end: the real HTTP server (in-process, on a free port)
// over an embedded database with the demo operation, driven in Chromium. Each page is
// checked with axe and photographed at 1280 px and 375 px into test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_CARS, DEMO_OPERATION } from "../src/demo/origin.ts";
import {
  ADMIN_EMAIL as EMAIL,
  ADMIN_PASSWORD as PASSWORD,
  axeProblems as axeOn,
  noBrowser,
  shoot as shootAt,
  startUiHarness,
  type UiHarness,
} from "./helpers/ui-browser.ts";

let ui: UiHarness;
let page: Page;
let base: string;

const axeProblems = () => axeOn(page);
/** Screenshots at 1280 px (full page) and 375 px, then back to 1280 px. */
const shoot = (name: string) => shootAt(page, name, [1280, 375]);

// Each step waits on a browser and axe; on a busy 2-core machine that can take a while.
describe.skipIf(noBrowser !== null)("the operations-room UI on the demo operation", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    ui = await startUiHarness();
    ({ page, base } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
  });

  it("signs in with the keyboard, lands on the dashboard of the one operation, and lists the operations", async () => {
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
    // One operation: the user lands on its dashboard, not on a list of one.
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
    expect(page.url()).toBe(`${base}/op/${DEMO_OPERATION.code}`);
    await page.getByRole("navigation").getByRole("link", { name: "Operations" }).click();
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
    await expect
      .poll(async () => (await page.locator(".chart").first().textContent())?.replace(/\u00a0/g, " "))
      .toContain("300 m³");
    await page.locator(".events li").first().waitFor();
    await expect.poll(() => page.getByTestId("progress-headline").textContent()).toBe("26 of 54 cars arrived");
    expect(await page.getByTestId("progress-split").textContent()).toBe(
      "9 arrivals recorded; 17 inferred from their unloading",
    );
    // The lead figure says when it stands: the ledger's head and its latest event, in the operation's time.
    await expect
      .poll(() => page.getByTestId("progress-as-of").textContent())
      .toMatch(/^As of ledger event \d+; the latest event happened Dec 19, 2020, 8:45\sPM GMT\+4\.$/);
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
    await page
      .getByTestId("record-outcome")
      .getByText(/Recorded as event \d+/)
      .waitFor();

    await page.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
    // The car was already counted as arrived (its unloading implied it): now its arrival is recorded too.
    await expect
      .poll(() => page.getByTestId("progress-split").textContent())
      .toBe("10 arrivals recorded; 16 inferred from their unloading");
    expect(await page.getByTestId("progress-headline").textContent()).toBe("26 of 54 cars arrived");
  });

  it("switches to Russian, keeps the choice across a reload, and stays accessible", async () => {
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    expect(await page.getByRole("navigation").textContent()).toContain("Запасы");
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("ru");
    await page.locator(".events li").first().waitFor();
    expect(await page.locator(".events").textContent()).toContain("Груз выгружен");
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("07-dashboard-ru")).toBeLessThanOrEqual(0);
    await page.getByRole("navigation").getByRole("link", { name: "Записать событие" }).click();
    await page.getByRole("radio", { name: "Груз выгружен" }).check();
    await page.getByLabel("Позиция").waitFor();
    expect(await axeProblems()).toEqual([]);
    expect(await shoot("08-record-unloaded-ru")).toBeLessThanOrEqual(0);
  });
});
