// Set-up of the field app's end-to-end tests: the demo server behind a cutting proxy
// (test/helpers/cutting-proxy.ts), phones as Chromium contexts at 360 × 640 — each its own
// browser with a persistent profile (so a browser restart keeps IndexedDB and the service
// worker), or, where no test restarts a phone, a context of one browser per file (cheaper) —
// and the steps a person takes on the phone.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, launchChromium, startDemoServer, type DemoServer } from "./ui-browser.ts";
import { startCuttingProxy, type CuttingProxy } from "./cutting-proxy.ts";
import { createUser, grantRole } from "../../src/app/identity.ts";
import type { Role } from "../../src/core/roles.ts";
import { DEMO_OPERATION, ORIGIN } from "../../src/demo/origin.ts";
import { recordEvents } from "../../src/app/record-events.ts";
import { v7 as uuidv7 } from "uuid";
import type { Engine } from "../../src/store/db.ts";
import { freshPglite, freshPostgres } from "./engines.ts";
import { stepId } from "../../src/core/field/ids.ts";

export const FIELD_ADMIN = "field-admin@reliefline.local";
export const FIELD_PASSWORD = "field test password 1";
export const OP = DEMO_OPERATION.code;

export interface FieldServer extends DemoServer {
  proxy: CuttingProxy;
  /** Where phones connect: through the proxy. */
  phoneBase: string;
  addUser(email: string, role: Role): Promise<void>;
}

/**
 * The strict Content-Security-Policy every response will carry (cross-cutting contract 2):
 * the field app must work under it, service worker and WASM barcode reader included.
 */
export const CONTRACT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; manifest-src 'self'; " +
  "connect-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'";

export async function startFieldServer(engine: Engine = "pglite"): Promise<FieldServer> {
  const server = await startDemoServer(
    FIELD_ADMIN,
    FIELD_PASSWORD,
    engine === "pglite" ? freshPglite : freshPostgres,
    (app) => {
      app.addHook("onSend", async (_request, reply) => {
        if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", CONTRACT_CSP);
      });
    },
  );
  const port = Number(new URL(server.base).port);
  const proxy = await startCuttingProxy({ host: "127.0.0.1", port });
  return {
    ...server,
    proxy,
    phoneBase: proxy.base,
    async addUser(email, role) {
      await createUser(server.db, "system", { email, name: email.split("@")[0]!, password: FIELD_PASSWORD });
      await grantRole(server.db, "system", OP, email, role);
    },
    async close() {
      await proxy.close();
      await server.close();
    },
  };
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** The browser profile's folder; "" for a phone opened in a shared browser (its storage ends with it). */
  profile: string;
  /** Console messages about the Content-Security-Policy refusing something (should stay empty). */
  cspViolations: string[];
  /** Closes the browser (the profile stays, like a phone's storage). */
  quit(): Promise<void>;
}

export async function launchPhone(
  profile = mkdtempSync(join(tmpdir(), "rl-phone-")),
  options: { offline?: boolean; args?: string[]; timezoneId?: string } = {},
): Promise<Phone> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...PHONE_CONTEXT,
    ...(options.timezoneId !== undefined && { timezoneId: options.timezoneId }),
    offline: options.offline ?? false,
  });
  return phoneIn(context, profile);
}

/** The phone's screen, language and touch, and its service worker allowed. */
const PHONE_CONTEXT: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  locale: "en-GB",
  serviceWorkers: "allow",
  hasTouch: true,
  isMobile: false,
};

/**
 * A phone as a new context of a browser the test file launched once (launchChromium): as
 * launchPhone, but without a profile kept across a browser restart, for tests that never restart one.
 */
export async function openPhone(browser: Browser, options: { timezoneId?: string } = {}): Promise<Phone> {
  const context = await browser.newContext({
    ...PHONE_CONTEXT,
    ...(options.timezoneId !== undefined && { timezoneId: options.timezoneId }),
  });
  return phoneIn(context, "");
}

async function phoneIn(context: BrowserContext, profile: string): Promise<Phone> {
  // Each IndexedDB write's durability, as the app asked for it (read by idbWriteDurabilities).
  await context.addInitScript(RECORD_IDB_WRITES);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { context, page, profile, cspViolations, quit: () => context.close() };
}

/** The durability of every IndexedDB write the page made since it was loaded ("strict", "relaxed", "default"). */
export const idbWriteDurabilities = (page: Page): Promise<string[]> => page.evaluate<string[]>("window.__idbWrites");

/** Runs in the page before its own scripts: notes each readwrite transaction's durability in window.__idbWrites. */
const RECORD_IDB_WRITES = `(() => {
  const seen = (window.__idbWrites = []);
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (args[1] === "readwrite") seen.push(tx.durability);
    return tx;
  };
})();`;

export const removeProfile = (phone: Phone) => {
  if (phone.profile) rmSync(phone.profile, { recursive: true, force: true });
};

/** After the tests: each phone's browser quit (if still running) and its profile removed. */
export async function closePhones(phones: readonly (Phone | undefined)[]): Promise<void> {
  for (const phone of phones) {
    if (!phone) continue;
    await phone.quit().catch(() => undefined);
    removeProfile(phone);
  }
}

