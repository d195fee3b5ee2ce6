// Scanning with the phone's camera, in real Chromium with a fake camera fed a video of a
// barcode rendered in the test: a wagon number printed as Code 128 is read and checked
// (valid: found at once; wrong check digit: the app asks to confirm it as read), and a QR
// label from the operations room's sheet opens its unit.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, noBrowser } from "./helpers/ui-browser.ts";
import {
  OP,
  launchPhone,
  closePhones,
  signInOnPhone,
  startFieldServer,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";
import { code128, qrCode, writeY4m, type GrayImage } from "./helpers/fake-camera.ts";
import { DEMO_CARS } from "../src/demo/origin.ts";
import { labelCode } from "../src/core/labels.ts";

const CAR = DEMO_CARS.find((c) => c.part === 2)!.number;
const WRONG = CAR.slice(0, 7) + String((Number(CAR[7]) + 1) % 10);
const dir = mkdtempSync(join(tmpdir(), "rl-camera-"));

describe.skipIf(noBrowser)("scanning with the camera", () => {
  let server: FieldServer;
  const phones: Phone[] = [];
  const wasm: string[] = [];

  beforeAll(async () => {
    server = await startFieldServer();
    await server.addUser("scanner@example.org", "field-officer");
  }, 180_000);
  afterAll(async () => {
    await closePhones(phones);
    await server?.close();
  });

  /** A phone whose camera sees `image`, signed in, on the unload task, scanning. */
  async function scanning(name: string, image: GrayImage): Promise<Phone> {
    const video = join(dir, `${name}.y4m`);
    writeY4m(video, image);
    const phone = await launchPhone(undefined, {
      args: [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    phones.push(phone);
    phone.page.on("request", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push(r.url());
    });
    await phone.context.grantPermissions(["camera"], { origin: server.phoneBase });
    await signInOnPhone(phone.page, server.phoneBase, "scanner@example.org", `Camera ${name}`);
    await phone.page.getByRole("link", { name: /Unload a car/ }).click();
    await phone.page.getByRole("button", { name: "Scan" }).click();
    return phone;
  }

  it("reads a wagon number printed as Code 128, checks it and opens the car", async () => {
    const { page } = await scanning("valid", await code128(CAR));
    await page.getByRole("heading", { name: `Unload a car: ${CAR}` }).waitFor({ timeout: 30_000 });
    await page.locator("ol.manifest fieldset").first().waitFor();
    // Without BarcodeDetector (Chromium on Linux) the reader is ZXing's WebAssembly, from our origin, under the strict CSP.
    if (!(await page.evaluate("'BarcodeDetector' in window")))
      expect(wasm.every((u) => u.startsWith(`${server.phoneBase}/assets/`)) && wasm.length > 0).toBe(true);
    expect(phones.at(-1)!.cspViolations).toEqual([]);
  }, 120_000);

  it("asks to confirm a number read with a wrong check digit before using it", async () => {
    const { page } = await scanning("wrong", await code128(WRONG));
    await page.getByText(`The check digit should be ${CAR[7]}, not ${WRONG[7]}`).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel("Car or truck number").inputValue()).toBe(WRONG);
    await page.getByLabel("It reads exactly so on the unit").waitFor();
    expect(await page.getByRole("button", { name: "Find" }).isDisabled()).toBe(true);
    expect(await axeProblems(page), "the check-digit warning and its confirmation pass axe").toEqual([]);
  }, 120_000);

  it("opens the unit named by a QR label from the operations room's sheet", async () => {
    const { page } = await scanning("label", qrCode(labelCode({ operation: OP, unit: CAR, pallet: 2 })));
    await page.getByRole("heading", { name: `Unload a car: ${CAR}` }).waitFor({ timeout: 30_000 });
  }, 120_000);
});
