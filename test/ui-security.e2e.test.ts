// Each kind of page Reliefline serves, loaded in Chromium under its real headers: the
// operations room (sign-in, dashboard, lazily loaded pages, the sign-in audit), the API docs, the public
// view, and a standalone HTML report. The Content-Security-Policy must not refuse a single
// script, style, image or connection these pages use, and every answer carries the headers.
// Also the ops room's side of the sign-in rules: the audit page for administrators, and a
// user with a one-time password sent to change it before anything else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Response } from "playwright-core";
import { DEMO_OPERATION } from "../src/demo/origin.ts";
import { publishAcknowledging } from "./helpers/demo.ts";
import { createUser } from "../src/app/identity.ts";
import {
  axeProblems,
  launchChromium,
  newPage,
  noBrowser,
  openDashboard,
  signIn,
  startDemoServer,
  type DemoServer,
} from "./helpers/ui-browser.ts";

const EMAIL = "headers@reliefline.local";
const PASSWORD = "headers ui test password";
const OP = DEMO_OPERATION.code;

let server: DemoServer;
let browser: Browser;
let page: Page;
/** CSP violations reported by the page itself, and console errors, since the last check. */
let problems: string[] = [];

async function violations(): Promise<string[]> {
  const seen = await page.evaluate<string[]>("window.__cspViolations ?? []");
  await page.evaluate("window.__cspViolations = []");
  const all = [...problems, ...seen];
  problems = [];
  return all;
}

function expectHeaders(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const h = response!.headers();
  expect(h["content-security-policy"], what).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("same-origin");
  expect(h["permissions-policy"], what).toContain("camera=(self)");
}

describe.skipIf(noBrowser !== null)("pages under the Content-Security-Policy", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    server = await startDemoServer(EMAIL, PASSWORD);
    await publishAcknowledging(server.db, server.admin, OP, { kind: "snapshot" }, new Date());
    browser = await launchChromium();
    page = await newPage(browser);
    await page.addInitScript({
      content: `window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + ": " + e.blockedURI + " (" + e.sourceFile + ":" + e.lineNumber + ")"));`,
    });
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads the sign-in page, the dashboard and a lazily loaded page without a violation", async () => {
    expectHeaders(await page.goto(server.base + "/"), "/");
    await signIn(page, server.base, EMAIL, PASSWORD);
    // With one operation, signing in lands on its dashboard; otherwise on the list.
    await openDashboard(page, server.base, OP);
    await page.getByText(/of 54/).first().waitFor();
    await page.getByRole("link", { name: "Map" }).first().click();
    await page.getByRole("heading", { name: "Map" }).waitFor();
    await page.getByRole("link", { name: "Needs" }).first().click();
    await page.getByRole("heading", { name: /Needs/ }).first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it("shows a system administrator the sign-in audit trail, from the account menu", async () => {
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("link", { name: "Sign-in audit" }).click();
    await page.getByRole("heading", { name: "Sign-in audit", level: 1 }).waitFor();
    const first = page.getByTestId("audit-table").locator("tbody tr").first();
    await expect.poll(async () => first.textContent()).toContain(EMAIL);
    expect(await page.getByTestId("audit-table").textContent()).toContain("Signed in");
    expect(await axeProblems(page)).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it("sends a user with a one-time password to change it, and then on to the operations", async () => {
    const { password } = await createUser(server.db, server.admin, {
      email: "first-day@reliefline.local",
      name: "First Day",
    });
    const fresh = await newPage(browser);
    try {
      await fresh.goto(`${server.base}/op/${OP}/stock`);
      await fresh.getByLabel("Email").fill("first-day@reliefline.local");
      await fresh.getByLabel("Password").fill(password!);
      await fresh.getByLabel("Password").press("Enter");
      await fresh.getByRole("heading", { name: "Change password", level: 1 }).waitFor();
      expect(await fresh.getByText("You are using a one-time password").count()).toBe(1);
      expect(await axeProblems(fresh)).toEqual([]);
      await fresh.getByLabel("Current password").fill(password!);
      await fresh.getByLabel("New password", { exact: true }).fill("first day's own password");
      await fresh.getByLabel("New password again").fill("first day's own password");
      await fresh.getByRole("button", { name: "Change password" }).click();
      await fresh.getByTestId("password-changed").waitFor();
      await fresh.getByRole("button", { name: "Sign in again" }).click();
      await signIn(fresh, server.base, "first-day@reliefline.local", "first day's own password");
    } finally {
      await fresh.context().close();
    }
  });

  it("loads the API docs without a violation", async () => {
    expectHeaders(await page.goto(server.base + "/api/docs"), "/api/docs");
    await page.locator(".swagger-ui .info").waitFor();
    await page.locator(".opblock").first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it("loads the public view, its stylesheet applied, without a violation", async () => {
    expectHeaders(await page.goto(server.base + "/public"), "/public");
    expectHeaders(await page.goto(`${server.base}/public/${OP}`), "/public/:op");
    await page.getByRole("heading", { name: "Latest figures" }).waitFor();
    const width = await page.evaluate<string>("getComputedStyle(document.querySelector('main')).maxWidth");
    expect(width).not.toBe("none");
    expect(await violations()).toEqual([]);
  });

  it("loads a standalone HTML report, its inline stylesheet allowed by hash", async () => {
    const response = await page.goto(
      `${server.base}/api/operations/${OP}/reports/sitrep?from=2020-12-14&to=2020-12-19&format=html`,
    );
    expectHeaders(response, "sitrep html");
    expect(response!.status()).toBe(200);
    const width = await page.evaluate<string>("getComputedStyle(document.querySelector('main')).maxWidth");
    expect(width).not.toBe("none");
    expect(await violations()).toEqual([]);
  });

  it("cannot be framed by another page", async () => {
    await page.setContent(`<iframe src="${server.base}/" title="framed"></iframe>`);
    // setContent resolves at the page's load event, which waits for the frame's own load (or refusal).
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    await frame!.waitForLoadState("load");
    expect((await frame?.evaluate("document.getElementById('root')").catch(() => null)) ?? null).toBeNull();
  });
});
