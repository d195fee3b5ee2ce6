// The operations-room UI, part B, end to end on the demo operation: the discrepancy inbox,
// needs → plan → distribution, and changing one's password — in a real Chromium against the
// real server. Each new page is checked with axe and photographed at 1920 px and 375 px.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_OPERATION } from "../src/demo/origin.ts";
import { createUser, grantRole } from "../src/app/identity.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  axeProblems,
  newPage,
  noBrowser,
  shoot,
  signIn,
  startUiHarness,
  type UiHarness,
} from "./helpers/ui-browser.ts";

const WIDE = [1920, 375];
const NEW_PASSWORD = "a much longer new password";
const VIEWER = { email: "viewer@reliefline.local", password: "viewer password 1" };

let ui: UiHarness;
let page: Page;
const op = () => `${ui.base}/op/${DEMO_OPERATION.code}`;
const nav = (name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });

describe.skipIf(noBrowser !== null)(
  "the operations-room UI: discrepancies, allocation and the account",
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      ui = await startUiHarness();
      page = ui.page;
      await createUser(ui.db, "system", { email: VIEWER.email, name: "Vera Viewer", password: VIEWER.password });
      await grantRole(ui.db, "system", DEMO_OPERATION.code, VIEWER.email, "viewer");
      await signIn(page, ui.base, ADMIN_EMAIL, ADMIN_PASSWORD);
    }, 180_000);

    afterAll(async () => {
      await ui?.close();
    });

    it("lists open discrepancies first and resolves one with a required note", async () => {
      await page.goto(`${op()}/discrepancies`);
      await page.getByRole("heading", { name: "Discrepancies", level: 1 }).waitFor();
      const cards = page.getByTestId("discrepancy");
      await cards.first().waitFor();
      expect(await cards.first().getAttribute("data-status")).toBe("open");
      expect(await page.getByRole("link", { name: /^Unit \d{8}$/ }).count()).toBeGreaterThan(0);
      expect(await axeProblems(page)).toEqual([]);
      expect(await shoot(page, "b01-discrepancies", WIDE)).toBeLessThanOrEqual(0);

      await page.getByLabel("Kind").selectOption("receipt-short");
      await expect.poll(() => cards.count()).toBe(1);
      const card = cards.first();
      expect((await card.textContent())?.replace(/\u00a0/g, " ")).toContain("40 pcs short");
      await card.getByText(/Evidence \(1 event\) and history/).click();
      await card.getByText("found by reconciliation").waitFor();
      await card.getByRole("button", { name: "Resolve" }).click();
      await card.getByRole("button", { name: "Mark resolved" }).click();
      await card.getByText("Write a note: say why.").waitFor();
      expect(await card.getByLabel("How it was resolved").getAttribute("aria-invalid")).toBe("true");
      expect(await axeProblems(page)).toEqual([]);
      await card
        .getByLabel("How it was resolved")
        .fill("40 blankets found on a second pallet in bay 3; recount matches the manifest.");
      await card.getByRole("button", { name: "Mark resolved" }).click();
      await expect.poll(() => card.getAttribute("data-status")).toBe("resolved");
      await page.getByRole("radio", { name: /^Resolved/ }).check();
      await expect.poll(() => cards.count()).toBe(1);
      // The evidence and history stay open from before the change.
      expect(await card.locator("details").getAttribute("open")).not.toBeNull();
      await card.getByText("40 blankets found on a second pallet", { exact: false }).first().waitFor();
      expect(await card.textContent()).toContain(ADMIN_EMAIL);
      expect(await shoot(page, "b02-discrepancy-resolved", WIDE)).toBeLessThanOrEqual(0);
    });

    it("shows a viewer the inbox without the actions", async () => {
      const viewer = await newPage(ui.browser);
      try {
        await signIn(viewer, ui.base, VIEWER.email, VIEWER.password);
        await viewer.goto(`${op()}/discrepancies`);
        await viewer.getByTestId("discrepancy").first().waitFor();
        await viewer.getByText("Your role can read discrepancies.").waitFor();
        expect(await viewer.getByRole("button", { name: "Resolve" }).count()).toBe(0);
        expect(await viewer.getByRole("button", { name: "Explain" }).count()).toBe(0);
        await viewer.goto(`${op()}/plan`);
        await viewer.getByTestId("plan").waitFor();
        expect(await viewer.getByRole("button", { name: /Approve/ }).count()).toBe(0);
        expect(await viewer.getByRole("button", { name: "Run the planner" }).count()).toBe(0);
      } finally {
        await viewer.context().close();
      }
    });

    it("shows needs per neighbourhood and names the row and column of a bad import", async () => {
      await nav("Needs").click();
      await page.getByRole("heading", { name: "Needs", level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId("needs-table").locator("tbody tr").count()).toBe(6);
      await page.getByLabel("File (CSV or XLSX)").setInputFiles({
        name: "needs.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "neighbourhood,item,quantity,source,assessedOn\nSTP-CENTRE,FLOUR,lots,Joint grouping,2020-12-15\n",
        ),
      });
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByTestId("import-errors").getByText("Row 2, column quantity").waitFor();
      expect(await axeProblems(page)).toEqual([]);
      expect(await shoot(page, "b03-needs", WIDE)).toBeLessThanOrEqual(0);
    });

    it("runs the planner, draws coverage per neighbourhood and approves the plan after a confirmation", async () => {
      await nav("Plan").click();
      await page.getByRole("heading", { name: "Allocation plan", level: 1 }).waitFor();
      await page.getByTestId("plan").waitFor();
      await page.getByLabel("Trucks").fill("20");
      await page.getByRole("button", { name: "Run the planner" }).click();
      await page.getByRole("combobox", { name: "Plan", exact: true }).waitFor();
      const chart = page.getByTestId("coverage-chart").getByRole("img");
      await chart.waitFor();
      expect(await chart.getAttribute("aria-label")).toMatch(/Coverage by neighbourhood.*Centre \d+(\.\d)?%/);
      expect(await page.getByTestId("coverage-chart").locator("rect.chart-bar").count()).toBe(6);
      expect(await page.getByTestId("plan-table").locator("tbody tr").count()).toBe(6);
      expect(await page.getByTestId("binding").count()).toBeGreaterThan(0);
      await page.getByTestId("raise").waitFor();
      expect(await axeProblems(page)).toEqual([]);
      expect(await shoot(page, "b04-plan", WIDE)).toBeLessThanOrEqual(0);

      await page.getByRole("button", { name: "Approve plan…" }).click();
      const dialog = page.getByRole("dialog", { name: "Approve this plan?" });
      await dialog.waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByRole("button", { name: "Approve plan…" }).click();
      await dialog.getByRole("button", { name: "Approve and ship" }).click();
      await page
        .getByTestId("approve-outcome")
        .getByText(/Plan approved: 6 shipments recorded/)
        .waitFor();
      expect(await page.getByRole("button", { name: "Approve plan…" }).count()).toBe(0);
    });

    it("records a distribution, refusing personal data in the note first, and shows the crane with its custodian", async () => {
      await nav("Distribution").click();
      await page.getByRole("heading", { name: "Distribution", level: 1 }).waitFor();
      await page.getByTestId("assets").getByText("Truck-mounted crane").waitFor();
      expect(await page.getByTestId("assets").textContent()).toContain("STP-UTIL");
      await page.getByLabel("Neighbourhood").selectOption("STP-CENTRE");
      await page.getByLabel("Households reached").fill("40");
      await page.getByLabel("People reached").fill("150");
      await page.getByLabel("Item").selectOption("BLANKET");
      await page.getByLabel("Quantity").fill("120");
      await page.getByLabel("Note (optional)").fill("Handed over at school 4; contact +7 912 345 67 89");
      await page.getByRole("button", { name: "Record distribution" }).click();
      await page
        .locator("#dist-note-error")
        .getByText(/looks like it holds a phone number/)
        .waitFor();
      expect(await page.getByLabel("Note (optional)").getAttribute("aria-invalid")).toBe("true");
      expect(await axeProblems(page)).toEqual([]);
      await page.getByLabel("Note (optional)").fill("Handed over at school 4.");
      await page.getByRole("button", { name: "Record distribution" }).click();
      await page
        .getByTestId("distribution-outcome")
        .getByText(/Recorded as event \d+/)
        .waitFor();
      const centre = page.getByTestId("coverage-table").getByRole("row", { name: /Centre/ });
      await expect.poll(() => centre.textContent()).toMatch(/120 \/ 2,100/);
      expect(await shoot(page, "b05-distribution", WIDE)).toBeLessThanOrEqual(0);
    });

    it("changes the password from the account menu, then signs in with the new one", async () => {
      await page.getByRole("button", { name: /Account menu/ }).click();
      await page.getByRole("link", { name: "Change password" }).click();
      await page.getByRole("heading", { name: "Change password", level: 1 }).waitFor();
      await page.getByLabel("Current password").fill("not my password");
      await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("New password again").fill("something else entirely");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("The two new passwords are not the same.").waitFor();
      await page.getByLabel("New password again").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("The current password is not right.").waitFor();
      expect(await axeProblems(page)).toEqual([]);
      expect(await shoot(page, "b06-password-errors", WIDE)).toBeLessThanOrEqual(0);

      await page.getByLabel("Current password").fill(ADMIN_PASSWORD);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByTestId("password-changed").waitFor();
      await page.getByRole("button", { name: "Sign in again" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await page.getByLabel("Email").fill(ADMIN_EMAIL);
      await page.getByLabel("Password").fill(ADMIN_PASSWORD);
      await page.getByLabel("Password").press("Enter");
      await page.getByText("Email or password is not right.").waitFor();
      await signIn(page, ui.base, ADMIN_EMAIL, NEW_PASSWORD);
    });

    it(
      "shows every new page in Russian, accessible, at a phone's width and a wall screen's",
      { timeout: 240_000 },
      async () => {
        await page.goto(`${op()}/discrepancies`);
        await page.getByLabel("Language").selectOption("ru");
        const pages: [string, string, string][] = [
          ["discrepancies", "Расхождения", "b07-discrepancies-ru"],
          ["needs", "Потребности", "b08-needs-ru"],
          ["plan", "План распределения", "b09-plan-ru"],
          ["distribution", "Распределение", "b10-distribution-ru"],
        ];
        for (const [path, heading, shot] of pages) {
          await page.goto(`${op()}/${path}`);
          await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
          await page.locator(".table, .discrepancy").first().waitFor();
          expect(await page.evaluate<string>("document.documentElement.lang")).toBe("ru");
          expect(await axeProblems(page), path).toEqual([]);
          expect(await shoot(page, shot, WIDE), path).toBeLessThanOrEqual(0);
        }
        await page.goto(`${ui.base}/account/password`);
        await page.getByRole("heading", { name: "Смена пароля", level: 1 }).waitFor();
        await page.getByRole("button", { name: "Сменить пароль" }).click();
        await page.getByText("Заполните это поле.").first().waitFor();
        expect(await axeProblems(page)).toEqual([]);
        expect(await shoot(page, "b11-password-ru", WIDE)).toBeLessThanOrEqual(0);
      },
    );
  },
);
