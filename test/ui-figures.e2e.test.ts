// Figures that cannot mislead, in Chromium on the demo: the dashboard fits 1366 px and
// puts the consignment's headline first on a phone; publishing the 19 December statement
// opens a dialog listing the open discrepancies that touch it, refuses without a note and
// a tick, brings a list that changed meanwhile back into the dialog, then publishes with
// the acknowledgement the public view shows; and every page of the operation in Russian
// shows no Rec 20 code and no English working name; on a 320 px phone in Russian each stock
// quantity stays whole in view. Axe stays clean on each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { v7 as uuidv7 } from "uuid";
import { DEMO_CARS, DEMO_OPERATION, RAILHEAD } from "../src/demo/origin.ts";
import { DEMO_WORKING_NAMES, REC20_CODE } from "./helpers/demo.ts";
import { openDemoRoom, axeProblems, noBrowser, openDashboard, shoot, type DemoServer } from "./helpers/ui-browser.ts";

const EMAIL = "figures@reliefline.local";
const PASSWORD = "figures ui test password";
const OP = DEMO_OPERATION.code;
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

/** The text a reader sees on the page in Russian: everything but what is marked as another language. */
async function russianText(page: Page): Promise<string> {
  return plain(
    await page.evaluate<string>(`(() => {
    const main = document.body.cloneNode(true);
    document.body.append(main); // innerText needs the copy laid out
    for (const other of main.querySelectorAll('[lang]:not([lang="ru"]), script, style, option:not(:checked), [aria-hidden="true"]')) other.remove();
    const labels = [...main.querySelectorAll("[aria-label], title")].map((e) => e.getAttribute("aria-label") ?? e.textContent ?? "");
    const text = main.innerText;
    main.remove();
    return text + "\\n" + labels.join("\\n");
  })()`),
  );
}

let server: DemoServer;
let browser: Browser;
let page: Page;

