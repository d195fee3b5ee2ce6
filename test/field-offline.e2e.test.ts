// The field app offline, in real Chromium: sign in online, go offline (no connection at
// all: the proxy refuses and the browser is offline), record 30 events across a page
// reload and a browser restart, go online, and every event reaches the ledger exactly
// once and in the order recorded; the chain verifies and the operations room shows them.
// Then a lost answer: the server stores a batch but the phone never hears; the retry is
// answered as duplicates and nothing is counted twice.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { noBrowser } from "./helpers/ui-browser.ts";
import {
  FIELD_ADMIN,
  FIELD_PASSWORD,
  OP,
  choosePlace,
  goOffline,
  goOnline,
  idbWriteDurabilities,
  launchPhone,
  closePhones,
  sendCarsOnTheirWay,
  signInOnPhone,
  startFieldServer,
  unloadCar,
  unloadIds,
  waitForAllSent,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";
import { DEMO_CARS, RAILHEAD } from "../src/demo/origin.ts";
import { DEMO_CONSIGNMENT } from "../src/demo/tracking.ts";
import { verifyOperation } from "../src/app/ledger.ts";
import { findOperation, findOperationWithHead } from "../src/store/catalogue.sql.ts";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, openDashboard, signIn } from "./helpers/ui-browser.ts";

/** Part 3's cars, loaded and sent on their way before the test: the phone records their arrival, unloading and count. */
const EN_ROUTE = DEMO_CARS.filter((c) => c.part === 3).slice(0, 14);

const postgresSkipped = inject("postgresSkipped");

