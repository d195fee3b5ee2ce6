// The field app's flows by keyboard alone, in real Chromium at phone size: receiving a
// truck at the hub, loading a truck, handing equipment over, and the outbox's decisions —
// correcting a refused event and sending it as a new one, and discarding another by an
// explicit choice. Tab moves, the arrow keys choose in a list, Space ticks, Enter acts; no
// mouse. (Unloading and handing out by keyboard: field-tasks.e2e.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { v7 as uuidv7 } from "uuid";
import { noBrowser } from "./helpers/ui-browser.ts";
import {
  FIELD_ADMIN,
  OP,
  choosePlace,
  closePhones,
  launchPhone,
  putInOutbox,
  signInOnPhone,
  startFieldServer,
  waitForAllSent,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";
import { activate, arrowTo, hasFocus, headingHasFocus, tabTo, typeInto } from "./helpers/field-keyboard.ts";
import { recordEvents } from "../src/app/record-events.ts";
import { DEMO_TRUCKS, HUB, RAILHEAD } from "../src/demo/origin.ts";

/** A truck the demo never used, loaded at the railhead and on its way to the hub. */
const INBOUND = DEMO_TRUCKS[11]!;
const OUTBOUND = DEMO_TRUCKS[10]!;

describe.skipIf(noBrowser)("the field app by keyboard alone", () => {
  let server: FieldServer;
  let phone: Phone;
  let page: Page;
  const count = async (where: string, ...params: unknown[]) =>
    (await server.db.query<{ n: number }>(`select count(*)::int4 as n from events where ${where}`, params))[0]!.n;

  beforeAll(async () => {
    server = await startFieldServer();
    await recordEvents(
      server.db,
      server.admin,
      OP,
      [
        {
          id: uuidv7(),
          type: "GoodsShipped",
          eventTime: "2020-12-20T11:00:00+04:00",
          unit: INBOUND,
          location: RAILHEAD,
          lines: [{ item: "LUMBER", quantity: "30" }],
        },
        {
          id: uuidv7(),
          type: "UnitDeparted",
          eventTime: "2020-12-20T12:00:00+04:00",
          unit: INBOUND,
          location: RAILHEAD,
        },
      ],
      new Date(),
    );
    phone = await launchPhone();
    page = phone.page;
    await signInOnPhone(page, server.phoneBase, FIELD_ADMIN, "Keyboard phone");
    await choosePlace(page, HUB, "JG-STP");
  }, 180_000);
  afterAll(async () => {
    await closePhones([phone]);
    await server?.close();
  });

  /** From the task list, Tab to a task and open it with Enter: the focus lands on its heading. */
  const openTask = async (name: RegExp) => {
    await page.goto(`${server.phoneBase}/field/#/`);
    await activate(page, page.getByRole("link", { name }), 30);
    await headingHasFocus(page);
  };

  it("receives a truck at the hub: its number, Enter, the line as on the manifest with Space, confirm", async () => {
    await openTask(/Receive at the hub/);
    await typeInto(page, page.getByLabel("Car or truck number"), INBOUND);
    await page.keyboard.press("Enter");
    // The unit is found: the number field is gone and the focus is on the screen's heading, not lost.
    await page.locator("ol.manifest").waitFor();
    await headingHasFocus(page);
    expect(await page.getByLabel("Unloaded at").inputValue()).toBe(HUB);
    const asManifest = page.locator("ol.manifest").getByRole("radio", { name: "As manifest" }).first();
    await tabTo(page, asManifest);
    await page.keyboard.press("Space");
    expect(await asManifest.isChecked()).toBe(true);
    await activate(page, page.getByRole("button", { name: "Confirm unloading" }));
    await page.getByText(/Recorded on the phone/).waitFor();
    await headingHasFocus(page);
    await waitForAllSent(page);
    expect(
      await count(
        "type in ('UnitArrived', 'GoodsUnloaded') and body ->> 'unit' = $1 and body ->> 'location' = $2 and body ? 'origin'",
        INBOUND,
        HUB,
      ),
    ).toBe(2);
  }, 120_000);

  it("loads a truck: the truck, the item by arrow keys, the quantity, leaving now, confirm", async () => {
    await openTask(/Load a truck/);
    await typeInto(page, page.getByLabel("Truck"), OUTBOUND);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Confirm loading" }).waitFor();
    await headingHasFocus(page);
    await tabTo(page, page.getByLabel("Item"));
    await arrowTo(page, page.getByLabel("Item"), "BLANKET");
    await typeInto(page, page.getByLabel("Quantity"), "200");
    await tabTo(page, page.getByLabel("The truck leaves now"));
    expect(await page.getByLabel("The truck leaves now").isChecked()).toBe(true);
    await activate(page, page.getByRole("button", { name: "Confirm loading" }));
    await page.getByText(/Recorded on the phone/).waitFor();
    await waitForAllSent(page);
    expect(await count("body ->> 'unit' = $1 and type in ('GoodsShipped', 'UnitDeparted')", OUTBOUND)).toBe(2);
  }, 120_000);

  it("hands equipment over: from the hub, the crane by arrow keys, the organisation typed, confirm", async () => {
    await openTask(/Hand over equipment/);
    expect(await page.getByLabel("From").inputValue()).toBe(HUB);
    await tabTo(page, page.getByLabel("Item"));
    await arrowTo(page, page.getByLabel("Item"), "CRANE");
    await typeInto(page, page.getByLabel(/Organisation taking custody/), "STP-UTIL");
    await activate(page, page.getByRole("button", { name: "Confirm hand-over" }));
    await page.getByText(/Recorded on the phone/).waitFor();
    await headingHasFocus(page);
    await waitForAllSent(page);
    expect(await count("type = 'EquipmentHandedOver' and body ? 'origin'")).toBe(1);
  }, 120_000);

  it("decides on refused events: corrects one and sends it as a new event, discards the other by explicit choice", async () => {
    // Two shipments of an item the server does not know: both come back refused, naming /lines/0/item.
    const eventTime = new Date(Date.now() - 60_000).toISOString();
    const shipment = (quantity: string) => ({
      id: uuidv7(),
      type: "GoodsShipped",
      eventTime,
      unit: OUTBOUND,
      location: HUB,
      lines: [{ item: "NO-SUCH-ITEM", quantity }],
    });
    await putInOutbox(page, [shipment("7"), shipment("9")]);
    const decide = page.getByRole("link", { name: "2 events need your decision" });
    await decide.waitFor({ timeout: 30_000 });
    await page.goto(`${server.phoneBase}/field/#/`);
    await activate(page, decide, 30);
    await headingHasFocus(page);
    await expect.poll(() => page.locator("[data-state=refused]").count()).toBe(2);

    // The newest is listed first; its correction opens with the focus on the field the server named.
    await activate(page, page.getByRole("button", { name: "Correct and send again" }).first());
    const item = page.getByLabel("Line 1: item");
    await expect.poll(() => hasFocus(item)).toBe(true);
    await arrowTo(page, item, "LUMBER");
    await activate(page, page.getByRole("button", { name: "Send as a new event" }));
    await page.getByText("Corrected as a new event").waitFor();
    await headingHasFocus(page);
    await expect
      .poll(() => count("type = 'GoodsShipped' and body -> 'lines' -> 0 ->> 'item' = 'LUMBER' and body ? 'origin'"), {
        timeout: 20_000,
      })
      .toBe(1);

    // The other is discarded: Enter on Discard, and the browser's confirmation accepted.
    page.once("dialog", (d) => void d.accept());
    await activate(page, page.getByRole("button", { name: "Discard" }), 20);
    await expect.poll(() => page.locator("[data-state=refused]").count()).toBe(0);
    await headingHasFocus(page);
    // Both left the outbox's decisions: the corrected one (replaced by its new event) and the discarded one.
    expect(await page.locator("[data-state=discarded]").count()).toBe(2);
    expect(await page.getByText("Corrected as a new event").count()).toBe(1);
    expect(await count("body -> 'lines' -> 0 ->> 'item' = 'NO-SUCH-ITEM'")).toBe(0);
    expect(phone.cspViolations).toEqual([]);
  }, 120_000);
});