describe.skipIf(noBrowser !== null)("figures in the operations room", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoRoom(EMAIL, PASSWORD, { viewport: { width: 1366, height: 900 } }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("fits the progress tables in 1366 px and states the hub chart's scale", async () => {
    await page.getByRole("table", { name: "By leg" }).waitFor();
    const clipped = await page.evaluate<number[]>(
      `[...document.querySelectorAll(".progress-tables .table-scroll")].map((e) => e.scrollWidth - e.clientWidth)`,
    );
    expect(clipped).toEqual([0, 0]);
    await page.locator(".chart-scale").first().waitFor();
    expect(await page.locator(".chart-scale").first().textContent()).toContain("share of the total assessed need");
    // Bars differ: the lumber covers 79 % of the assessed need, the blankets 68 %.
    const title = plain(await page.locator("#stock-chart-title").textContent());
    expect(title).toContain("Lumber: 300 m³ · 79% of need");
    expect(title).toContain("Blankets: 5,960 pcs · 68% of need");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("puts the consignment's headline first on a phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const top = async (testId: string) => (await page.getByTestId(testId).boundingBox())!.y;
    expect(await top("progress-headline")).toBeLessThan(await top("kpi-today"));
    expect(await top("progress-headline")).toBeLessThan(600);
    expect(await shoot(page, "30-dashboard-phone", [390])).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("lists the open discrepancies touching the 19 December statement in the publish dialog, and asks for a note and a tick", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Publish statement (RU)" }).click();
    const dialog = page.getByRole("dialog", { name: /Publish the statement of 2020-12-19 \(RU\)/ });
    await dialog.getByTestId("publish-discrepancies").waitFor();
    expect(await dialog.getByTestId("publish-discrepancies").locator("li").count()).toBe(18);
    expect(plain(await dialog.textContent())).toContain("18 open discrepancies touch its figures");
    expect(await axeProblems(page)).toEqual([]);
    expect(await shoot(page, "31-publish-dialog", [1366])).toBeLessThanOrEqual(0);
    await dialog.getByRole("button", { name: "Publish anyway" }).click();
    await dialog.getByText("Say why it is published anyway.").waitFor();
    await dialog.getByText("Confirm that you have read them.").waitFor();
    expect(await axeProblems(page)).toEqual([]);
  });

  it("brings a list that changed meanwhile back into the dialog, then publishes with the acknowledgement", async () => {
    const dialog = page.getByRole("dialog");
    await dialog
      .getByLabel("Why publish anyway (shown with the publication)")
      .fill("Part 2 arrivals are being confirmed with the railway.");
    await dialog.getByRole("checkbox").check();
    // Meanwhile another officer records an unloading from a car that was never loaded (part 3), on the 19th.
    const car = DEMO_CARS.find((c) => c.part === 3)!.number;
    const res = await page.request.post(`${server.base}/api/operations/${OP}/events`, {
      data: {
        id: uuidv7(),
        type: "GoodsUnloaded",
        eventTime: "2020-12-19T18:00:00+04:00",
        unit: car,
        location: RAILHEAD,
        lines: [{ item: "FLOUR", quantity: "1" }],
      },
    });
    expect(res.status()).toBe(201);
    await dialog.getByRole("button", { name: "Publish anyway" }).click();
    await dialog.getByText("The list changed while you were reading it").waitFor();
    expect(await dialog.getByTestId("publish-discrepancies").locator("li").count()).toBe(20);
    expect(await dialog.getByRole("checkbox").isChecked()).toBe(false);
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("button", { name: "Publish anyway" }).click();
    await page.getByRole("status").getByText("Published. (with 20 open discrepancies acknowledged)").waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    const href = await page.getByRole("link", { name: "Open the public view" }).getAttribute("href");
    const publicPage = await page.context().newPage();
    expect((await publicPage.goto(`${server.base}${href}`))!.status()).toBe(200);
    const body = plain(await publicPage.textContent("body"));
    expect(body).toContain(
      "Published with 20 open discrepancies that touch these figures, acknowledged by the press office:",
    );
    expect(body).toContain("Part 2 arrivals are being confirmed with the railway.");
    // The car unloaded meanwhile counts too: its unloading implies its arrival.
    expect(body).toContain(
      "прибыли 27 из 54 вагонов: прибытие 9 из них зарегистрировано, прибытие ещё 18 следует из их выгрузки",
    );
    expect(await axeProblems(publicPage)).toEqual([]);
    await publicPage.goto(`${server.base}/public/${OP}?lang=ru`);
    expect(plain(await publicPage.textContent("body"))).toContain("Опубликовано при 20 открытых расхождениях");
    expect(await axeProblems(publicPage)).toEqual([]);
    await publicPage.close();
  });

  it(
    "shows every page of the operation in Russian with no Rec 20 code and no English working name",
    { timeout: 300_000 },
    async () => {
      await openDashboard(page, server.base, OP);
      await page.getByLabel("Language").selectOption("ru");
      await page.getByRole("heading", { name: "Сводка", level: 1 }).waitFor();
      const pages = [
        "",
        "stock",
        "units",
        "map",
        "record",
        "discrepancies",
        "needs",
        "plan",
        "distribution",
        "reports",
        `units/${DEMO_CARS[9]!.number}`,
        "/operations",
      ];
      for (const path of pages) {
        await page.goto(
          path.startsWith("/") ? `${server.base}${path}` : `${server.base}/op/${OP}${path ? `/${path}` : ""}`,
        );
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await expect.poll(() => page.locator(".loading, [aria-busy=true]").count(), { timeout: 20_000 }).toBe(0);
        const text = await russianText(page);
        expect(text, `${path}: Rec 20 code`).not.toMatch(REC20_CODE);
        for (const name of DEMO_WORKING_NAMES) expect(text, `${path}: "${name}"`).not.toContain(name);
        expect(await axeProblems(page), path).toEqual([]);
      }
    },
  );

  it("fits the progress tables and every label and figure of the hub chart in Russian at 1280 px", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(`localStorage.setItem("reliefline.language", "ru")`);
    await page.goto(`${server.base}/op/${OP}`);
    await page.getByRole("table", { name: "По плечам маршрута" }).waitFor();
    await page.locator("#stock-chart-title").waitFor({ state: "attached" });
    const clipped = await page.evaluate<number[]>(
      `[...document.querySelectorAll(".progress-tables .table-scroll")].map((e) => e.scrollWidth - e.clientWidth)`,
    );
    expect(clipped).toEqual([0, 0]);
    // How far any text of the chart runs past its drawing, left or right (it once cut "потребности").
    const [texts, outside] = await page.evaluate<[number, number]>(`(() => {
      const svg = document.querySelector("#stock-chart-title").closest("svg").getBoundingClientRect();
      const texts = [...document.querySelectorAll("#stock-chart-title ~ g text")].map((t) => t.getBoundingClientRect());
      return [texts.length, Math.max(0, ...texts.map((r) => Math.max(r.right - svg.right, svg.left - r.left)))];
    })()`);
    expect(texts).toBeGreaterThan(10);
    expect(outside).toBe(0);
    expect(plain(await page.locator("#stock-chart-title").textContent())).toContain("5 960 шт. · 68 % потребности");
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("keeps every stock quantity whole on a narrow phone in Russian, never cut to a shorter number", async () => {
    await page.goto(`${server.base}/op/${OP}/stock`);
    await page.getByRole("heading", { name: "Запасы", level: 1 }).waitFor();
    await page.setViewportSize({ width: 320, height: 700 });
    await page.waitForFunction("window.innerWidth === 320");
    await page.getByTestId("stock-table").locator("tbody tr").first().waitFor();
    // Each quantity cell lies inside the visible part of its scrolling table, with its unit under it.
    const outside = await page.evaluate<string[]>(`(() => {
      const view = document.querySelector("[data-testid=stock-table]").parentElement.getBoundingClientRect();
      return [...document.querySelectorAll("[data-testid=stock-table] td.col-qty")]
        .filter((td) => { const r = td.getBoundingClientRect(); return r.left < view.left || r.right > view.right + 0.5; })
        .map((td) => td.textContent);
    })()`);
    expect(outside).toEqual([]);
    expect(plain(await page.getByTestId("stock-table").locator("td.col-qty").first().innerText())).toMatch(
      /^[\d ]+\n\S+$/,
    );
    expect(await axeProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
