// The field app when the server says "not now", in real Chromium: events recorded offline meet a
// server answering the sync with 429 (too many at once, Retry-After in seconds), 503 (a proxy
// while the server restarts, no Retry-After), 507 (the database's disk full, Retry-After as an
// HTTP date) and 408 (the batch not arrived whole in time, as Node answers it: no body). After
// each the events are still queued, none refused, nothing lost, and the phone says calmly that it
// will send them again, in English and in Russian; it waits at least what the server asked (or
// backs off), even when the connection comes back meanwhile, then tries by itself. Then the real server answers and each event is stored once.
// The answers are the test's (page.route), given one at a time, so nothing depends on timing.
// The phone's clock is Playwright's (page.clock): the test moves it on to just before the earliest
// time the phone may try again (a request sent then is seen as too early by its time), then past
// the wait the phone stored, and the request comes by itself. Times are read on the phone's clock,
// so the test does not wait the server's seconds in real time.
// The wait survives a reload: after a 429 the page is reloaded, and no request comes before the
// server's time; meanwhile the Outbox shows the events as waiting for it, with the time, in
// English and Russian; "Sync now" still sends at once. Then each event is stored once.
// A 4xx verdict still refuses: a 422 naming one event of a batch marks only that event refused.
// (A per-event "refused" inside the batch answer: field-tasks.e2e.test.ts, "shows a refused event";
// a batch refused whole at the edge with 400: the same file, "isolates an event".)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Route } from "playwright-core";
import { noBrowser } from "./helpers/ui-browser.ts";
import {
  OP,
  choosePlace,
  closePhones,
  goOffline,
  goOnline,
  launchPhone,
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
import { RETRY_BASE_MS } from "../src/core/field/retry.ts";
import { findOperationWithHead } from "../src/store/catalogue.sql.ts";
import {
  BATCH,
  CLOCK_SLACK_MS,
  holdBatches,
  keptWait,
  nextRetry,
  nextTryText,
  outbox,
  phoneNow,
} from "./helpers/held-batches.ts";

const CARS = DEMO_CARS.filter((c) => c.part === 3).slice(20, 24);
const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  contentType: "application/problem+json",
  body: JSON.stringify({ type: `https://reliefline.org/problems/${code}`, title: code, status, detail }),
});

