// The reports page in Chromium: the demo's press statement for 19 December 2020 in both
// languages with its figures marked and traced, the Russian situation report downloaded
// as a PDF whose text is Cyrillic, and a snapshot published to the public view, which
// then shows it without signing in. Axe on the page; screenshots at 1920 px and 375 px.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDemoRoom, axeProblems, noBrowser, shootWallAndPhone, type DemoServer } from "./helpers/ui-browser.ts";

const EMAIL = "press@reliefline.local";
const PASSWORD = "reports ui test password";
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

let server: DemoServer;
let browser: Browser;
let page: Page;

describe.skipIf(noBrowser !== null)("the reports page on the demo operation", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoRoom(EMAIL, PASSWORD, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("previews the statement of the latest day in English and Russian, each figure marked and traced to its query", async () => {
    await page.getByRole("link", { name: "Reports" }).first().click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    expect(await page.getByLabel("Date").first().inputValue()).toBe("2020-12-19");
    const english = page.getByRole("article", { name: /English/ });
    const russian = page.getByRole("article", { name: /Русский/ });
    await expect
      .poll(async () => plain(await english.textContent()))
      .toContain("26 of the 54 rail cars have arrived (nine arrivals recorded; 17 inferred from their unloading)");
    await expect.poll(async () => plain(await russian.textContent())).toContain("прибыли 26 из 54 вагонов");
    // "17" in the text is a link to the figure row that says what was counted.
    const mark = russian.locator("a.figure-mark", { hasText: /^17$/ }).first();
    await mark.click();
    const target = await mark.getAttribute("href");
    expect(await page.locator(target!).textContent()).toMatch(/GoodsUnloaded/);
    // The plan's lowest coverage reads as the percentage the plan page shows, not as 0.3444.
    expect(plain(await page.locator("#figure-en-plan-min-coverage").textContent())).toMatch(/34\.4%/);
    expect(plain(await page.locator("#figure-ru-plan-min-coverage").textContent())).toMatch(/34,4 %/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await shootWallAndPhone(page, "20-reports")).toBeLessThanOrEqual(0);
  });

  it("downloads the Russian situation report as a PDF whose text is Cyrillic", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Situation report, PDF (RU)" }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), "reliefline-ui-pdf-")), download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const text = plain(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
    expect(text).toContain("ОПЕРАТИВНАЯ СВОДКА");
  });

  it("publishes a snapshot, acknowledging the open discrepancies, that the public view then shows with the ledger head", async () => {
    // Nothing is public yet: no link that would lead to a 404.
    expect(await page.getByTestId("public-view-none").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Open the public view" }).count()).toBe(0);
    await page.getByRole("button", { name: "Publish snapshot of figures" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("publish-discrepancies").waitFor();
    await dialog
      .getByLabel("Why publish anyway (shown with the publication)")
      .fill("Arrivals of part 2 are being confirmed.");
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("button", { name: "Publish anyway" }).click();
    await page
      .getByRole("status")
      .getByText(/Published\./)
      .waitFor();
    const row = page.getByRole("row", { name: /#\d+/ }).first();
    await row.waitFor();
    const seq = /#(\d+)/.exec((await row.textContent()) ?? "")![1];
    const link = page.getByRole("link", { name: "Open the public view" });
    await link.waitFor();
    const publicPage = await page.context().newPage();
    const response = await publicPage.goto(`${server.base}${await link.getAttribute("href")}`);
    expect(response!.status()).toBe(200);
    const body = plain(await publicPage.textContent("body"));
    expect(body).toContain(seq!);
    expect(body).toContain("26 of 54 cars arrived");
    expect(body).toContain("Arrivals of part 2 are being confirmed.");
    await publicPage.close();
  });
});
