// The operations room's side of the field app, in real Chromium: the Field page lists the
// phones with their last sync and outbox, revokes one (the phone is told and keeps its
// outbox), shows how soon facts reached the ledger, offers label sheets; the dashboard
// shows each event's origin; a phone signing in to the operations room is pointed to /field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { axeProblems, CHROMIUM, CHROMIUM_ARGS, noBrowser, shoot, signIn } from "./helpers/ui-browser.ts";
import {
  FIELD_ADMIN,
  FIELD_PASSWORD,
  OP,
  choosePlace,
  goOffline,
  goOnline,
  launchPhone,
  closePhones,
  signInOnPhone,
  sendCarsOnTheirWay,
  startFieldServer,
  unloadCar,
  waitForAllSent,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";
import { DEMO_CARS, RAILHEAD } from "../src/demo/origin.ts";

const [CAR, SECOND] = DEMO_CARS.filter((c) => c.part === 3).slice(25, 27) as [
  (typeof DEMO_CARS)[number],
  (typeof DEMO_CARS)[number],
];

describe.skipIf(noBrowser)("the operations room and the field phones", () => {
  let server: FieldServer;
  let phone: Phone;
  let browser: Browser;
  let room: Page;

  beforeAll(async () => {
    server = await startFieldServer();
    await server.addUser("crew@example.org", "field-officer");
    await sendCarsOnTheirWay(server, [CAR, SECOND]);
    phone = await launchPhone();
    await signInOnPhone(phone.page, server.phoneBase, "crew@example.org", "Crew phone 7");
    await choosePlace(phone.page, RAILHEAD, "JG-STP");
    await goOffline(server, phone);
    await unloadCar(phone.page, CAR.number);
    await goOnline(server, phone);
    await waitForAllSent(phone.page);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    room = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })).newPage();
    room.setDefaultTimeout(20_000);
    // Signing in lands on the operations list, or on the dashboard when there is one operation.
    await signIn(room, server.base, FIELD_ADMIN, FIELD_PASSWORD);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await closePhones([phone]);
    await server?.close();
  });

  it("shows each event's origin on the dashboard: the phone, recorded offline, and the delay", async () => {
    await room.goto(`${server.base}/op/${OP}`);
    await room.getByTestId("event-origin").first().waitFor();
    expect(await room.getByTestId("event-origin").first().textContent()).toMatch(
      /^Phone [0-9a-f]{8} · recorded offline · \d+ min after it happened$/,
    );
  });

  it("lists the phones with their last sync and outbox, the recording delays and label sheets, and passes axe", async () => {
    await room.goto(`${server.base}/op/${OP}/field`);
    const row = room.getByTestId("devices").getByRole("row", { name: /Crew phone 7/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("crew@example.org");
    await room
      .getByTestId("recording-delays")
      .getByRole("row", { name: /JG-STP/ })
      .first()
      .waitFor();
    const pdf = await room.request.get(
      await room
        .getByRole("link", { name: "Download labels (PDF)" })
        .getAttribute("href")
        .then((h) => `${server.base}${h}`),
    );
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(await axeProblems(room)).toEqual([]);
    expect(await shoot(room, "field-room")).toBe(0);
  });

  it("revokes a phone: the phone says its sign-in ended and keeps what it holds", async () => {
    room.on("dialog", (d) => void d.accept());
    await room.getByRole("button", { name: "Revoke Crew phone 7" }).click();
    await room.getByText(/^Revoked /).waitFor();
    await goOffline(server, phone);
    await unloadCar(phone.page, SECOND.number);
    await goOnline(server, phone);
    await phone.page.getByText(/Your sign-in on this phone ended: .*revoked/).waitFor({ timeout: 30_000 });
    await phone.page.getByText(/Sign in again to send what waits on this phone/).waitFor();
    await phone.page.getByText("3 events wait to be sent").waitFor();
    const [row] = await server.db.query<{ n: number }>(
      "select count(*)::int4 as n from events where body ->> 'unit' = $1 and body ? 'origin'",
      [SECOND.number],
    );
    expect(row!.n, "a revoked phone sends nothing").toBe(0);
  }, 120_000);

  it("points a phone that opens the operations room's sign-in to the field app", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 800 },
      hasTouch: true,
      isMobile: true,
      locale: "en-GB",
    });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    expect(await page.getByTestId("field-app-link").getByRole("link").getAttribute("href")).toBe("/field/");
    await context.close();
  });

  it("ships the field app's worker with its whole file list (the WASM reader included), its manifest and drawn icons, and no inline script", async () => {
    const get = (path: string) => room.request.get(`${server.base}${path}`);
    const page = await (await get("/field/")).text();
    expect(page, "a strict CSP forbids inline scripts").not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const worker = await (await get("/field/sw.js")).text();
    expect(worker).toContain('"/field/"');
    expect(worker).toMatch(/\/assets\/zxing_reader-[\w-]+\.wasm/);
    const manifest = (await (await get("/field/manifest.webmanifest")).json()) as {
      start_url: string;
      icons: { src: string }[];
    };
    expect(manifest.start_url).toBe("/field/");
    for (const icon of manifest.icons) expect((await get(icon.src)).status(), icon.src).toBe(200);
  });
});
