// The field app's tasks in real Chromium at phone size: a refused event waits for the
// user's decision, each role sees only its tasks, a one-time password leads to the
// operations room, every screen passes axe, and unloading and handing out work by keyboard
// alone. Two phones unloading one car: field-two-phones.e2e.test.ts (on both engines); the
// other tasks and the outbox's decisions by keyboard: field-keyboard.e2e.test.ts; unloading
// twice or after no departure: field-unloading.e2e.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { axeProblems, noBrowser, SHOTS } from "./helpers/ui-browser.ts";
import {
  FIELD_ADMIN,
  OP,
  choosePlace,
  goOffline,
  goOnline,
  putInOutbox,
  signInOnPhone,
  unloadCar,
  waitForAllSent,
  phoneWalks,
  type FieldServer,
} from "./helpers/field-browser.ts";
import { arrowTo, tabTo } from "./helpers/field-keyboard.ts";
import { DEMO_CARS, DEMO_TRUCKS, HUB, RAILHEAD } from "../src/demo/origin.ts";
import { DEMO_CONSIGNMENT } from "../src/demo/tracking.ts";
import { stageFigure } from "../src/store/progress.sql.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import { addItems } from "../src/app/catalogue.ts";
import { createUser, grantRole } from "../src/app/identity.ts";
import { join } from "node:path";

const EN_ROUTE = DEMO_CARS.filter((c) => c.part === 3).slice(14, 20);
/** A car still planned (not on its way), unloaded by the phone that signs out before it is sent. */
const PLANNED = DEMO_CARS.filter((c) => c.part === 3)[22]!;

