// Driving the field app by keyboard alone in the end-to-end tests: Tab to the next stop,
// the arrow keys in a list, Enter or Space to act. No mouse, no programmatic clicks.
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

export const hasFocus = (target: Locator): Promise<boolean> =>
  target.evaluate(
    (el) => (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el,
  );

/** Presses Tab until `target` has the focus (at most `stops` times): it is a later stop in the keyboard order. */
export async function tabTo(page: Page, target: Locator, stops = 12): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < stops; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press("Tab");
  }
  if (await hasFocus(target)) return;
  throw new Error(`Tab did not reach ${target.toString()} in ${stops} stops`);
}

/** Tabs to a button or link and presses Enter on it. */
export async function activate(page: Page, target: Locator, stops = 12): Promise<void> {
  await tabTo(page, target, stops);
  await page.keyboard.press("Enter");
}

/** Tabs to a text field and types into it. */
export async function typeInto(page: Page, target: Locator, text: string, stops = 12): Promise<void> {
  await tabTo(page, target, stops);
  await page.keyboard.type(text);
}

/** Chooses an option of the focused list with the arrow keys. */
export async function arrowTo(page: Page, target: Locator, value: string): Promise<void> {
  expect(await hasFocus(target)).toBe(true);
  for (let i = 0; i < 80; i++) {
    if ((await target.inputValue()) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the arrow keys did not reach ${value} in ${target.toString()}`);
}

/** Waits until the screen's heading has the focus: the screen moved on and the keyboard starts from its top. */
export async function headingHasFocus(page: Page): Promise<void> {
  const focused = () =>
    page.evaluate(() => {
      const d = (globalThis as unknown as { document: { activeElement: { outerHTML: string } | null } }).document;
      return d.activeElement?.outerHTML.slice(0, 120) ?? "nothing";
    });
  await expect
    .poll(async () => ((await hasFocus(page.locator("main h1"))) ? "the heading" : await focused()))
    .toBe("the heading");
}
