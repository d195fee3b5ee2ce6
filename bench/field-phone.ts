// The phone the field benchmarks drive: Debian's Chromium with a phone-sized window and its
// own profile (so the service worker and IndexedDB persist), signed in to one operation, and
// a paint probe that stamps the frame where an element first appears, so times are taken
// inside the page and the test driver's polling is not counted (as bench/ui-render.ts does).
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/helpers/chromium.ts";
import { PASSWORD } from "./field-scenario.ts";

/** A phone's browser on the profile folder `profile`, 360 × 640, in British English. */
export function openPhone(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 640 },
    locale: "en-GB",
  });
}

/** The phone's open tab (a persistent context starts with one), or a new one. */
export async function phonePage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Stamps window.__rlPainted at the frame where `selector` first appears. */
export const paintProbe = (selector: string) => `(() => {
  const check = () => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    observer.disconnect();
    requestAnimationFrame((frame) => { window.__rlPainted = frame; });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Waits for the paint probe's stamp and returns it (milliseconds since the navigation started). */
export async function paintStamp(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (globalThis as unknown as { __rlPainted?: number }).__rlPainted !== undefined,
    null,
    { timeout: 30_000, polling: 10 },
  );
  return Number(await page.evaluate(() => (globalThis as unknown as { __rlPainted?: number }).__rlPainted));
}

/** Signs the field app in as the benchmark administrator, to `operation`, and waits for its service worker. */
export async function signIn(page: Page, base: string, operation: string): Promise<void> {
  await page.goto(`${base}/field/`);
  await page.getByLabel("Email").fill("bench-field@reliefline.local");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Name of this phone").fill("Bench phone");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The benchmark's administrator sees every operation: choose this one.
  const chooser = page.getByLabel("Choose the operation you work on");
  const heading = page.getByRole("heading", { name: `Bench ${operation}` });
  await chooser.or(heading).waitFor({ timeout: 60_000 });
  if (await chooser.isVisible()) {
    await chooser.selectOption(operation);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await heading.waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
        .controller !== null,
  );
}

/** Opens `url` in a new tab and returns when `selector` was first painted. */
export async function paintedAt(context: BrowserContext, url: string, selector: string): Promise<number> {
  const page = await context.newPage();
  await page.addInitScript({ content: paintProbe(selector) });
  await page.goto(url, { waitUntil: "commit" });
  const painted = await paintStamp(page);
  await page.close();
  return painted;
}
