// Signing out on a phone with no connection, in real Chromium. Found by testing: the phone
// forgot its device credential but the server never heard, so the credential went on working
// for the rest of its shift (24 h) for whoever had copied it. Now the phone keeps it only to
// revoke it: the sign-in screen says it will be revoked when online, and at the next
// connection the phone revokes it on the server, then forgets it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { noBrowser } from "./helpers/ui-browser.ts";
import {
  OP,
  closePhones,
  goOffline,
  goOnline,
  launchPhone,
  signInOnPhone,
  startFieldServer,
  type FieldServer,
  type Phone,
} from "./helpers/field-browser.ts";

/** The phone's meta as IndexedDB holds it: its session's credential and the credentials kept to revoke. */
const keptCredentials = (page: Page) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open("reliefline-field");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const meta = open.result.transaction("meta").objectStore("meta").get("meta");
      meta.onsuccess = () => resolve({ session: meta.result?.session?.token ?? null, toRevoke: (meta.result?.toRevoke ?? []).map((c) => c.token) });
    };
  })`) as Promise<{ session: string | null; toRevoke: string[] }>;

describe.skipIf(noBrowser)("signing out on a phone with no connection", () => {
  let server: FieldServer;
  let phone: Phone | undefined;

  beforeAll(async () => {
    server = await startFieldServer("pglite");
    await server.addUser("leaving@example.org", "field-officer");
  }, 180_000);
  afterAll(async () => {
    await closePhones([phone]);
    await server?.close();
  });

  /** The status the server answers the credential with (straight to the server, not through the phone's proxy). */
  const answerTo = async (token: string) =>
    (
      await fetch(`${server.base}/api/operations/${OP}/field/working-set`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;

  it("revokes the credential on the server at the next connection, then forgets it", async () => {
    phone = await launchPhone();
    await signInOnPhone(phone.page, server.phoneBase, "leaving@example.org", "Leaving phone");
    const token = (await keptCredentials(phone.page)).session!;
    expect(await answerTo(token)).toBe(200);

    await goOffline(server, phone);
    await phone.page.goto(`${server.phoneBase}/field/#/settings`);
    await phone.page.getByRole("button", { name: "Sign out on this phone" }).click();
    await phone.page.getByRole("heading", { name: "Sign in on this phone" }).waitFor();
    await phone.page
      .getByText("the previous sign-in will be revoked on the server when this phone is online")
      .waitFor();
    expect(await keptCredentials(phone.page)).toEqual({ session: null, toRevoke: [token] });
    expect(await answerTo(token), "the server has not heard yet").toBe(200);

    await goOnline(server, phone);
    await phone.page.getByTestId("revoke-pending").waitFor({ state: "detached", timeout: 30_000 });
    expect(await answerTo(token), "revoked on the server").toBe(401);
    expect(await keptCredentials(phone.page), "and forgotten on the phone").toEqual({ session: null, toRevoke: [] });
    const [row] = await server.db.query<{ revoked: boolean }>(
      "select revoked_at is not null as revoked from device_credentials where label = 'Leaving phone'",
    );
    expect(row?.revoked).toBe(true);
  }, 240_000);
});
