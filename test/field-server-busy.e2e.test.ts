// The field app when the server says "not now", in real Chromium: events recorded offline meet a
// server answering the sync with 429 (too many at once, Retry-After in seconds), 503 (a proxy
// while the server restarts, no Retry-After), 507 (the database's disk full, Retry-After as an
// HTTP date) and 408 (the batch not arrived whole in time, as Node answers it: no body). After
// each the events are still queued, none refused, nothing lost, and the phone says calmly that it
// will send them again, in English and in Russian; it waits at least what the server asked (or
// backs off), even when the connection comes back meanwhile, then tries by itself. Then the real server answers and each event is stored once.
// The answers are the test's (page.route), given one at a time, so nothing depends on timing.
// A 4xx verdict still refuses: a 422 naming one event of a batch marks only that event refused.
// (A per-event "refused" inside the batch answer: field-tasks.e2e.test.ts, "shows a refused event";
// a batch refused whole at the edge with 400: the same file, "isolates an event".)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
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

const CARS = DEMO_CARS.filter((c) => c.part === 3).slice(20, 23);
const BATCH = "**/api/operations/*/events/batch*";
/** Clocks of the test and the browser are the same machine's; a timer may fire a little early by their reading. */
const CLOCK_SLACK_MS = 50;

/** A batch request the app sent, held until the test answers it. */
interface Hit {
  at: number;
  ids: string[];
  /** Answers the request; resolves with the time it was answered. */
  answer(how: (route: Route) => Promise<void>): Promise<number>;
}

/** Holds every batch request the page sends, in order, until the test answers it. */
async function holdBatches(page: Page): Promise<Hit[]> {
  const hits: Hit[] = [];
  await page.route(
    BATCH,
    (route) =>
      new Promise<void>((done) => {
        const body = JSON.parse(route.request().postData() ?? "{}") as { events?: { id: string }[] };
        hits.push({
          at: Date.now(),
          ids: (body.events ?? []).map((e) => e.id),
          async answer(how) {
            await how(route);
            done();
            return Date.now();
          },
        });
      }),
  );
  return hits;
}

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  contentType: "application/problem+json",
  body: JSON.stringify({ type: `https://reliefline.org/problems/${code}`, title: code, status, detail }),
});

/** The phone's outbox as IndexedDB holds it: id and state of each entry. */
const outbox = (page: Page) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open("reliefline-field");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction("outbox").objectStore("outbox").getAll();
      all.onsuccess = () => resolve(all.result.map((e) => ({ id: e.id, state: e.state })));
    };
  })`) as Promise<{ id: string; state: string }[]>;

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
    phone = await launchPhone();
    const { page } = phone;
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
      await expect.poll(() => hits.length, { timeout: 90_000, message: `retry after ${step.name}` }).toBe(i + 2);
      expect(hits[i + 1]!.at - answeredAt, `waited after ${step.name}`).toBeGreaterThanOrEqual(
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