describe.skipIf(noBrowser)("the field app when the server says not now", () => {
  let server: FieldServer;
  let phone: Phone;

  beforeAll(async () => {
    server = await startFieldServer();
    await server.addUser("busy@example.org", "field-officer");
    await sendCarsOnTheirWay(server, CARS);
  }, 180_000);
  afterAll(async () => {
    await closePhones([phone]);
    await server?.close();
  });

  it("keeps the events queued through 429, 503, 507 and 408, waits as asked, and then stores each once", async () => {
    // A phone set to another zone than the operation's (Asia/Yerevan): its times must still be the operation's.
    phone = await launchPhone(undefined, { timezoneId: "America/Sao_Paulo" });
    const { page } = phone;
    // Before the app loads, so all its timers are on the clock the test moves.
    await page.clock.install();
    await signInOnPhone(page, server.phoneBase, "busy@example.org", "Busy phone");
    await choosePlace(page, RAILHEAD, "JG-STP");
    const before = (await findOperationWithHead(server.db, OP))!.lastSeq;

    await goOffline(server, phone);
    const cars = CARS.slice(0, 2).map((c) => c.number);
    for (const car of cars) await unloadCar(page, car);
    const ids = unloadIds(cars);
    await page.getByText("6 events wait to be sent").waitFor();

    const hits = await holdBatches(page);
    const sayHttpDate = (ms: number) => new Date(ms).toUTCString();
    const busy: { name: string; answer: (now: number) => Parameters<Route["fulfill"]>[0]; earliestMs: number }[] = [
      {
        name: "429 with Retry-After in seconds",
        answer: () => problem(429, "rate-limited", "Too many requests at once.", { "retry-after": "2" }),
        earliestMs: 2_000,
      },
      {
        // A reverse proxy while the server restarts: HTML, no Retry-After. The second failure in a row.
        name: "503 from a proxy, no Retry-After",
        answer: () => ({ status: 503, contentType: "text/html", body: "<h1>503 Service Unavailable</h1>" }),
        earliestMs: 2 * RETRY_BASE_MS,
      },
      {
        // Whole seconds, as HTTP dates are: 3 s after the answer's own Date.
        name: "507 with Retry-After as an HTTP date",
        answer: (now) =>
          problem(507, "storage-full", "Nothing was recorded: the disk is full.", {
            date: sayHttpDate(now),
            "retry-after": sayHttpDate(now + 3_000),
          }),
        earliestMs: 3_000,
      },
      {
        // As Node answers a request not whole within its timeout: no body. The fourth failure in a row.
        name: "408 with no body",
        answer: () => ({ status: 408, headers: { connection: "close" }, body: "" }),
        earliestMs: 8 * RETRY_BASE_MS,
      },
    ];

    await goOnline(server, phone);
    for (const [i, step] of busy.entries()) {
      await expect.poll(() => hits.length, { timeout: 90_000, message: `attempt ${i + 1} comes` }).toBe(i + 1);
      const hit = hits[i]!;
      expect(hit.ids, "every queued event is in the batch").toEqual(ids);
      const answeredAt = await hit.answer((route) => route.fulfill(step.answer(Date.now())));

      const notice = page.getByTestId("sync-retry");
      await expect.poll(() => notice.textContent(), { message: step.name }).toMatch(/will be sent again/);
      expect(await notice.textContent()).not.toMatch(/refused/i);
      // The next try in the operation's zone, named (the phone itself is set to São Paulo's).
      expect(await notice.textContent()).toMatch(/\(next try \d\d:\d\d:\d\d GMT\+4\)/);
      // What else starts a sync (the connection coming back, as a phone sees it often) waits too.
      await page.evaluate("dispatchEvent(new Event('online')); dispatchEvent(new Event('online'))");
      await page.getByText("6 events wait to be sent").waitFor();
      expect(await page.getByText(/needs your decision|need your decision/).count(), step.name).toBe(0);
      const held = await outbox(page);
      expect(held.map((e) => e.id).sort(), `${step.name}: no event lost`).toEqual([...ids].sort());
      expect(
        held.every((e) => e.state === "waiting" || e.state === "sent"),
        `${step.name}: ${JSON.stringify(held)}`,
      ).toBe(true);
      expect((await findOperationWithHead(server.db, OP))!.lastSeq, "nothing stored").toBe(before);

      if (i === busy.length - 1) {
        // The same words in Russian.
        await page.goto(`${server.phoneBase}/field/#/settings`);
        await page.getByLabel("Language").selectOption("ru");
        await expect.poll(() => notice.textContent()).toMatch(/отправлены снова/);
        expect(await notice.textContent()).not.toMatch(/отклон/i);
        await page.getByLabel("Язык").selectOption("en");
      }

      // The next attempt comes by itself, and not before the server's time (or the back-off).
      const retry = await nextRetry(page, hits, i + 1, answeredAt + step.earliestMs, step.name);
      expect(retry.at - answeredAt, `waited after ${step.name}`).toBeGreaterThanOrEqual(
        step.earliestMs - CLOCK_SLACK_MS,
      );
    }

    // The server answers now: the held attempt goes through, and each event is stored once.
    await hits[busy.length]!.answer((route) => route.continue());
    await waitForAllSent(page);
    expect(await page.getByTestId("sync-retry").count()).toBe(0);
    const rows = await server.db.query<{ id: string; n: number }>(
      "select id::text, count(*)::int4 as n from events where id = any($1::uuid[]) group by id",
      [ids],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect((await findOperationWithHead(server.db, OP))!.lastSeq).toBe(before + ids.length);
    const held = await outbox(page);
    expect(
      held.filter((e) => e.state !== "stored"),
      "nothing left to send or decide",
    ).toEqual([]);
    await page.unroute(BATCH);
  }, 240_000);

  it("keeps the server's wait across a reload, shows it in the Outbox, and then stores each event once", async () => {
    const { page } = phone;
    const WAIT_S = 30;
    const before = (await findOperationWithHead(server.db, OP))!.lastSeq;
    await goOffline(server, phone);
    const car = CARS[3]!.number;
    await unloadCar(page, car);
    const ids = unloadIds([car]);
    const hits = await holdBatches(page);
    await goOnline(server, phone);
    await expect.poll(() => hits.length, { timeout: 60_000, message: "the first attempt comes" }).toBe(1);
    expect(hits[0]!.ids).toEqual(ids);
    const askedAt = await phoneNow(page);
    await hits[0]!.answer((route) =>
      route.fulfill(problem(429, "rate-limited", "Too many requests at once.", { "retry-after": String(WAIT_S) })),
    );

    // The phone keeps the wait as a time on its own clock, and the events as waiting for it.
    await expect.poll(() => keptWait(page), { timeout: 20_000, message: "the wait is stored" }).not.toBeNull();
    const wait = (await keptWait(page))!;
    expect(wait.until, "not before the server's time").toBeGreaterThanOrEqual(askedAt + WAIT_S * 1000);
    expect(wait.until, "at most a fifth more").toBeLessThanOrEqual((await phoneNow(page)) + WAIT_S * 1200);
    await expect
      .poll(async () => (await outbox(page)).filter((e) => ids.includes(e.id)), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(ids.map((id) => ({ id, state: "waiting", notNow: true }))));

    // A reload (as when the phone kills and reopens the app) starts a sync at once, but this one waits.
    await page.goto(`${server.phoneBase}/field/#/outbox`);
    await page.reload();
    const rows = page.locator("ol.outbox li").filter({ hasText: car });
    const badges = rows.locator(".badge");
    const zone = (await findOperationWithHead(server.db, OP))!.timeZone;
    // The browser runs in its own zone, not the operation's: the phone must still say the operation's.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).not.toBe(zone);
    const shows = (language: string, says: string) => async () => {
      const want = `${says} ${await nextTryText(page, language, wait.until, zone)}`;
      const texts = await badges.allTextContents();
      return texts.length === 3 && texts.every((b) => b === want) ? want : texts.join(" | ");
    };
    await expect
      .poll(shows("en", "Server busy — will send again at"), { timeout: 20_000 })
      .toMatch(/^Server busy — will send again at \d\d:\d\d:\d\d GMT\+4$/);
    expect(
      await rows.evaluateAll((li) =>
        li.map((e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute("data-state")),
      ),
    ).toEqual(["waiting", "waiting", "waiting"]);
    await expect
      .poll(() => page.getByTestId("sync-retry").textContent(), { timeout: 20_000 })
      .toMatch(/will be sent again/);
    await page.goto(`${server.phoneBase}/field/#/settings`);
    await page.getByLabel("Language").selectOption("ru");
    await page.goto(`${server.phoneBase}/field/#/outbox`);
    await expect
      .poll(shows("ru", "Сервер занят — отправится снова в"), { timeout: 20_000 })
      .toMatch(/^Сервер занят — отправится снова в \d\d:\d\d:\d\d GMT\+4$/);
    await page.goto(`${server.phoneBase}/field/#/settings`);
    await page.getByLabel("Язык").selectOption("en");
    await page.goto(`${server.phoneBase}/field/#/outbox`);

    // No request before the time: the next one, by itself, comes after it.
    await nextRetry(page, hits, 1, wait.until, "the reload");
    expect(hits[1]!.at, "no request before the server's time").toBeGreaterThanOrEqual(wait.until - CLOCK_SLACK_MS);
    expect(hits[1]!.ids).toEqual(ids);
    expect((await findOperationWithHead(server.db, OP))!.lastSeq, "nothing stored meanwhile").toBe(before);

    // Busy again: "Sync now" is the user's choice and sends at once, within the new wait.
    await hits[1]!.answer((route) =>
      route.fulfill(problem(503, "unavailable", "The database is away.", { "retry-after": String(WAIT_S) })),
    );
    await expect.poll(async () => (await keptWait(page))?.failures, { timeout: 20_000 }).toBe(2);
    const again = (await keptWait(page))!;
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => hits.length, { timeout: 20_000, message: "Sync now sends" }).toBe(3);
    expect(hits[2]!.at, "sent at once, not after the wait").toBeLessThan(again.until);
    await hits[2]!.answer((route) => route.continue());

    await waitForAllSent(page);
    await expect.poll(() => keptWait(page), { timeout: 20_000, message: "the wait ends with the answer" }).toBeNull();
    await expect
      .poll(() => badges.allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^Stored #\d+$/),
        expect.stringMatching(/^Stored #\d+$/),
        expect.stringMatching(/^Stored #\d+$/),
      ]);
    const stored = await server.db.query<{ id: string; n: number }>(
      "select id::text, count(*)::int4 as n from events where id = any($1::uuid[]) group by id",
      [ids],
    );
    expect(stored.map((r) => [r.id, r.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
    expect((await findOperationWithHead(server.db, OP))!.lastSeq).toBe(before + ids.length);
    await page.unroute(BATCH);
  }, 240_000);

  it("marks refused only the event a 422 names, and stores the others", async () => {
    const { page } = phone;
    await goOffline(server, phone);
    const car = CARS[2]!.number;
    await unloadCar(page, car);
    const ids = unloadIds([car]);
    const bad = ids[2]!;
    // The server judges the batch and names the count (its lines) as at fault.
    await page.route(BATCH, async (route) => {
      const events = (JSON.parse(route.request().postData()!) as { events: { id: string }[] }).events;
      const at = events.findIndex((e) => e.id === bad);
      if (at < 0) return route.continue();
      await route.fulfill({
        status: 422,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "https://reliefline.org/problems/unprocessable",
          title: "Unprocessable",
          status: 422,
          detail: "The count does not match the car's cargo.",
          errors: [{ field: `/events/${at}/lines/0/quantity`, message: "is more than the car holds" }],
        }),
      });
    });
    await goOnline(server, phone);
    await page.getByText("1 event needs your decision").waitFor({ timeout: 30_000 });
    const states = async () => {
      const held = new Map((await outbox(page)).map((e) => [e.id, e.state]));
      return ids.map((id) => [id, held.get(id)]);
    };
    await expect.poll(states).toEqual(ids.map((id) => [id, id === bad ? "refused" : "stored"]));
    const stored = await server.db.query<{ id: string }>("select id::text from events where id = any($1::uuid[])", [
      ids,
    ]);
    expect(stored.map((r) => r.id).sort(), "the others stored, the refused one not").toEqual(
      ids.filter((id) => id !== bad).sort(),
    );
    await page.goto(`${server.phoneBase}/field/#/outbox`);
    await page.locator("[data-state=refused]").getByText("/lines/0/quantity").waitFor();
    expect(await page.getByTestId("sync-retry").count()).toBe(0);
    await page.unroute(BATCH);
  }, 120_000);
});
