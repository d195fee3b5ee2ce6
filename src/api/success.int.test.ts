// The happy path through the API alone: an organisation, an operation, its catalogue,
// events single and in a batch, the ledger with its hashes, stock and members.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { event, line } from "../../test/helpers/fixtures.ts";
import { send, userWithRole } from "../../test/helpers/http-bad-input.ts";

const OP2 = "RELIEF-1";
const base = `/api/operations/${OP2}`;
describeEachEngine("the API answering well-formed requests", API_ENGINES, (engine) => {
  let t: TestApp;
  let as: { cookie: string };
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    as = { cookie: t.admin };
  });
  afterAll(async () => t.close());

  const post = (url: string, body: unknown) => send(t.app, "POST", url, { as, body });
  const get = (url: string) => send(t.app, "GET", url, { as });
  const lastSeq = async () => (await get(base)).json().lastSeq as number;

  describe("POST /api/organisations", () => {
    it("creates an organisation and lists it", async () => {
      const res = await post("/api/organisations", {
        code: "WFP-AM",
        name: "World Food Programme Armenia",
        kind: "un-agency",
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: "WFP-AM",
        name: "World Food Programme Armenia",
        kind: "un-agency",
      });
      expect((await get("/api/organisations")).json()).toContainEqual(res.json());
    });
  });

  describe("POST /api/operations", () => {
    it("starts an operation whose creator is its admin, with an empty ledger", async () => {
      const res = await post("/api/operations", {
        code: OP2,
        name: "Winter relief",
        description: "Lumber and flour",
        timeZone: "Asia/Yerevan",
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        code: OP2,
        name: "Winter relief",
        description: "Lumber and flour",
        timeZone: "Asia/Yerevan",
        role: "admin",
        lastSeq: 0,
        lastHash: "0".repeat(64),
      });
      const members = (await get(`${base}/members`)).json() as { email: string; role: string }[];
      expect(members).toEqual([expect.objectContaining({ email: "admin-test-op@example.org", role: "admin" })]);
      expect((await get("/api/operations")).json()).toContainEqual(
        expect.objectContaining({ code: OP2, role: "admin" }),
      );
    });

    it("creates the virtual locations transit and loss", async () => {
      const locations = (await get(`${base}/locations`)).json() as { code: string; kind: string }[];
      expect(locations).toEqual([
        expect.objectContaining({ code: "loss", kind: "loss" }),
        expect.objectContaining({ code: "transit", kind: "transit" }),
      ]);
    });

    it("defaults the time zone to UTC", async () => {
      const res = await post("/api/operations", { code: "RELIEF-UTC", name: "Elsewhere" });
      expect(res.json()).toMatchObject({ timeZone: "UTC", description: "" });
    });
  });

  describe("POST /api/operations/:op/locations", () => {
    it("adds a neighbourhood together with its recipients location", async () => {
      const res = await post(`${base}/locations`, { code: "ARABKIR", name: "Arabkir", kind: "neighbourhood" });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual([
        {
          code: "ARABKIR",
          name: "Arabkir",
          kind: "neighbourhood",
          parent: null,
          unlocode: null,
          latitude: null,
          longitude: null,
          organisation: null,
        },
        {
          code: "recipients:ARABKIR",
          name: "Recipients in Arabkir",
          kind: "recipients",
          parent: "ARABKIR",
          unlocode: null,
          latitude: null,
          longitude: null,
          organisation: null,
        },
      ]);
      const recipients = (await get(`${base}/locations?kind=recipients`)).json();
      expect(recipients).toEqual([expect.objectContaining({ code: "recipients:ARABKIR", parent: "ARABKIR" })]);
    });

    it("adds places, a transport unit under transit and a donor named after its organisation", async () => {
      for (const body of [
        {
          code: "ZVARTNOTS",
          name: "Yerevan hub",
          kind: "hub-warehouse",
          unlocode: "AM EVN",
          latitude: 40.1473,
          longitude: 44.3959,
        },
        { code: "DEPOT", name: "Origin depot", kind: "origin-depot" },
        { code: "unit:24073082", name: "Covered wagon", kind: "transport-unit", parent: "transit" },
        { code: "donor:WFP-AM", name: "WFP", kind: "donor", organisation: "WFP-AM" },
      ]) {
        const res = await post(`${base}/locations`, body);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toEqual([expect.objectContaining({ code: body.code, kind: body.kind })]);
      }
      const hub = ((await get(`${base}/locations`)).json() as { code: string; latitude: string | null }[]).find(
        (l) => l.code === "ZVARTNOTS",
      );
      expect(Number(hub!.latitude)).toBe(40.1473);
    });
  });

  describe("POST /api/operations/:op/items", () => {
    it("adds items with their UN/CEFACT unit and lists them", async () => {
      const lumber = await post(`${base}/items`, {
        code: "LUMBER",
        name: "Sawn lumber",
        uom: "MTQ",
        kind: "goods",
        volumeM3: "1",
      });
      expect(lumber.statusCode, lumber.body).toBe(201);
      expect(lumber.json()).toEqual({
        code: "LUMBER",
        name: "Sawn lumber",
        uom: "MTQ",
        kind: "goods",
        weightKg: null,
        volumeM3: "1",
      });
      expect(
        (await post(`${base}/items`, { code: "FLOUR", name: "Wheat flour", uom: "TNE", kind: "goods" })).statusCode,
      ).toBe(201);
      const items = (await get(`${base}/items`)).json() as { code: string }[];
      expect(items.map((i) => i.code)).toEqual(["FLOUR", "LUMBER"]);
    });
  });

  describe("POST /api/operations/:op/events", () => {
    const pledge = event("GoodsPledged", {
      from: "donor:WFP-AM",
      location: "DEPOT",
      lines: [line("LUMBER", "300.0"), line("FLOUR", "20")],
    });

    it("records an event with 201 and its sequence number", async () => {
      const res = await post(`${base}/events`, pledge);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ id: pledge.id, seq: 1, status: "created" });
      expect(await lastSeq()).toBe(1);
    });

    it("answers a retried event id as a duplicate with 200 and records it once", async () => {
      const res = await post(`${base}/events`, pledge);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: pledge.id, seq: 1, status: "duplicate" });
      expect(await lastSeq()).toBe(1);
      expect((await get(`${base}/events`)).json()).toHaveLength(1);
    });

    it("accepts an event time within the five minutes a device clock may be ahead", async () => {
      const res = await post(
        `${base}/events`,
        event("UnitArrived", { unit: "24073082", location: "DEPOT", eventTime: "2026-01-01T00:04:00Z" }),
      );
      expect(res.statusCode, res.body).toBe(201);
    });
  });

  describe("POST /api/operations/:op/events/batch", () => {
    it("records a batch with 200, counting created events and duplicates", async () => {
      const load = event("GoodsLoaded", { unit: "24073082", location: "DEPOT", lines: [line("LUMBER", "120.50")] });
      const events = [
        load,
        event("UnitDeparted", { unit: "24073082", location: "DEPOT" }),
        event("UnitArrived", { unit: "24073082", location: "ZVARTNOTS" }),
        event("GoodsUnloaded", { unit: "24073082", location: "ZVARTNOTS", lines: [line("LUMBER", "100")] }),
        event("GoodsDistributed", {
          location: "ZVARTNOTS",
          neighbourhood: "ARABKIR",
          lines: [line("LUMBER", "40")],
          households: 120,
          people: 410,
        }),
        load,
      ];
      const before = await lastSeq();
      const res = await post(`${base}/events/batch`, { events });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        created: number;
        duplicates: number;
        results: { id: string; seq: number; status: string }[];
      };
      expect(body).toMatchObject({ created: 5, duplicates: 1 });
      expect(body.results.map((r) => [r.seq, r.status])).toEqual([
        [before + 1, "created"],
        [before + 2, "created"],
        [before + 3, "created"],
        [before + 4, "created"],
        [before + 5, "created"],
        [before + 1, "duplicate"],
      ]);
      expect(await lastSeq()).toBe(before + 5);

      const again = await post(`${base}/events/batch`, { events });
      expect(again.json()).toMatchObject({ created: 0, duplicates: 6 });
      expect(await lastSeq()).toBe(before + 5);
    });
  });

  describe("GET /api/operations/:op/events", () => {
    it("lists the ledger in order with hashes that chain", async () => {
      const records = (await get(`${base}/events`)).json() as {
        seq: number;
        recordedBy: string;
        recordedAt: string;
        prevHash: string;
        hash: string;
        event: { id: string; lines?: { quantity: string; uom: string }[] };
      }[];
      expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      let prev = "0".repeat(64);
      for (const r of records) {
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(r.prevHash).toBe(prev);
        expect(r.recordedAt).toBe("2026-01-01T00:00:00.000Z");
        prev = r.hash;
      }
      expect(records[0]!.event.lines).toEqual([
        { item: "LUMBER", quantity: "300", uom: "MTQ" },
        { item: "FLOUR", quantity: "20", uom: "TNE" },
      ]);
      expect((await get(`${base}`)).json().lastHash).toBe(prev);
    });

    it("pages with after and limit", async () => {
      const page = (await get(`${base}/events?after=2&limit=3`)).json() as { seq: number }[];
      expect(page.map((r) => r.seq)).toEqual([3, 4, 5]);
    });
  });

  describe("GET /api/operations/:op/stock", () => {
    it("reflects the moves, the donor's balance negative", async () => {
      const res = await get(`${base}/stock`);
      expect(res.statusCode).toBe(200);
      const rows = res.json() as { location: string; item: string }[];
      expect(rows.sort((a, b) => `${a.location} ${a.item}`.localeCompare(`${b.location} ${b.item}`, "en"))).toEqual([
        { location: "DEPOT", item: "FLOUR", quantity: "20", uom: "TNE" },
        { location: "DEPOT", item: "LUMBER", quantity: "179.5", uom: "MTQ" },
        { location: "donor:WFP-AM", item: "FLOUR", quantity: "-20", uom: "TNE" },
        { location: "donor:WFP-AM", item: "LUMBER", quantity: "-300", uom: "MTQ" },
        { location: "recipients:ARABKIR", item: "LUMBER", quantity: "40", uom: "MTQ" },
        { location: "unit:24073082", item: "LUMBER", quantity: "20.5", uom: "MTQ" },
        { location: "ZVARTNOTS", item: "LUMBER", quantity: "60", uom: "MTQ" },
      ]);
    });

    it("filters by location and item", async () => {
      const res = await get(`${base}/stock?location=DEPOT&item=LUMBER`);
      expect(res.json()).toEqual([{ location: "DEPOT", item: "LUMBER", quantity: "179.5", uom: "MTQ" }]);
    });
  });

  describe("/api/operations/:op/members", () => {
    it("grants a role with 204 and lists members with their roles", async () => {
      await userWithRole(t, "logistician@example.org");
      const res = await send(t.app, "PUT", `${base}/members`, {
        as,
        body: { email: "Logistician@Example.org", role: "logistician" },
      });
      expect(res.statusCode, res.body).toBe(204);
      const members = (await get(`${base}/members`)).json() as { email: string; role: string }[];
      expect(members.map((m) => [m.email, m.role])).toEqual([
        ["admin-test-op@example.org", "admin"],
        ["logistician@example.org", "logistician"],
      ]);
    });

    it("changes an existing member's role", async () => {
      expect(
        (
          await send(t.app, "PUT", `${base}/members`, {
            as,
            body: { email: "logistician@example.org", role: "viewer" },
          })
        ).statusCode,
      ).toBe(204);
      const members = (await get(`${base}/members`)).json() as { email: string; role: string }[];
      expect(members.find((m) => m.email === "logistician@example.org")?.role).toBe("viewer");
    });
  });
});
