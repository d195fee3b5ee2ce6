// Two phones unloading the same car, on both engines: the steps of a trip have ids derived
// from the operation, the unit, its trip and the step, so the ledger keeps one set of facts
// and the second phone sees a clear conflict, which leaves its outbox only by its user's choice.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeProblems, launchChromium, noBrowser } from "./helpers/ui-browser.ts";
import {
  choosePlace,
  closePhones,
  goOffline,
  goOnline,
  openPhone,
  sendCarsOnTheirWay,
  signInOnPhone,
  startFieldServer,
  unloadCar,
  waitForAllSent,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";
import { DEMO_CARS, RAILHEAD } from "../src/demo/origin.ts";

const CAR = DEMO_CARS.filter((c) => c.part === 3)[14]!;
const postgresSkipped = inject("postgresSkipped");
/** One browser for the file, each phone a context of it: no phone's browser is restarted here. */
let browser: Browser | undefined;
afterAll(async () => browser?.close());

describe.each(["pglite", "postgres"] as const)("two phones unloading the same car [%s]", (engine) => {
  let server: FieldServer;
  const phones: Phone[] = [];
  const skip = noBrowser ?? (engine === "postgres" ? postgresSkipped : null);

  beforeAll(async () => {
    if (skip) return;
    server = await startFieldServer(engine);
    await server.addUser("a@example.org", "field-officer");
    await server.addUser("b@example.org", "field-officer");
    await sendCarsOnTheirWay(server, [CAR]);
  }, 180_000);
  afterAll(async () => {
    await closePhones(phones);
    await server?.close();
  });

  it.skipIf(skip)(
    "make one set of facts; the second sees a clear conflict and discards it by choice",
    async () => {
      for (const email of ["a@example.org", "b@example.org"]) {
        browser ??= await launchChromium();
        const p = await openPhone(browser);
        phones.push(p);
        await signInOnPhone(p.page, server.phoneBase, email, `Phone ${email[0]}`);
        await choosePlace(p.page, RAILHEAD, "JG-STP");
      }
      const [a, b] = phones as [Phone, Phone];
      await goOffline(server, a);
      await b.context.setOffline(true);
      await unloadCar(a.page, CAR.number);
      await unloadCar(b.page, CAR.number, [{ condition: "Short", counted: "50" }]);
      await goOnline(server, a);
      await waitForAllSent(a.page);
      await b.context.setOffline(false);
      await b.page.getByText("3 events need your decision").waitFor({ timeout: 30_000 });
      await b.page.getByRole("link", { name: "3 events need your decision" }).click();
      await expect.poll(() => b.page.locator("[data-state=conflict]").count()).toBe(3);
      await b.page
        .getByText(/Another phone recorded this step first/)
        .first()
        .waitFor();
      expect(await axeProblems(b.page), "the outbox with conflicts passes axe").toEqual([]);
      const facts = await server.db.query<{ type: string; n: number }>(
        "select type, count(*)::int4 as n from events where body ->> 'unit' = $1 and body ? 'origin' group by type order by type",
        [CAR.number],
      );
      expect(facts).toEqual([
        { type: "GoodsReceived", n: 1 },
        { type: "GoodsUnloaded", n: 1 },
        { type: "UnitArrived", n: 1 },
      ]);
      // The count is phone a's, as on the manifest, not b's short one.
      const counts = await server.db.query<{ condition: string | null }>(
        "select l ->> 'condition' as condition from events, jsonb_array_elements(body -> 'lines') l where type = 'GoodsReceived' and body ->> 'unit' = $1",
        [CAR.number],
      );
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.map((c) => c.condition)).not.toContain("short");
      // The user discards the conflicting events: they leave the outbox by that choice only.
      b.page.on("dialog", (d) => void d.accept());
      // One at a time: a click before the last discard shows could land on the same event's button again.
      const discarded = b.page.locator("[data-state=discarded]");
      for (let i = 1; i <= 3; i++) {
        await b.page.getByRole("button", { name: "Discard" }).first().click();
        await expect.poll(() => discarded.count(), { timeout: 20_000 }).toBe(i);
      }
    },
    240_000,
  );
});
