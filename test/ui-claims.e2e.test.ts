// The claims checker on the Reports page in Chromium: paste the origin report, check it,
// see each claim highlighted in the text by its verdict ("nine out of 54 train cars"
// contradicted, the 17 cars supported), follow a claim's number to its explanation and
// query, record the contradicted count; in Russian too. Axe on the page; screenshots.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDemoRoom, axeProblems, noBrowser, shootWallAndPhone, type DemoServer } from "./helpers/ui-browser.ts";

const EMAIL = "claims@reliefline.local";
const PASSWORD = "claims ui test password";
const ORIGIN = readFileSync(fileURLToPath(new URL("../../shared/origin/report.txt", import.meta.url)), "utf8");
const RUSSIAN =
  "19 декабря специалисты выгрузили 17 вагонов: 300 кубометров пиломатериалов и автокран на платформе. К настоящему времени прибыли девять из 54 вагонов.";

let server: DemoServer;
let browser: Browser;
let page: Page;

describe.skipIf(noBrowser !== null)("checking a text's claims on the reports page", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoRoom(EMAIL, PASSWORD, { viewport: { width: 1280, height: 900 } }));
    await page.getByRole("link", { name: "Reports" }).first().click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("highlights each claim of the origin report where it stands, by verdict, and explains the contradicted one", async () => {
    await page.getByLabel("Text to check").fill(ORIGIN);
    await page.getByRole("button", { name: "Check claims" }).click();
    const summary = page.getByRole("status").filter({ hasText: "supported" });
    await expect.poll(async () => summary.textContent()).toContain("4 supported, 1 contradicted, 0 not checkable.");
    const text = page.locator(".claims-text");
    const contradicted = text.locator("mark.claim-contradicted");
    expect(await contradicted.count()).toBe(1);
    expect((await contradicted.textContent())?.replace(/\d+$/, "")).toContain("nine out of 54 train cars");
    // the planned total is marked inside the contradicted count, and supported
    expect(await contradicted.locator("mark.claim-supported").count()).toBe(1);
    const supported = await text.locator("mark.claim-supported").allTextContents();
    expect(supported.map((s) => s.replace(/\d+$/, ""))).toEqual(
      expect.arrayContaining(["17 rail cars", "300 cubic meters of lumber", "a platform with a truck-mounted crane"]),
    );
    // the number after the span leads to the claim's explanation, figure and query
    await contradicted.locator("sup a").last().click();
    const row = page.locator(".claim-row.row-contradicted");
    expect(await row.textContent()).toContain("The ledger implies 26");
    await row
      .getByText(/^Query: /)
      .first()
      .click();
    expect(await row.locator("pre").first().textContent()).toContain("unit_states");
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "25-claims")).toBeLessThanOrEqual(0);
  });

  it("records the contradicted count in the claims table", async () => {
    const row = page.locator(".claim-row.row-contradicted");
    await row.getByRole("button", { name: "Record this claim" }).click();
    await row.getByRole("button", { name: "Recorded" }).waitFor();
    const [stored] = await server.db.query<{ claimed: number; of_total: number }>(
      "select claimed, of_total from claims order by recorded_at desc limit 1",
    );
    expect(stored).toEqual({ claimed: 9, of_total: 54 });
  });

  it("reads a Russian text and explains in Russian when the page is in Russian", async () => {
    await page.evaluate(`localStorage.setItem("reliefline.language", "ru")`);
    await page.reload();
    await page.getByLabel("Текст для проверки").fill(RUSSIAN);
    await page.getByLabel("Дата текста (необязательно)").fill("2020-12-20");
    await page.getByRole("button", { name: "Проверить" }).click();
    await expect
      .poll(async () => page.locator(".claims-summary").textContent())
      .toContain("Подтверждено: 4, опровергнуто: 1");
    expect(await page.locator("mark.claim-contradicted").first().textContent()).toContain("девять из 54 вагонов");
    expect(await page.locator(".claim-row.row-contradicted").textContent()).toContain("По реестру 26");
    expect(await axeProblems(page)).toEqual([]);
  });
});
