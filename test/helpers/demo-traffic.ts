// The demo operation's traffic beyond its loading, for the tests that watch what the
// application sends to the database: the writes a working day adds (through the HTTP app, as
// its administrator), then a GET of every route under the operation. Each request must succeed.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { DEMO } from "./demo.ts";
import { NOW, event } from "./fixtures.ts";

/**
 * Writes the demo's loading does not make: a plan approved, a statement and a snapshot published through the guard (open
 * discrepancies acknowledged), one withdrawn, a discrepancy explained, checks, an EPCIS round trip, the field app's device,
 * working set and sync.
 */
export async function writeMore(app: FastifyInstance, cookie: string): Promise<void> {
  const call = async (method: "POST" | "PATCH", url: string, payload: unknown, type = "application/json") => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie, "content-type": type },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  };
  const op = `/api/operations/${DEMO}`;
  const plan = await call("POST", `${op}/plans`, {});
  await call("POST", `${op}/plans/${String(plan.id)}/approve`, {});
  // The publish guard reads the open discrepancies in the publishing transaction: asked first, then acknowledged.
  const check = await call("POST", `${op}/publications/check`, { kind: "statement", date: "2020-12-19", lang: "en" });
  const touching = (check.discrepancies as { id: string }[]).map((d) => d.id);
  expect(touching.length).toBeGreaterThan(0);
  const acknowledge = { discrepancies: touching, note: "counted again at the hub" };
  await call("POST", `${op}/publications`, { kind: "statement", date: "2020-12-19", lang: "ru", acknowledge });
  const snapshot = await call("POST", `${op}/publications/check`, { kind: "snapshot" });
  const published = await call("POST", `${op}/publications`, {
    kind: "snapshot",
    acknowledge: { ...acknowledge, discrepancies: (snapshot.discrepancies as { id: string }[]).map((d) => d.id) },
  });
  await call("POST", `${op}/publications/${String(published.id)}/withdraw`, { reason: "a newer count" });
  const discrepancies = (
    await app.inject({ method: "GET", url: `${op}/discrepancies`, headers: { cookie } })
  ).json() as { id: string; status: string }[];
  const open = discrepancies.find((d) => d.status === "open");
  if (open)
    await call("PATCH", `${op}/discrepancies/${open.id}`, { status: "explained", note: "counted again at the hub" });
  await call("POST", `${op}/reconcile`, {});
  await call("POST", `${op}/verify`, {});
  await call("POST", `${op}/claims/check`, { text: "By 19 December, 9 of the 54 rail cars had arrived." });
  await call("POST", "/api/operations", { code: "STP-COPY", name: "Copy", timeZone: "Asia/Yerevan" });
  // The field app: a device credential, its working set (whole, then what changed), a sync in mode=each, revoking it.
  const device = await call("POST", `${op}/devices`, {
    label: "Railhead phone",
    installationId: "01890a5d-ac96-774b-bcce-b302099a8057",
  });
  const phone = {
    authorization: `Bearer ${String(device.token)}`,
    "x-reliefline-outbox": "1",
    "x-reliefline-device-time": NOW.toISOString(),
  };
  const whole = await app.inject({ method: "GET", url: `${op}/field/working-set`, headers: phone });
  expect(whole.statusCode, whole.body.slice(0, 300)).toBe(200);
  const { cursor, units } = whole.json() as { cursor: string; units: { upsert: { number: string; status: string }[] } };
  const unit = units.upsert.find((u) => u.status === "departed") ?? units.upsert[0]!;
  const synced = await app.inject({
    method: "POST",
    url: `${op}/events/batch?mode=each`,
    headers: { ...phone, "content-type": "application/json" },
    payload: JSON.stringify({ events: [event("UnitArrived", { unit: unit.number, location: "STP-HUB" })] }),
  });
  expect(synced.statusCode, synced.body.slice(0, 300)).toBe(200);
  const delta = await app.inject({
    method: "GET",
    url: `${op}/field/working-set?since=${encodeURIComponent(cursor)}`,
    headers: phone,
  });
  expect(delta.statusCode, delta.body.slice(0, 300)).toBe(200);
  const revoked = await app.inject({
    method: "POST",
    url: `${op}/devices/${String(device.id)}/revoke`,
    headers: { cookie },
  });
  expect(revoked.statusCode, revoked.body.slice(0, 300)).toBe(204);
  const epcis = (await app.inject({ method: "GET", url: `${op}/export/epcis`, headers: { cookie } })).body;
  void epcis; // importing needs the copy's catalogue; the export's reads are what is checked here
}

export /** GET every route under the demo operation, with ids taken from its lists. */
async function readEverything(app: FastifyInstance, cookie: string): Promise<void> {
  const get = async (url: string) => {
    const res = await app.inject({ method: "GET", url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res;
  };
  const op = `/api/operations/${DEMO}`;
  for (const path of [
    "",
    "/assets",
    "/claims",
    "/consignments",
    "/coverage",
    "/discrepancies",
    "/events",
    "/export/epcis",
    "/export/ledger",
    "/items",
    "/locations",
    "/members",
    "/needs",
    "/plans",
    "/progress",
    "/publications",
    "/reports/press?date=2020-12-19",
    "/reports/sitrep?from=2020-12-01&to=2020-12-19",
    "/stock",
    "/teams",
    "/units",
    "/devices",
    "/field/recording-delays",
  ]) {
    await get(op + path);
  }
  const first = async <T>(path: string, pick: (body: never) => T | undefined) =>
    pick((await get(op + path)).json() as never);
  const consignment = await first("/consignments", (b: { code: string }[]) => b[0]?.code);
  if (consignment) {
    await get(`${op}/consignments/${consignment}`);
    await get(`${op}/consignments/${consignment}/legs/1/units`);
  }
  const unit = await first(
    "/units",
    (b: { number: string }[] | { units: { number: string }[] }) => (Array.isArray(b) ? b : b.units)[0]?.number,
  );
  if (unit) {
    await get(`${op}/units/${unit}`);
    await get(`${op}/labels.pdf?units=${unit}`);
  }
  const team = await first("/teams", (b: { code: string }[]) => b[0]?.code);
  if (team) await get(`${op}/teams/${team}/activity`);
  for (const path of [
    "/api/operations",
    "/api/organisations",
    "/api/units-of-measure?q=tonne",
    "/api/auth/me",
    "/public",
    `/public/${DEMO}`,
    `/public/${DEMO}/publications.json`,
  ]) {
    const res = await app.inject({ method: "GET", url: path, headers: { cookie } });
    expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  }
}
