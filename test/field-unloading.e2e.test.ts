// Unloading at the railhead on a phone, in real Chromium: a car the ledger already has as
// unloaded cannot be unloaded again, and a car loaded but never departed is warned of before
// Confirm (the discrepancy the ledger will show), then recorded as the officer confirms. The
// other tasks: field-tasks.e2e.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { axeProblems, noBrowser } from "./helpers/ui-browser.ts";
import {
  OP,
  choosePlace,
  phoneWalks,
  signInOnPhone,
  unloadCar,
  waitForAllSent,
  type FieldServer,
} from "./helpers/field-browser.ts";
import { DEMO_CARS, ORIGIN, RAILHEAD } from "../src/demo/origin.ts";
import { recordEvents } from "../src/app/record-events.ts";
import { listDiscrepancies } from "../src/app/reconcile.ts";

const EN_ROUTE = DEMO_CARS.filter((c) => c.part === 3).slice(14, 20);
/** A car loaded at the origin whose departure nobody recorded: unloading it at the railhead is warned of. */
const NEVER_DEPARTED = DEMO_CARS.filter((c) => c.part === 3)[21]!;

describe.skipIf(noBrowser)("unloading at the railhead on a phone", () => {
  const walks = phoneWalks(
    [
      ["b@example.org", "field-officer"],
      ["c@example.org", "field-officer"],
    ],
    EN_ROUTE,
  );
  const phone = walks.phone;
  let server: FieldServer;
  beforeAll(() => {
    server = walks.server();
  });

  it("does not unload again a car the ledger already has unloaded: the warning shows and the confirmation stays off", async () => {
    // The demo's first car was unloaded at the railhead by the joint grouping, under an id no phone derives.
    const car = DEMO_CARS[0]!.number;
    const unloadings = async () =>
      (
        await server.db.query<{ n: number }>(
          "select count(*)::int4 as n from events where type in ('GoodsUnloaded', 'GoodsReceived') and body ->> 'unit' = $1",
          [car],
        )
      )[0]!.n;
    const before = await unloadings();
    expect(before, "the demo holds the car's unloading and count").toBeGreaterThan(0);
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, "b@example.org", "Phone b");
    await choosePlace(p.page, RAILHEAD, "JG-STP");
    await p.page.getByRole("link", { name: /Unload a car/ }).click();
    await p.page.getByLabel("Car or truck number").fill(car);
    await p.page.getByRole("button", { name: "Find" }).click();
    await p.page.getByText("Already unloaded at Yerevan freight station").waitFor();
    // Units of measure as symbols, not UN/ECE Rec 20 codes: the car carried 60 TNE of cement.
    const manifestLine = p.page.locator("ol.manifest legend").first();
    expect(await manifestLine.textContent()).toMatch(/: 60\u00a0t$/);
    await p.page.locator("ol.manifest fieldset").first().getByRole("radio", { name: "As manifest" }).check();
    const confirm = p.page.getByRole("button", { name: "Confirm unloading" });
    expect(await confirm.isDisabled(), "no second unloading from the phone").toBe(true);
    await confirm.click({ force: true });
    await p.page.getByRole("button", { name: "Sync now" }).click();
    await waitForAllSent(p.page);
    expect(await p.page.getByText(/Recorded on the phone/).count()).toBe(0);
    expect(await unloadings(), "the ledger holds the one unloading it had").toBe(before);
    // The sync bar's link to the outbox is a tap target like the buttons, also on one line (in Russian).
    for (const language of ["English", "Русский"]) {
      await p.page.goto(`${server.phoneBase}/field/#/settings`);
      await p.page.getByLabel(/Language|Язык/).selectOption({ label: language });
      const box = await p.page.locator(".sync-status a").first().boundingBox();
      expect(box!.height, `the outbox link's height in ${language}`).toBeGreaterThanOrEqual(44);
    }
    // On a Russian phone: the operation's Russian name, and the manifest's units in Russian symbols.
    await p.page.goto(`${server.phoneBase}/field/#/`);
    await p.page
      .getByRole("heading", { level: 1, name: "Гуманитарная помощь Степанакерту по железной дороге, 2020" })
      .waitFor();
    await p.page.getByRole("link", { name: /Выгрузить вагон/ }).click();
    await p.page.getByLabel("Номер вагона или грузовика").fill(car);
    await p.page.getByRole("button", { name: "Найти" }).click();
    await expect.poll(() => manifestLine.textContent()).toMatch(/: 60\u00a0т$/);
    // The line's heading wraps to two lines in Russian at 360 px: it stays inside its card, below the border.
    const heading = (await manifestLine.boundingBox())!;
    const card = (await p.page.locator("ol.manifest fieldset").first().boundingBox())!;
    expect(heading.height, "the Russian heading wraps").toBeGreaterThan(30);
    expect(heading.y, "the heading starts below the card's top border").toBeGreaterThan(card.y + 2);
    expect(heading.y + heading.height).toBeLessThan(card.y + card.height);
    expect(await p.page.locator("ol.manifest").textContent()).not.toMatch(/TNE|MTQ|H87/);
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByLabel("Язык").selectOption({ label: "English" });
    await p.page.goto(`${server.phoneBase}/field/#/`);
    await p.page.getByRole("heading", { level: 1, name: "Rail aid to Stepanakert, 2020" }).waitFor();
  }, 120_000);

  it("warns before Confirm that a car loaded but never departed will show a discrepancy, and records it when confirmed", async () => {
    const car = NEVER_DEPARTED.number;
    await recordEvents(
      server.db,
      server.admin,
      OP,
      [
        {
          id: uuidv7(),
          type: "GoodsLoaded",
          eventTime: "2020-12-20T08:00:00+03:00",
          unit: car,
          location: ORIGIN,
          lines: NEVER_DEPARTED.cargo,
        },
      ],
      new Date(),
    );
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, "c@example.org", "Phone c");
    await choosePlace(p.page, RAILHEAD, "JG-STP");
    await p.page.getByRole("link", { name: /Unload a car/ }).click();
    await p.page.getByLabel("Car or truck number").fill(car);
    await p.page.getByRole("button", { name: "Find" }).click();
    const warning = p.page.getByTestId("missing-steps");
    await expect
      .poll(() => warning.textContent())
      .toBe(
        `No departure recorded for ${car}: the ledger will show a discrepancy (arrived, never departed). Confirm only if it really is here; the operations room will see it.`,
      );
    // It is said before Confirm, and Confirm is described by it (a screen reader reads it with the button).
    const confirm = p.page.getByRole("button", { name: "Confirm unloading" });
    expect(await confirm.getAttribute("aria-describedby")).toBe(await warning.getAttribute("id"));
    expect((await warning.boundingBox())!.y).toBeLessThan((await confirm.boundingBox())!.y);
    expect(await axeProblems(p.page), "the warning passes axe").toEqual([]);
    // In Russian too.
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByLabel("Language").selectOption("ru");
    await p.page.goto(`${server.phoneBase}/field/#/`);
    await p.page.getByRole("link", { name: /Выгрузить вагон/ }).click();
    await p.page.getByLabel("Номер вагона или грузовика").fill(car);
    await p.page.getByRole("button", { name: "Найти" }).click();
    await expect
      .poll(() => warning.textContent())
      .toMatch(/^Отправление \d+ не зарегистрировано: в журнале появится расхождение \(прибытие без отправления\)/);
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByLabel("Язык").selectOption("en");
    // The officer may still record what happened: the ledger then shows the discrepancy the phone named.
    await unloadCar(p.page, car);
    await waitForAllSent(p.page);
    const found = await listDiscrepancies(server.db, server.admin, OP, { kind: "arrived-never-departed" });
    expect(found.map((f) => f.subject)).toEqual([`unit:${car}`]);
    // A car that departed is not warned of.
    await p.page.goto(`${server.phoneBase}/field/#/`);
    await p.page.getByRole("link", { name: /Unload a car/ }).click();
    await p.page.getByLabel("Car or truck number").fill(EN_ROUTE[5]!.number);
    await p.page.getByRole("button", { name: "Find" }).click();
    await p.page.locator("ol.manifest fieldset").first().waitFor();
    expect(await warning.count()).toBe(0);
  }, 180_000);
});
