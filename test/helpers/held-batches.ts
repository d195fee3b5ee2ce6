// A phone's sync requests held by the test and its clock moved on (Playwright's page.clock),
// for the field app's "not now" walks (field-server-busy.e2e.test.ts): each batch request waits
// until the test answers it, and waits the server asks for are read from what the phone keeps.
import { expect } from "vitest";
import type { Page, Route } from "playwright-core";

export const BATCH = "**/api/operations/*/events/batch*";
/** A timer may fire a little early by the page's reading of its clock. */
export const CLOCK_SLACK_MS = 50;
/** How long, in real time, the test gives a phone whose clock stands just before its time to send too early. */
const QUIET_MS = 500;

/** The time by the phone's clock (Playwright's, moved on by the test). */
export const phoneNow = (page: Page) => page.evaluate(() => Date.now());

/** Moves the phone's clock on to `at` (by its own reading), firing the timers due by then. */
export async function moveClockTo(page: Page, at: number): Promise<void> {
  const ms = at - (await phoneNow(page));
  if (ms > 0) await page.clock.fastForward(ms);
}

/** A batch request the app sent, held until the test answers it. */
export interface Hit {
  /** When it came, by the phone's clock. */
  at: number;
  ids: string[];
  /** Answers the request; resolves with the time it was answered, by the phone's clock. */
  answer(how: (route: Route) => Promise<void>): Promise<number>;
}

/** Holds every batch request the page sends, in order, until the test answers it. */
export async function holdBatches(page: Page): Promise<Hit[]> {
  const hits: Hit[] = [];
  await page.route(BATCH, async (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}") as { events?: { id: string }[] };
    const at = await phoneNow(page);
    await new Promise<void>((done) => {
      hits.push({
        at,
        ids: (body.events ?? []).map((e) => e.id),
        async answer(how) {
          await how(route);
          done();
          return phoneNow(page);
        },
      });
    });
  });
  return hits;
}

/**
 * The next request after `count` hits: the phone's clock is moved on to just before `earliest`
 * (a request sent too early comes then, and is seen as such by its time), then past the wait the
 * phone stored (its jitter included), when the request must come by itself.
 */
export async function nextRetry(page: Page, hits: Hit[], count: number, earliest: number, what: string): Promise<Hit> {
  await moveClockTo(page, earliest - 10 * CLOCK_SLACK_MS);
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  const wait = await keptWait(page);
  if (hits.length === count) expect(wait, `the wait is stored: ${what}`).not.toBeNull();
  if (wait) await moveClockTo(page, wait.until + CLOCK_SLACK_MS);
  await expect.poll(() => hits.length, { timeout: 20_000, message: `retry after ${what}` }).toBe(count + 1);
  return hits[count]!;
}

/** The phone's outbox as IndexedDB holds it: id and state of each entry, and whether it waits after "not now". */
export const outbox = (page: Page) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open("reliefline-field");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction("outbox").objectStore("outbox").getAll();
      all.onsuccess = () => resolve(all.result.map((e) => ({ id: e.id, state: e.state, notNow: e.notNow === true })));
    };
  })`) as Promise<{ id: string; state: string; notNow: boolean }[]>;

/** The phone's meta record in IndexedDB: its wait after "not now" and the offset it measured from the server's clock. */
const phoneMeta = (page: Page) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open("reliefline-field");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const meta = open.result.transaction("meta").objectStore("meta").get("meta");
      meta.onsuccess = () => resolve(meta.result ?? {});
    };
  })`) as Promise<{ retry?: { failures: number; since: number; until: number }; clockOffsetMs?: number }>;

/** The wait after "not now" the phone keeps, if any: until when, by its clock. */
export const keptWait = async (page: Page) => (await phoneMeta(page)).retry ?? null;

/**
 * The time of the next try as the phone must show it: to the second, in the operation's zone with
 * the zone named (never the phone's own zone: the test's browser runs in another), by the server's
 * clock (the phone's `until` plus the offset it measured and keeps in its meta).
 */
export const nextTryText = async (page: Page, language: string, until: number, zone: string) => {
  const offset = (await phoneMeta(page)).clockOffsetMs ?? 0;
  return new Intl.DateTimeFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    timeZone: zone,
  }).format(new Date(until + offset));
};