/** Signs in on the phone online, waits for the operation to be downloaded and the service worker to control the page. */
export async function signInOnPhone(page: Page, base: string, email: string, label: string): Promise<void> {
  await page.goto(`${base}/field/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FIELD_PASSWORD);
  await page.getByLabel("Name of this phone").fill(label);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: DEMO_OPERATION.name }).waitFor();
  // A function, not a string: the strict CSP forbids evaluating strings in the page. The worker precaches the
  // whole shell (the WASM reader included) before it takes control, which takes long on a loaded machine.
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
        .controller !== null,
    undefined,
    { timeout: 90_000 },
  );
}

/** Where and with whom the phone works. */
export async function choosePlace(page: Page, place: string, team?: string): Promise<void> {
  await page.locator("a.brand, button.brand").first().click();
  await page.getByLabel("Place").selectOption(place);
  if (team) await page.getByLabel("Team").selectOption(team);
}

export async function goOffline(server: FieldServer, phone: Phone): Promise<void> {
  server.proxy.mode = "down";
  await phone.context.setOffline(true);
}

export async function goOnline(server: FieldServer, phone: Phone): Promise<void> {
  server.proxy.mode = "pass";
  await phone.context.setOffline(false);
}

/** The steps `unloadCar` records for a car, in order. */
export const UNLOAD_STEPS = ["UnitArrived", "GoodsUnloaded", "GoodsReceived"] as const;

/** The ids of the events `unloadCar` records for the cars (derived from the operation, car, trip and step), in order. */
export const unloadIds = (cars: readonly string[]): string[] =>
  cars.flatMap((car) => UNLOAD_STEPS.map((step) => stepId(OP, car, 1, step)));

/** The unload task for one car, every line confirmed as on the manifest (or as given). */
export async function unloadCar(
  page: Page,
  number: string,
  lines: ("As manifest" | { condition: "Short" | "Damaged"; counted: string })[] = [],
): Promise<void> {
  // Through the task list, so the task starts afresh.
  await page.goto(`${new URL(page.url()).origin}/field/#/`);
  await page.getByRole("link", { name: /Unload a car/ }).click();
  await page.getByRole("heading", { name: "Unload a car" }).waitFor();
  await page.getByLabel("Car or truck number").fill(number);
  await page.getByRole("button", { name: "Find" }).click();
  const groups = page.locator("ol.manifest fieldset");
  await groups.first().waitFor();
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const line = lines[i] ?? "As manifest";
    const group = groups.nth(i);
    if (line === "As manifest") await group.getByRole("radio", { name: "As manifest" }).check();
    else {
      await group.getByRole("radio", { name: line.condition }).check();
      await group.getByLabel(/Counted quantity/).fill(line.counted);
    }
  }
  await page.getByRole("button", { name: "Confirm unloading" }).click();
  await page.getByText(/Recorded on the phone/).waitFor();
}

/** Waits until the phone says everything is in the ledger. */
export async function waitForAllSent(page: Page): Promise<void> {
  await page.getByText("Everything is in the ledger").waitFor({ timeout: 30_000 });
}

/** Cars of the demo loaded at the origin and departed on 20 December: on their way to the railhead, for phones to unload. */
export async function sendCarsOnTheirWay(
  server: FieldServer,
  cars: readonly { number: string; cargo: { item: string; quantity: string }[] }[],
  loadedAt: (i: number) => string = () => "2020-12-20T08:00:00+03:00",
): Promise<void> {
  await recordEvents(
    server.db,
    server.admin,
    OP,
    cars.flatMap((car, i) => [
      {
        id: uuidv7(),
        type: "GoodsLoaded" as const,
        eventTime: loadedAt(i),
        unit: car.number,
        location: ORIGIN,
        lines: car.cargo,
      },
      {
        id: uuidv7(),
        type: "UnitDeparted" as const,
        eventTime: "2020-12-20T12:00:00+03:00",
        unit: car.number,
        location: ORIGIN,
      },
    ]),
    new Date(),
  );
}

/**
 * Puts events straight into the phone's outbox as waiting, as if recorded on it (events the
 * app's forms would not make: malformed, or naming what the server no longer knows), then
 * reloads so the app reads them.
 */
export async function putInOutbox(page: Page, events: readonly Record<string, unknown>[]): Promise<void> {
  await page.evaluate(`(async (events) => {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open("reliefline-field"); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      await new Promise((resolve, reject) => {
        const tx = db.transaction("outbox", "readwrite");
        events.forEach((event, i) => tx.objectStore("outbox").put({ id: event.id, n: 100000 + i, event, route: { kind: "batch" }, state: "waiting", flow: "test", attempts: 0, recordedAt: event.eventTime }));
        tx.oncomplete = resolve; tx.onerror = () => reject(tx.error);
      });
    })(${JSON.stringify(events)})`);
  await page.reload();
}

export interface PhoneWalks {
  server(): FieldServer;
  /** A new phone: a context of the file's one Chromium, closed after the file. */
  phone(): Promise<Phone>;
  /** The phones opened so far, in order. */
  phones: readonly Phone[];
}

/**
 * Hooks for a file of phone walks that never restart a phone's browser: one field server with
 * `users`, `cars` sent on their way, one Chromium launched at the first phone, everything closed
 * after the file. Call inside the file's describe.
 */
export function phoneWalks(
  users: readonly (readonly [email: string, role: Role])[],
  cars: Parameters<typeof sendCarsOnTheirWay>[1],
): PhoneWalks {
  let server: FieldServer | undefined;
  let browser: Browser | undefined;
  const phones: Phone[] = [];
  beforeAll(async () => {
    server = await startFieldServer();
    for (const [email, role] of users) await server.addUser(email, role);
    await sendCarsOnTheirWay(server, cars);
  }, 180_000);
  afterAll(async () => {
    await closePhones(phones);
    await browser?.close();
    await server?.close();
  });
  return {
    phones,
    server: () => {
      if (!server) throw new Error("the field server is not started");
      return server;
    },
    async phone() {
      browser ??= await launchChromium();
      const p = await openPhone(browser);
      phones.push(p);
      return p;
    },
  };
}