describe.each(["pglite", "postgres"] as const)("the field app with no connection [%s]", (engine) => {
  let server: FieldServer;
  let phone: Phone;
  const skip = noBrowser ?? (engine === "postgres" ? postgresSkipped : null);

  beforeAll(async () => {
    if (skip) return;
    server = await startFieldServer(engine);
    await server.addUser("railhead@example.org", "field-officer");
    await sendCarsOnTheirWay(server, EN_ROUTE, (i) => `2020-12-20T0${i % 9}:00:00+03:00`);
  }, 180_000);
  afterAll(async () => {
    await closePhones([phone]);
    await server?.close();
  });

  it.skipIf(skip)(
    "keeps 30 events through a reload and a browser restart, then stores each exactly once, in order",
    async () => {
      phone = await launchPhone();
      await signInOnPhone(phone.page, server.phoneBase, "railhead@example.org", "Railhead phone 1");
      await choosePlace(phone.page, RAILHEAD, "JG-STP");
      const before = (await findOperationWithHead(server.db, OP))!.lastSeq;

      await goOffline(server, phone);
      const cars = EN_ROUTE.slice(0, 10).map((c) => c.number);
      for (const car of cars.slice(0, 4)) await unloadCar(phone.page, car);
      await phone.page.reload();
      await phone.page.getByText("12 events wait to be sent").waitFor();
      for (const car of cars.slice(4, 7)) await unloadCar(phone.page, car);

      // A browser restart with the same profile, still without a connection.
      await phone.quit();
      phone = await launchPhone(phone.profile, { offline: true });
      await phone.page.goto(`${server.phoneBase}/field/`);
      await phone.page.getByText("21 events wait to be sent").waitFor();
      for (const car of cars.slice(7)) await unloadCar(phone.page, car);
      await phone.page.getByText("30 events wait to be sent").waitFor();
      // Each recording waited until the browser had it on storage, not only handed to the system:
      // a phone whose battery dies a second later still holds it.
      const writes = await idbWriteDurabilities(phone.page);
      expect(writes.length).toBeGreaterThan(0);
      expect(new Set(writes)).toEqual(new Set(["strict"]));
      expect((await findOperationWithHead(server.db, OP))!.lastSeq, "nothing reached the server while offline").toBe(
        before,
      );

      // Today counts as the press statement will once these are stored: the 26 of 54 the ledger implies, and the 10 cars on the phone.
      await phone.page.goto(`${server.phoneBase}/field/#/today`);
      const lead = phone.page.getByTestId(`lead-${DEMO_CONSIGNMENT.code}`);
      await lead.getByText("36 of 54 arrived").waitFor();
      expect(await lead.textContent()).toContain("19 arrivals recorded; 17 inferred from their unloading");
      expect(await lead.textContent()).toContain("36 of 54 unloaded");
      expect(await lead.textContent()).toContain(
        "10 units are counted from events on this phone not yet in the ledger.",
      );

      await goOnline(server, phone);
      await waitForAllSent(phone.page);
      const stored = await server.db.query<{ id: string; seq: number; offline: string | null }>(
        "select id::text, seq, body -> 'origin' ->> 'offline' as offline from events where operation_id = (select id from operations where code = $1) and seq > $2 order by seq",
        [OP, before],
      );
      expect(stored.map((r) => r.id)).toEqual(unloadIds(cars));
      expect(stored.every((r) => r.offline === "true")).toBe(true);
      const check = await verifyOperation(server.db, (await findOperation(server.db, OP))!);
      expect(check.ok).toBe(true);

      // The operations room shows them: 26 of 54 had arrived (9 recorded, 17 inferred from their unloading); 10 more now, recorded.
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const room = await (
          await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })
        ).newPage();
        // Signing in lands on the operations list, or on the dashboard when there is one operation.
        await signIn(room, server.base, FIELD_ADMIN, FIELD_PASSWORD);
        await openDashboard(room, server.base, OP);
        await room.getByText("36 of 54 cars arrived").waitFor({ timeout: 20_000 });
        expect(await room.getByTestId("progress-split").textContent()).toBe(
          "19 arrivals recorded; 17 inferred from their unloading",
        );
      } finally {
        await browser.close();
      }
    },
    300_000,
  );

  it.skipIf(skip)(
    "answers the retry after a lost answer as duplicates, and counts nothing twice",
    async () => {
      const car = EN_ROUTE[10]!.number;
      const before = (await findOperationWithHead(server.db, OP))!.lastSeq;
      await goOffline(server, phone);
      await unloadCar(phone.page, car, [{ condition: "Short", counted: "17.5" }]);
      // The server stores the batch, but the connection is cut as it answers.
      server.proxy.mode = "cut";
      await phone.context.setOffline(false);
      await expect
        .poll(async () => (await findOperationWithHead(server.db, OP))!.lastSeq, { timeout: 20_000 })
        .toBe(before + 3);
      await expect.poll(() => server.proxy.cutAnswers, { timeout: 20_000 }).toBeGreaterThan(0);
      await phone.page.getByText("3 events wait to be sent").waitFor();

      server.proxy.mode = "pass";
      await phone.page.getByRole("button", { name: "Sync now" }).click();
      await waitForAllSent(phone.page);
      expect((await findOperationWithHead(server.db, OP))!.lastSeq).toBe(before + 3);
      const ids = unloadIds([car]);
      const rows = await server.db.query<{ n: number }>(
        "select count(*)::int4 as n from events where id = any($1::uuid[])",
        [ids],
      );
      expect(rows[0]!.n).toBe(3);
      const [loss] = await server.db.query<{ quantity: string }>(
        "select trim_scale(sum(quantity))::text as quantity from stock_moves where seq > $1 and to_code = 'loss' and operation_id = (select id from operations where code = $2)",
        [before, OP],
      );
      expect(loss!.quantity, "the shortfall is posted to loss once").toBe(
        String(Number(EN_ROUTE[10]!.cargo[0]!.quantity) - 17.5),
      );
      await phone.page.getByRole("link", { name: "Everything is in the ledger" }).click();
      await expect.poll(() => phone.page.getByText(/already there/).count()).toBe(3);
    },
    180_000,
  );
});
