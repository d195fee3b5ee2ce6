// The field app's server side over HTTP, on both engines: device credentials (issued,
// scoped, reported to, revoked), the working set and its cursor, per-event sync batches,
// event origin and clock correction, recording delays and label sheets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, event, line, seedOperation } from "../../../test/helpers/fixtures.ts";
import { signIn, type TestApp } from "../../../test/helpers/http.ts";
import { expectProblem, freshAddress, send, userWithRole, type Caller } from "../../../test/helpers/http-bad-input.ts";
import { registerUnits } from "../../app/units.ts";
import { verifyOperation } from "../../app/ledger.ts";
import { findOperation } from "../../store/catalogue.sql.ts";
import { insertDeviceCredential } from "../../store/devices.sql.ts";
import { newSecret } from "../../app/passwords.ts";
import type { WorkingSetDelta } from "../../core/working-set.ts";

const url = (path: string) => `/api/operations/${OP}${path}`;
const INSTALLATION = "0190a0a0-0000-7000-8000-000000000001";

describeOnEngines("the field app's API", (db) => {
  let t: TestApp;
  let admin: Caller;
  let fieldOfficer: Caller;
  let phone: Caller;
  let deviceId: string;
  const get = (path: string, as: Caller, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url: path, headers: { ...headersOf(as), ...headers } });
  const post = (path: string, body: unknown, as: Caller, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url: path,
      payload: body as object,
      headers: { ...headersOf(as), ...headers },
      remoteAddress: freshAddress(),
    });
  const batch = (events: unknown[], as: Caller = phone, headers: Record<string, string> = {}) =>
    post(url("/events/batch?mode=each"), { events }, as, headers);
  const workingSet = async (since?: string): Promise<WorkingSetDelta> => {
    const res = await get(url(`/field/working-set${since ? `?since=${since}` : ""}`), phone);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WorkingSetDelta;
  };

  beforeAll(async () => {
    const principal = await seedOperation(db());
    await registerUnits(
      db(),
      principal,
      OP,
      [{ number: "24073082", scheme: "rail1520", kind: "covered-wagon" }],
      NOW,
    ).catch(() => undefined);
    const app: FastifyInstance = await buildApp({ db: db(), now: () => NOW, deviceHours: 12 });
    t = { app, db: db(), admin: await signIn(app, principal.email, ADMIN_PASSWORD), close: () => app.close() };
    admin = { cookie: t.admin };
    fieldOfficer = await userWithRole(t, "field@example.org", "field-officer");
    const issued = await post(
      url("/devices"),
      { label: "Railhead phone 1", installationId: INSTALLATION },
      fieldOfficer,
    );
    expect(issued.statusCode, issued.body).toBe(201);
    const body = issued.json() as { id: string; token: string; role: string; expiresAt: string };
    expect(body).toMatchObject({
      role: "field-officer",
      expiresAt: new Date(NOW.getTime() + 12 * 3_600_000).toISOString(),
    });
    // The token names its operation, so it is looked up among that operation's rows (on Citus, its worker).
    const { id: operationId } = (await findOperation(db(), OP))!;
    expect(body.token).toMatch(new RegExp(`^rld_${operationId.replaceAll("-", "")}_`));
    phone = { bearer: body.token };
    deviceId = body.id;
  }, 120_000);
  afterAll(async () => t?.close());

  describe("a device credential", () => {
    it("reaches its operation's routes and /api/auth/me, and nothing else", async () => {
      expect((await get(url("/items"), phone)).statusCode).toBe(200);
      expect((await get("/api/auth/me", phone)).json()).toMatchObject({ email: "field@example.org" });
      for (const path of ["/api/operations", "/api/organisations"])
        expectProblem(await get(path, phone), 401, "device sign-in works only");
      expectProblem(await post("/api/auth/tokens", { name: "escalate" }, phone), 401, "device sign-in works only");
      expectProblem(
        await post(url("/devices"), { label: "another", installationId: INSTALLATION }, phone),
        403,
        "cannot issue",
      );
    });

    it("records the outbox size and clock the phone reports, and lists them on the Devices page", async () => {
      const deviceTime = new Date(NOW.getTime() - 90_000).toISOString();
      await get(url("/field/working-set"), phone, {
        "x-reliefline-outbox": "7",
        "x-reliefline-device-time": deviceTime,
      });
      const listed = (await get(url("/devices"), admin)).json() as {
        id: string;
        lastOutboxSize: number;
        lastClockOffsetMs: number;
        lastSyncAt: string;
        state: string;
        label: string;
      }[];
      expect(listed.find((d) => d.id === deviceId)).toMatchObject({
        label: "Railhead phone 1",
        lastOutboxSize: 7,
        lastClockOffsetMs: 90_000,
        lastSyncAt: NOW.toISOString(),
        state: "active",
      });
      // The field officer sees their own devices; no one else's.
      const own = (await get(url("/devices"), fieldOfficer)).json() as unknown[];
      expect(own).toHaveLength(1);
    });

    it("still works when issued before tokens named their operation (found by its digest alone)", async () => {
      const { id: operationId } = (await findOperation(db(), OP))!;
      const { secret, digest } = newSecret("rld");
      const user = (await db().query<{ id: string }>("select id from users where email = 'field@example.org'"))[0]!;
      await insertDeviceCredential(db(), {
        operationId,
        id: uuidv7(),
        tokenHash: digest,
        userId: user.id,
        role: "field-officer",
        installationId: uuidv7(),
        label: "an older phone",
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + 3_600_000),
      });
      expect((await get(url("/items"), { bearer: secret })).statusCode).toBe(200);
      expectProblem(
        await get(url("/items"), { bearer: `rld_${operationId.replaceAll("-", "")}_${secret.slice(4)}` }),
        401,
        "sign in again",
      );
    });

    it("acts with the role it signed in with only while the user keeps that role", async () => {
      const user = await userWithRole(t, "changing@example.org", "field-officer");
      const issued = (await post(url("/devices"), { label: "x", installationId: uuidv7() }, user)).json() as {
        token: string;
      };
      expect((await get(url("/items"), { bearer: issued.token })).statusCode).toBe(200);
      await send(t.app, "PUT", url("/members"), { as: admin, body: { email: "changing@example.org", role: "viewer" } });
      expectProblem(await get(url("/items"), { bearer: issued.token }), 403, "sign in again");
    });
  });

  describe("the working set", () => {
    let cursor: string;
    it("gives everything first: units with manifests and state, items with names, locations, teams", async () => {
      const full = await workingSet();
      expect(full.full).toBe(true);
      expect(full.operation).toMatchObject({ code: OP, role: "field-officer", timeZone: "Asia/Yerevan" });
      expect(full.items.upsert.map((i) => i.code)).toEqual(["CRANE", "FLOUR", "LUMBER"]);
      expect(full.units.upsert.map((u) => u.number)).toContain("24073082");
      expect(full.locations.upsert.some((l) => l.kind === "transport-unit")).toBe(false);
      expect(full.teams.upsert.map((x) => x.code)).toEqual(["TEAM-A", "TEAM-B"]);
      cursor = full.cursor;
    });

    it("answers an empty delta when nothing changed", async () => {
      const delta = await workingSet(cursor);
      expect(delta.full).toBe(false);
      expect(
        [delta.items, delta.locations, delta.teams, delta.consignments, delta.units].every(
          (c) => c.upsert.length + c.remove.length === 0,
        ),
      ).toBe(true);
      expect(delta.planLines).toBeUndefined();
      cursor = delta.cursor;
    });

    it("sends a new item, a removed one, and a unit whose state an event changed", async () => {
      expect(
        (await post(url("/items"), { code: "BLANKET", name: "Blankets", uom: "H87", kind: "goods" }, admin)).statusCode,
      ).toBe(201);
      const consignment = {
        code: "C-FIELD",
        name: "Field cars",
        origin: "DEPOT",
        destination: "RAILHEAD",
        plannedUnits: 3,
        mode: "rail",
      };
      const created = await post(url("/consignments"), consignment, admin);
      expect(created.statusCode, created.body).toBe(201);
      await db().query(
        "delete from items where code = 'CRANE' and operation_id = (select id from operations where code = $1)",
        [OP],
      );
      const arrived = await batch([event("UnitArrived", { unit: "24073082", location: "RAILHEAD" })]);
      expect(arrived.statusCode, arrived.body).toBe(200);
      const delta = await workingSet(cursor);
      expect(delta.items.upsert.map((i) => i.code)).toEqual(["BLANKET"]);
      expect(delta.items.remove).toEqual(["CRANE"]);
      // The day's figures need each consignment's planned units.
      expect(delta.consignments.upsert).toEqual([{ code: "C-FIELD", name: "Field cars", names: {}, plannedUnits: 3 }]);
      expect(delta.units.upsert).toMatchObject([
        { number: "24073082", status: "arrived", arrivedLocation: "RAILHEAD" },
      ]);
      const again = await workingSet(delta.cursor);
      expect(again.items.upsert.length + again.units.upsert.length + again.consignments.upsert.length).toBe(0);
    });

    it("starts over with a full answer for a cursor from another database (a restored backup: ledger or transaction ids ahead)", async () => {
      const current = await workingSet();
      const [seq, xid] = current.cursor.split(".").map(Number) as [number, number];
      expect((await workingSet(`${seq}.${xid + 1_000_000}`)).full).toBe(true);
      expect((await workingSet(`${seq + 1_000}.${xid}`)).full).toBe(true);
      expect((await workingSet(current.cursor)).full).toBe(false);
    });

    it("refuses a cursor it did not give, with 400 naming since", async () => {
      expectProblem(await get(url("/field/working-set?since=yesterday"), phone), 400, "/since");
    });
  });

  describe("a sync batch, one event at a time", () => {
    it("stores the good events in order and refuses the bad one on its own, naming its field", async () => {
      const good1 = event("GoodsUnloaded", {
        unit: "24073082",
        location: "RAILHEAD",
        team: "TEAM-A",
        lines: [line("LUMBER", "19")],
        origin: { offline: true },
      });
      const bad = event("GoodsReceived", { location: "RAILHEAD", lines: [line("NO-SUCH-ITEM", "1")] });
      const good2 = event("GoodsReceived", {
        location: "RAILHEAD",
        team: "TEAM-A",
        lines: [line("LUMBER", "18", { expected: "19" })],
      });
      const res = await batch([good1, bad, good2], phone, { "x-reliefline-outbox": "3" });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        created: number;
        refused: number;
        results: { id: string; status: string; seq?: number; errors?: { field: string }[] }[];
      };
      expect(body).toMatchObject({ created: 2, refused: 1, conflicts: 0, duplicates: 0 });
      expect(body.results.map((r) => r.status)).toEqual(["created", "refused", "created"]);
      expect(body.results[1]!.errors).toEqual([
        { field: "/lines/0/item", message: expect.stringContaining("unknown item NO-SUCH-ITEM") },
      ]);
      expect(body.results[2]!.seq).toBe(body.results[0]!.seq! + 1);
      // The retry after a lost answer: duplicates, nothing stored twice.
      const retry = (await batch([good1, good2])).json() as {
        created: number;
        duplicates: number;
        results: { seq: number }[];
      };
      expect(retry).toMatchObject({ created: 0, duplicates: 2 });
      expect(retry.results.map((r) => r.seq)).toEqual([body.results[0]!.seq, body.results[2]!.seq]);
      const stored = await db().query<{ body: { origin?: unknown } }>("select body from events where id = $1", [
        good1.id,
      ]);
      expect(stored[0]!.body.origin).toEqual({ device: INSTALLATION, offline: true });
    });

    it("answers a reused id with other content as a conflict, and a type the role may not record as refused", async () => {
      const first = event("UnitArrived", { unit: "24073082", location: "HUB" });
      await batch([first]);
      const res = await batch([
        { ...first, location: "RAILHEAD" },
        event("GoodsDistributed", { location: "HUB", neighbourhood: "N1", lines: [line("FLOUR", "1")] }),
      ]);
      expect(
        (res.json() as { results: { status: string; errors: { field: string }[] }[] }).results.map((r) => [
          r.status,
          r.errors[0]!.field,
        ]),
      ).toEqual([
        ["conflict", "/id"],
        ["refused", "/type"],
      ]);
    });

    it("records a time still in the future at the server's time, keeps the claimed time, and answers the retry as a duplicate", async () => {
      const claimed = new Date(NOW.getTime() + 3 * 3_600_000).toISOString().replace("Z", "+00:00");
      const future = {
        ...event("UnitArrived", { unit: "24073082", location: "RAILHEAD" }),
        eventTime: claimed,
        origin: { deviceTime: claimed, clockOffsetMs: 0 },
      };
      expect((await batch([future])).json()).toMatchObject({ created: 1 });
      const [row] = await db().query<{ body: { eventTime: string; origin: { claimedEventTime: string } } }>(
        "select body from events where id = $1",
        [future.id],
      );
      expect(row!.body.eventTime).toBe("2026-01-01T00:00:00.000+00:00");
      expect(row!.body.origin.claimedEventTime).toBe(claimed);
      expect((await batch([future])).json()).toMatchObject({ created: 0, duplicates: 1 });
    });

    it("refuses an origin sent with a password session: only a device sign-in records one", async () => {
      const res = await post(
        url("/events/batch"),
        { events: [event("UnitArrived", { unit: "24073082", location: "RAILHEAD", origin: { offline: true } })] },
        admin,
      );
      expectProblem(res, 422, "/origin");
    });

    it("keeps the ledger verifiable: old events hash as before, new ones cover their origin", async () => {
      const check = await verifyOperation(db(), (await findOperation(db(), OP))!);
      expect(check.ok).toBe(true);
    });
  });

  describe("recording delays and labels", () => {
    it("gives the delay per team and day with the share recorded within N hours", async () => {
      const res = await get(url("/field/recording-delays?withinHours=1"), admin);
      expect(res.statusCode, res.body).toBe(200);
      const days = (
        res.json() as {
          days: { team: string | null; events: number; fromDevices: number; offline: number; withinHours: number }[];
        }
      ).days;
      const teamA = days.find((d) => d.team === "TEAM-A")!;
      expect(teamA).toMatchObject({ events: 2, fromDevices: 2, offline: 1, withinHours: 0 });
    });

    it("prints a PDF label sheet for units, with pallet labels", async () => {
      const res = await get(url("/labels.pdf?units=24073082&pallets=2"), admin);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      expectProblem(await get(url("/labels.pdf?units=99999999"), admin), 422, "/units");
    });
  });

  describe("revoking a device", () => {
    it("ends its sign-in at once, saying so; the outbox it reported stays listed", async () => {
      expect((await post(url(`/devices/${deviceId}/revoke`), undefined, admin)).statusCode).toBe(204);
      expectProblem(await get(url("/items"), phone), 401, "revoked");
      const listed = (await get(url("/devices"), admin)).json() as {
        id: string;
        state: string;
        lastOutboxSize: number;
      }[];
      expect(listed.find((d) => d.id === deviceId)).toMatchObject({ state: "revoked", lastOutboxSize: 3 });
    });

    it("lets a user revoke their own device but not another's", async () => {
      const other = await userWithRole(t, "other@example.org", "field-officer");
      const mine = (await post(url("/devices"), { label: "mine", installationId: uuidv7() }, other)).json() as {
        id: string;
      };
      const theirs = (await post(url("/devices"), { label: "theirs", installationId: uuidv7() }, admin)).json() as {
        id: string;
      };
      expect((await post(url(`/devices/${mine.id}/revoke`), undefined, other)).statusCode).toBe(204);
      expectProblem(await post(url(`/devices/${theirs.id}/revoke`), undefined, other), 403);
    });
  });
});

function headersOf(as: Caller): Record<string, string> {
  if (as && "cookie" in as) return { cookie: as.cookie };
  if (as && "bearer" in as) return { authorization: `Bearer ${as.bearer}` };
  return {};
}