describe.skipIf(noBrowser)("field tasks on a phone", () => {
  const walks = phoneWalks(
    [
      ["a@example.org", "field-officer"],
      ["b@example.org", "field-officer"],
      ["points@example.org", "distribution-officer"],
    ],
    EN_ROUTE,
  );
  const phone = walks.phone;
  const phones = walks.phones;
  let server: FieldServer;
  beforeAll(() => {
    server = walks.server();
  });

  it("shows a refused event with its reason, keeps it across a reload, and sends the correction as a new event", async () => {
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, "a@example.org", "Phone a");
    await choosePlace(p.page, RAILHEAD, "JG-STP");
    await addItems(server.db, server.admin, OP, [{ code: "SOAP", name: "Soap", uom: "H87", kind: "goods" }]);
    await p.page.getByRole("button", { name: "Sync now" }).click();
    // The phone's working set has the new item once the sync has refreshed it.
    const held = () =>
      p.page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open("reliefline-field");
      open.onsuccess = () => { const get = open.result.transaction("meta").objectStore("meta").get("workingSet"); get.onsuccess = () => resolve(!!get.result?.items?.SOAP); };
    })`);
    await expect.poll(held, { timeout: 30_000 }).toBe(true);
    await goOffline(server, p);
    await p.page.goto(`${server.phoneBase}/field/#/`);
    await p.page.getByRole("link", { name: /Load a truck/ }).click();
    await p.page.getByLabel("Truck").fill(DEMO_TRUCKS[0]!);
    await p.page.getByRole("button", { name: "Find" }).click();
    await p.page.getByLabel("Item").selectOption("SOAP");
    await p.page.getByLabel("Quantity").fill("10");
    await p.page.getByRole("button", { name: "Confirm loading" }).click();
    await p.page.getByText(/Recorded on the phone/).waitFor();
    // Meanwhile the operations room removes the item from the catalogue.
    await server.db.query("delete from items where code = 'SOAP'");
    await goOnline(server, p);
    await p.page.getByText("1 event needs your decision").waitFor({ timeout: 30_000 });
    await p.page.reload();
    await p.page.getByRole("link", { name: "1 event needs your decision" }).click();
    const refused = p.page.locator("[data-state=refused]");
    await expect(refused.getByText("/lines/0/item").textContent()).resolves.toContain("/lines/0/item");
    // The server's reason in the phone's words, not the server's English (it has words for this one).
    await refused.getByText("There is no item SOAP in this operation's catalogue.", { exact: true }).waitFor();
    expect(await refused.getByText(/unknown item/).count(), "the server's own sentence is not shown").toBe(0);
    // In words: the event's type and the field at fault, not the ledger's codes alone.
    await refused.getByText(`Goods shipped · ${DEMO_TRUCKS[0]}`).waitFor();
    await refused.getByText("Line 1: item", { exact: true }).waitFor();
    expect(await axeProblems(p.page), "the outbox with a refused event passes axe").toEqual([]);
    // On a Russian phone the reason is Russian too.
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByLabel("Language").selectOption("ru");
    await p.page.goto(`${server.phoneBase}/field/#/outbox`);
    await refused.getByText("В каталоге этой операции нет товара SOAP.", { exact: true }).waitFor();
    await refused.getByText("Строка 1: товар", { exact: true }).waitFor();
    expect(await refused.getByText(/unknown item|catalogue/).count(), "no English on the Russian phone").toBe(0);
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByLabel("Язык").selectOption("en");
    await p.page.goto(`${server.phoneBase}/field/#/outbox`);
    await refused.getByRole("button", { name: "Correct and send again" }).click();
    expect(await axeProblems(p.page), "the correction form passes axe").toEqual([]);
    await refused.getByLabel("Line 1: item").selectOption("LUMBER");
    // A double tap on Send: the refused event is replaced by one new event, not two.
    await refused.getByRole("button", { name: "Send as a new event" }).dblclick();
    await p.page.getByText("Corrected as a new event").waitFor();
    const shipped = async () =>
      (
        await server.db.query<{ n: number }>(
          "select count(*)::int4 as n from events where type = 'GoodsShipped' and body ->> 'unit' = $1 and body -> 'lines' -> 0 ->> 'item' = 'LUMBER' and body ? 'origin'",
          [DEMO_TRUCKS[0]],
        )
      )[0]!.n;
    await expect.poll(shipped, { timeout: 20_000 }).toBe(1);
    await waitForAllSent(p.page);
    expect(await shipped(), "one correction in the ledger").toBe(1);
    const storedShipments = p.page.locator("[data-state=stored]").filter({ hasText: /^Goods shipped · / });
    expect(await storedShipments.count(), "one stored correction on the phone").toBe(1);
    // Every moment on the phone in the operation's zone, named (the phone's own zone here is the machine's):
    // the last contact and the events' times read alike.
    await p.page.getByText(/^Last contact [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} GMT\+4$/).waitFor();
    expect(await storedShipments.textContent()).toMatch(/, \d{2}:\d{2} GMT\+4/);
  }, 180_000);

  it("offers each role only its tasks", async () => {
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, "points@example.org", "Point phone");
    await p.page.getByRole("link", { name: /Hand out/ }).waitFor();
    expect(await p.page.getByRole("link", { name: /Unload a car/ }).count()).toBe(0);
    expect(
      await phones[0]!.page
        .goto(`${server.phoneBase}/field/#/`)
        .then(() => phones[0]!.page.getByRole("link", { name: /Hand out/ }).count()),
    ).toBe(0);
  }, 120_000);

  it("signs out offline with an event waiting: the sign-in screen says it waits, and signing in again sends it", async () => {
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, "b@example.org", "Phone b2");
    await choosePlace(p.page, RAILHEAD, "JG-STP");
    await goOffline(server, p);
    await unloadCar(p.page, PLANNED.number);
    await p.page.goto(`${server.phoneBase}/field/#/settings`);
    await p.page.getByText(/Events still wait to be sent/).waitFor();
    await p.page.getByText("b@example.org · Field officer").waitFor();
    await p.page.getByRole("button", { name: "Sign out on this phone" }).click();
    await p.page.getByRole("heading", { name: "Sign in on this phone" }).waitFor();
    await p.page.getByText("3 events recorded on this phone wait to be sent", { exact: false }).waitFor();
    await goOnline(server, p);
    await signInOnPhone(p.page, server.phoneBase, "b@example.org", "Phone b2");
    await waitForAllSent(p.page);
    expect(await p.page.getByText(/recorded on this phone wait/).count()).toBe(0);
    const [row] = await server.db.query<{ n: number }>(
      "select count(*)::int4 as n from events where body ->> 'unit' = $1 and body ? 'origin'",
      [PLANNED.number],
    );
    expect(row!.n, "the three events recorded before signing out").toBe(3);
  }, 240_000);

  it("sends a user with a one-time password to the operations room to change it", async () => {
    const { password } = await createUser(server.db, "system", { email: "new@example.org", name: "New" });
    await grantRole(server.db, "system", OP, "new@example.org", "field-officer");
    const p = await phone();
    await p.page.goto(`${server.phoneBase}/field/`);
    await p.page.getByLabel("Email").fill("new@example.org");
    await p.page.getByLabel("Password").fill(password!);
    await p.page.getByLabel("Name of this phone").fill("New phone");
    await p.page.getByRole("button", { name: "Sign in" }).click();
    await p.page.getByText(/one-time password/).waitFor();
    expect(
      await p.page.getByRole("link", { name: "Change password in the operations room" }).getAttribute("href"),
    ).toBe("/account/password");
  }, 120_000);

  it("passes axe (no serious or critical problem) on every screen at 360 × 640, and unloads a car by keyboard alone", async () => {
    const p = await phone();
    const problems: string[] = [];
    const check = async (name: string) => {
      await p.page.screenshot({ path: join(SHOTS, `field-${name}-360.png`), fullPage: true });
      problems.push(...(await axeProblems(p.page)).map((x) => `${name}: ${x}`));
    };
    await p.page.goto(`${server.phoneBase}/field/`);
    await p.page.getByLabel("Email").waitFor();
    await check("sign-in");
    await signInOnPhone(p.page, server.phoneBase, FIELD_ADMIN, "Admin phone");
    await choosePlace(p.page, RAILHEAD, "JG-STP");
    await check("home");
    for (const route of ["receive", "load", "distribute", "handover", "today", "settings"]) {
      await p.page.goto(`${server.phoneBase}/field/#/${route}`);
      await p.page.locator("main h1").waitFor();
      if (route === "today") await p.page.getByTestId(`lead-${DEMO_CONSIGNMENT.code}`).waitFor();
      await check(route);
    }
    // The app asked the browser to keep its storage under pressure, and says what it answered.
    await p.page
      .getByText(/keeps the outbox and the operation's data|has not promised to keep this app's data/)
      .waitFor();
    // The unload task by keyboard: type the number, Enter, a choice per line, confirm.
    await p.page.goto(`${server.phoneBase}/field/#/unload`);
    await p.page.getByLabel("Car or truck number").focus();
    await p.page.keyboard.type(EN_ROUTE[1]!.number);
    await check("unload-number");
    await p.page.keyboard.press("Enter");
    await p.page.locator("ol.manifest").waitFor();
    await check("unload-count");
    await p.page.locator("ol.manifest input[type=radio]").first().focus();
    await p.page.keyboard.press("Space");
    expect(await p.page.locator("ol.manifest input[type=radio]").first().isChecked()).toBe(true);
    await p.page.getByRole("button", { name: "Confirm unloading" }).focus();
    await p.page.keyboard.press("Enter");
    await p.page.getByText(/Recorded on the phone/).waitFor();
    await waitForAllSent(p.page);
    await p.page.goto(`${server.phoneBase}/field/#/outbox`);
    await p.page.locator("[data-state=stored]").first().waitFor();
    await check("outbox");
    expect(problems).toEqual([]);
    expect(p.cspViolations, "the app works under the strict Content-Security-Policy").toEqual([]);
    const fromPhone = async () =>
      (
        await server.db.query<{ n: number }>(
          "select count(*)::int4 as n from events where body ->> 'unit' = $1 and body ? 'origin'",
          [EN_ROUTE[1]!.number],
        )
      )[0]!.n;
    await expect.poll(fromPhone, { timeout: 20_000 }).toBe(3);
    // Today's lead figure is the one the press statement computes from the ledger (stageFigure), by keyboard-recorded events included.
    const operation = (await findOperation(server.db, OP))!;
    const arrived = await stageFigure(
      server.db,
      operation.id,
      DEMO_CONSIGNMENT.code,
      "arrived",
      null,
      operation.timeZone,
    );
    await p.page.goto(`${server.phoneBase}/field/#/today`);
    const lead = p.page.getByTestId(`lead-${DEMO_CONSIGNMENT.code}`);
    await lead.getByText(`${arrived.reached} of 54 arrived`).waitFor();
    expect(await lead.textContent()).toContain(
      `${arrived.recorded} arrivals recorded; ${arrived.implied} inferred from their unloading`,
    );
  }, 240_000);

  it("hands out by keyboard alone with counts only (a phone number in the note is caught on the phone) and hands equipment over", async () => {
    const p = await phone();
    await signInOnPhone(p.page, server.phoneBase, FIELD_ADMIN, "Admin phone 2");
    await goOffline(server, p);
    await p.page.goto(`${server.phoneBase}/field/#/distribute`);
    // By keyboard alone: Tab from field to field in order, arrow keys in the lists, Enter on the button.
    const page = p.page;
    await page.getByLabel("Distribution point").focus();
    await arrowTo(page, page.getByLabel("Distribution point"), "STP-CENTRE");
    await tabTo(page, page.getByLabel("Item"));
    await arrowTo(page, page.getByLabel("Item"), "BLANKET");
    await tabTo(page, page.getByLabel("Quantity"));
    await page.keyboard.type("40");
    await tabTo(page, page.getByLabel("Households"));
    await page.keyboard.type("12");
    await tabTo(page, page.getByLabel("People"));
    await page.keyboard.type("47");
    await tabTo(page, page.getByLabel(/Note/));
    await page.keyboard.type("ask Anna, +374 91 123456");
    await tabTo(page, page.getByRole("button", { name: "Confirm hand-out" }));
    await page.keyboard.press("Enter");
    await page.getByText(/looks like it holds a phone number/).waitFor();
    await page.getByLabel(/Note/).fill("school gym, morning");
    await page.getByRole("button", { name: "Confirm hand-out" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(/Recorded on the phone/).waitFor();
    await p.page.goto(`${server.phoneBase}/field/#/handover`);
    await p.page.getByLabel("From").selectOption(HUB);
    await p.page.getByLabel("Item").selectOption("CRANE");
    await p.page.getByLabel(/Organisation taking custody/).fill("STP-UTIL");
    // A tired double tap: one hand-over, not two.
    await p.page.getByRole("button", { name: "Confirm hand-over" }).dblclick();
    await p.page.getByText(/Recorded on the phone/).waitFor();
    await goOnline(server, p);
    await waitForAllSent(p.page);
    const rows = await server.db.query<{ type: string; households: string | null; device: string | null }>(
      "select type, body ->> 'households' as households, body -> 'origin' ->> 'device' as device from events where body ? 'origin' and type in ('GoodsDistributed', 'EquipmentHandedOver') order by seq",
    );
    expect(rows.map((r) => [r.type, r.households])).toEqual([
      ["GoodsDistributed", "12"],
      ["EquipmentHandedOver", null],
    ]);
    expect(rows.every((r) => r.device !== null)).toBe(true);
  }, 180_000);

  it("isolates an event the server refuses at its edge (halving the batch) and stores the rest in order", async () => {
    const p = phones[0]!;
    const before = (await server.db.query<{ n: number }>("select count(*)::int4 as n from events"))[0]!.n;
    await goOffline(server, p);
    const now = new Date(Date.now() - 60_000).toISOString();
    const good = (i: number) => ({
      id: uuidv7(),
      type: "UnitArrived",
      eventTime: now,
      unit: EN_ROUTE[2 + i]!.number,
      location: RAILHEAD,
    });
    // A malformed event fails the request schema (400), which refuses a batch whole.
    const events = [good(0), { ...good(1), households: "many" }, good(2), good(3)];
    await putInOutbox(p.page, events);
    await goOnline(server, p);
    await p.page.getByText("1 event needs your decision").waitFor({ timeout: 30_000 });
    const stored = await server.db.query<{ id: string }>("select id::text from events order by seq desc limit 3");
    expect(stored.map((r) => r.id).reverse()).toEqual([events[0]!.id, events[2]!.id, events[3]!.id]);
    expect((await server.db.query<{ n: number }>("select count(*)::int4 as n from events"))[0]!.n).toBe(before + 3);
    await p.page.goto(`${server.phoneBase}/field/#/outbox`);
    await p.page.locator("[data-state=refused]").getByText("/households").waitFor();
  }, 120_000);
});
