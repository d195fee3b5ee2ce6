import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { testApp, problem, type TestApp } from "../../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../../test/helpers/engines.ts";
import { OP, donorOf } from "../../../test/helpers/fixtures.ts";
import { expectNothingStored, expectProblem, send, userWithRole } from "../../../test/helpers/http-bad-input.ts";

describeEachEngine("tracking over HTTP", API_ENGINES, (engine) => {
  let t: TestApp;
  const url = (path: string) => `/api/operations/${OP}${path}`;
  const post = (path: string, payload: unknown, method: "POST" | "PUT" | "PATCH" = "POST") =>
    t.app.inject({ method, url: url(path), payload: payload as object, headers: { cookie: t.admin } });
  const get = (path: string) => t.app.inject({ method: "GET", url: url(path), headers: { cookie: t.admin } });
  const count = async (table: string) =>
    (await t.db.query<{ n: number }>(`select count(*)::int8 as n from ${table}`))[0]!.n;

  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t.close());

  describe("consignments over HTTP", () => {
    it("creates a consignment with parts and legs and names its transshipment point", async () => {
      const res = await post("/consignments", {
        code: "C54",
        name: "54 rail cars",
        origin: "DEPOT",
        destination: "HUB",
        plannedUnits: 2,
        mode: "multimodal",
        parts: [{ number: 1, plannedDeparture: "2020-11-28", plannedUnits: 1 }, { number: 2 }],
        legs: [
          { seq: 1, mode: "rail", from: "DEPOT", to: "RAILHEAD" },
          { seq: 2, mode: "road", from: "RAILHEAD", to: "HUB" },
        ],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        code: "C54",
        transshipmentPoints: ["RAILHEAD"],
        parts: [{ number: 1, plannedDeparture: "2020-11-28" }, { number: 2 }],
      });
      expect((await get("/consignments/C54")).json()).toMatchObject({ legs: [{ seq: 1 }, { seq: 2 }] });
    });

    it.each([
      [
        "/consignments",
        { code: "X", name: "x", origin: "DEPOT", destination: "HUB", plannedUnits: -1, mode: "rail" },
        "/plannedUnits",
      ],
      [
        "/consignments",
        { code: "X", name: "x", origin: "DEPOT", destination: "HUB", plannedUnits: 1, mode: "rail", colour: "red" },
        "/colour",
      ],
      ["/consignments/C54/parts", { number: "three" }, "/number"],
      ["/consignments/C54/legs", { seq: 3, mode: "teleport", from: "HUB", to: "DEPOT" }, "/mode"],
      ["/teams", { name: "no code" }, "/code"],
      ["/units", { number: "24073082" }, "/kind"],
      ["/consignments/C54/manifests", { rows: [{ unit: "24073082", item: "LUMBER" }] }, "/rows/0/quantity"],
      ["/claims", { consignment: "C54", metric: "arrived", claimed: 9, asOf: "20 Dec", source: "press" }, "/asOf"],
    ])("refuses a malformed POST %s with 400 naming the field, storing nothing", async (path, body, field) => {
      const before = [
        await count("consignments"),
        await count("consignment_parts"),
        await count("consignment_legs"),
        await count("teams"),
        await count("transport_units"),
        await count("manifest_lines"),
        await count("claims"),
      ];
      const p = problem(await post(path, body));
      expect(p.status).toBe(400);
      expect(p.contentType).toContain("application/problem+json");
      expect(p.errors.map((e) => e.field)).toContain(field);
      expect([
        await count("consignments"),
        await count("consignment_parts"),
        await count("consignment_legs"),
        await count("teams"),
        await count("transport_units"),
        await count("manifest_lines"),
        await count("claims"),
      ]).toEqual(before);
    });

    it("refuses a leg to an unknown location with 422", async () => {
      const p = problem(await post("/consignments/C54/legs", { seq: 3, mode: "road", from: "HUB", to: "NOWHERE" }));
      expect(p).toMatchObject({ status: 422, errors: [{ field: "/to" }] });
    });
  });

  describe("transport units over HTTP", () => {
    it("registers a 1520 mm wagon into a consignment part", async () => {
      const res = await post("/units", { number: "24073082", kind: "covered-wagon", consignment: "C54", part: 1 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        number: "24073082",
        scheme: "rail1520",
        numberVerified: true,
        consignment: "C54",
        part: 1,
      });
    });

    it("refuses a wrong check digit with 422 showing the expected digit, and stores nothing", async () => {
      const before = await count("transport_units");
      const p = problem(await post("/units", { number: "60123453", kind: "gondola" }));
      expect(p.status).toBe(422);
      expect(p.errors[0]).toMatchObject({ field: "/number" });
      expect(p.detail).toContain("should be 2, not 3");
      expect(await count("transport_units")).toBe(before);
      expect((await t.db.query("select 1 from locations where code = 'unit:60123453'")).length).toBe(0);
    });

    it("records a number confirmed as read, with its location and an unverified-number discrepancy", async () => {
      const res = await post("/units", {
        number: "60123453",
        kind: "gondola",
        consignment: "C54",
        part: 2,
        confirmedAsRead: true,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ numberVerified: false, warning: expect.stringContaining("should be 2") });
      expect(await t.db.query("select kind from locations where code = 'unit:60123453'")).toEqual([
        { kind: "transport-unit" },
      ]);
      const list = (await get("/discrepancies?kind=unverified-number")).json() as { subject: string; status: string }[];
      expect(list).toMatchObject([{ subject: "unit:60123453", status: "open" }]);
    });

    it("refuses a unit already in a consignment with 409", async () => {
      const p = problem(
        await post("/units", { number: "24073082", kind: "covered-wagon", consignment: "C54", part: 2 }),
      );
      expect(p.status).toBe(409);
      expect(p.detail).toContain("belongs to consignment C54 part 1");
    });

    it("opens 'more units than planned' when a third unit joins a consignment planned for two", async () => {
      expect((await post("/units", { number: "74530007", kind: "tank", consignment: "C54", part: 2 })).statusCode).toBe(
        201,
      );
      const list = (await get("/discrepancies?kind=more-units-than-planned")).json() as { subject: string }[];
      expect(list).toMatchObject([{ subject: "consignment:C54" }]);
    });

    it("sets a manifest whose uom must be the item's", async () => {
      expect(
        (
          await post("/units/24073082/manifest", { lines: [{ item: "LUMBER", quantity: "19", uom: "MTQ" }] }, "PUT")
        ).json(),
      ).toEqual({ units: 1, lines: 1 });
      const p = problem(
        await post("/units/24073082/manifest", { lines: [{ item: "LUMBER", quantity: "19", uom: "TNE" }] }, "PUT"),
      );
      expect(p).toMatchObject({ status: 422, errors: [{ field: "/lines/0/uom" }] });
    });

    it("lists every unit on the board with its state and cargo, filtered by status", async () => {
      const board = (await get("/units")).json() as {
        units: { unit: string; kind: string; status: string; cargo: unknown[] }[];
        next: string | null;
        total: number;
      };
      expect(board.units.find((u) => u.unit === "24073082")).toMatchObject({
        kind: "covered-wagon",
        status: "planned",
        cargo: [{ item: "LUMBER", quantity: "19", uom: "MTQ" }],
      });
      expect(board.units.find((u) => u.unit === "74530007")).toMatchObject({ kind: "tank", cargo: [] });
      expect(board).toMatchObject({ next: null, total: board.units.length });
      expect((await get("/units?status=arrived")).json()).toEqual({ units: [], next: null, total: 0 });
      expect(problem(await get("/units?status=teleported"))).toMatchObject({
        status: 400,
        errors: [{ field: "/status" }],
      });
    });

    it("refuses an event from an unknown team with 422, and accepts a known one", async () => {
      const e = {
        id: uuidv7(),
        type: "GoodsPledged",
        eventTime: "2020-11-25T10:00:00+03:00",
        from: donorOf(),
        location: "DEPOT",
        lines: [{ item: "LUMBER", quantity: "100" }],
        team: "GHOSTS",
      };
      expect(problem(await post("/events", e))).toMatchObject({ status: 422, errors: [{ field: "/team" }] });
      expect((await post("/teams", { code: "LOADERS", name: "Loading team" })).statusCode).toBe(201);
      expect((await post("/events", { ...e, team: "LOADERS" })).statusCode).toBe(201);
    });

    it("shows a unit's timeline in event time order, state, manifest, and the progress of its consignment", async () => {
      const at = (d: string) => `2020-12-${d}+04:00`;
      const events = [
        {
          id: uuidv7(),
          type: "GoodsUnloaded",
          eventTime: at("07T10:00:00"),
          unit: "24073082",
          location: "RAILHEAD",
          lines: [{ item: "LUMBER", quantity: "19" }],
        },
        {
          id: uuidv7(),
          type: "GoodsLoaded",
          eventTime: at("01T10:00:00"),
          unit: "24073082",
          location: "DEPOT",
          lines: [{ item: "LUMBER", quantity: "19" }],
        },
        { id: uuidv7(), type: "UnitDeparted", eventTime: at("02T10:00:00"), unit: "24073082", location: "DEPOT" },
      ];
      expect((await post("/events/batch", { events })).statusCode).toBe(200);
      const unit = (await get("/units/24073082")).json() as {
        state: { status: string };
        timeline: { event: { type: string } }[];
        manifest: unknown[];
        discrepancies: { kind: string; status: string; id: string }[];
      };
      expect(unit.state.status).toBe("unloaded");
      expect(unit.timeline.map((x) => x.event.type)).toEqual(["GoodsLoaded", "UnitDeparted", "GoodsUnloaded"]);
      expect(unit.manifest).toEqual([{ item: "LUMBER", quantity: "19", uom: "MTQ" }]);
      expect(unit.discrepancies).toMatchObject([{ kind: "unloaded-before-arrived", status: "open" }]);

      const [c] = (await get("/progress?consignment=C54")).json() as {
        recorded: { arrived: number; unloaded: number };
        reached: { arrived: number };
        parts: { items: { item: string; planned: string; unloaded: string }[] }[];
      }[];
      expect(c).toMatchObject({ recorded: { arrived: 0, unloaded: 1 }, reached: { arrived: 1 } });
      expect(c!.parts[0]!.items).toMatchObject([{ item: "LUMBER", planned: "19", unloaded: "19" }]);

      const late = {
        id: uuidv7(),
        type: "UnitArrived",
        eventTime: at("06T22:00:00"),
        unit: "24073082",
        location: "RAILHEAD",
      };
      expect((await post("/events", late)).statusCode).toBe(201);
      const after = (await get("/units/24073082")).json() as typeof unit;
      expect(after.discrepancies).toMatchObject([{ kind: "unloaded-before-arrived", status: "superseded" }]);
    });

    it("changes a discrepancy's status with a note and keeps the history", async () => {
      const [d] = (await get("/discrepancies?kind=unverified-number")).json() as { id: string }[];
      expect(
        problem(await post(`/discrepancies/${d!.id}`, { status: "superseded", note: "x" }, "PATCH")),
      ).toMatchObject({ status: 400, errors: [{ field: "/status" }] });
      const res = await post(
        `/discrepancies/${d!.id}`,
        { status: "explained", note: "Number read off the wagon twice; owner asked" },
        "PATCH",
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: "explained",
        history: [
          { status: "open" },
          {
            status: "explained",
            note: "Number read off the wagon twice; owner asked",
            by: expect.stringContaining("@"),
          },
        ],
      });
    });

    it("records a claimed figure and compares it with the ledger", async () => {
      const res = await post("/claims", {
        consignment: "C54",
        metric: "arrived",
        claimed: 0,
        ofTotal: 2,
        asOf: "2020-12-20",
        source: "Situation report",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ discrepancies: [{ kind: "claim-differs" }] });
      expect(
        problem(
          await post("/claims", {
            consignment: "NOPE",
            metric: "arrived",
            claimed: 0,
            asOf: "2020-12-20",
            source: "x",
          }),
        ),
      ).toMatchObject({ status: 422, errors: [{ field: "/consignment" }] });
    });

    it("links trucks to the road leg, and per-leg progress counts them", async () => {
      expect((await post("/units", { number: "35-TR-101", kind: "truck" })).statusCode).toBe(201);
      const linked = await post("/consignments/C54/legs/2/units", { units: ["35-TR-101", "35-TR-101"] });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json()).toEqual({ consignment: "C54", seq: 2, units: ["35-TR-101"] });
      expect((await post("/consignments/C54/legs/2/units", { units: ["35-TR-101"] })).json()).toEqual({
        consignment: "C54",
        seq: 2,
        units: ["35-TR-101"],
      });
      expect((await get("/consignments/C54/legs/2/units")).json()).toMatchObject({ units: ["35-TR-101"] });
      const at = (d: string) => `2020-12-${d}+04:00`;
      const trip = (type: string, time: string, location: string, lines?: object[]) => ({
        id: uuidv7(),
        type,
        eventTime: at(time),
        unit: "35-TR-101",
        location,
        ...(lines && { lines }),
      });
      const res = await post("/events/batch", {
        events: [
          trip("GoodsShipped", "08T11:00:00", "RAILHEAD", [{ item: "LUMBER", quantity: "19" }]),
          trip("UnitDeparted", "08T12:00:00", "RAILHEAD"),
          trip("UnitArrived", "08T19:00:00", "HUB"),
          trip("GoodsUnloaded", "08T20:00:00", "HUB", [{ item: "LUMBER", quantity: "19" }]),
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const [c] = (await get("/progress?consignment=C54")).json() as {
        legs: { seq: number; units: number; departed: number; arrived: number; unloaded: number }[];
      }[];
      expect(c!.legs.find((l) => l.seq === 2)).toMatchObject({ units: 1, departed: 1, arrived: 1, unloaded: 1 });
      // the truck belongs to no part: the consignment's own figures do not count it
      expect((await get("/progress?consignment=C54")).json()).toMatchObject([
        { registered: (c as unknown as { registered: number }).registered },
      ]);
    });

    it.each([
      ["an unregistered unit", "/consignments/C54/legs/2/units", { units: ["NO-SUCH-TRUCK"] }, 422, "/units/0"],
      ["an empty list", "/consignments/C54/legs/2/units", { units: [] }, 400, "/units"],
      ["an unknown leg", "/consignments/C54/legs/9/units", { units: ["35-TR-101"] }, 404, undefined],
      ["an unknown consignment", "/consignments/NOPE/legs/1/units", { units: ["35-TR-101"] }, 404, undefined],
      ["a leg that is not a number", "/consignments/C54/legs/two/units", { units: ["35-TR-101"] }, 400, "seq"],
    ])("refuses to link %s, storing nothing", async (_, path, body, status, field) => {
      const res = await expectNothingStored(t.db, () => post(path, body));
      const p = expectProblem(res, status as 400);
      if (field) expect(JSON.stringify(p)).toContain(field);
    });

    it("links units to a leg only for a signed-in user whose role manages the catalogue", async () => {
      const viewer = await userWithRole(t, "leg-viewer@example.org", "viewer");
      const path = `/api/operations/${OP}/consignments/C54/legs/1/units`;
      expectProblem(
        await expectNothingStored(t.db, () => send(t.app, "POST", path, { body: { units: ["35-TR-101"] } })),
        401,
      );
      expectProblem(
        await expectNothingStored(t.db, () =>
          send(t.app, "POST", path, { as: viewer, body: { units: ["35-TR-101"] } }),
        ),
        403,
      );
      expect((await send(t.app, "GET", path, { as: viewer })).statusCode).toBe(200);
    });

    it("tells what a team did, and refuses a malformed day with 400", async () => {
      const res = await get("/teams/TEAM-A/activity");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ code: "TEAM-A", day: null, steps: expect.any(Array) });
      expect(problem(await get("/teams/TEAM-A/activity?day=19%20Dec"))).toMatchObject({ status: 400 });
      expect(problem(await get("/teams/NOPE/activity"))).toMatchObject({ status: 404 });
    });

    it("lists every tracking route in the OpenAPI document", async () => {
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
        paths: Record<string, unknown>;
      };
      for (const path of [
        "teams",
        "teams/{team}/activity",
        "consignments",
        "consignments/{consignment}",
        "consignments/{consignment}/parts",
        "consignments/{consignment}/legs",
        "consignments/{consignment}/legs/{seq}/units",
        "consignments/{consignment}/manifests",
        "units",
        "units/{unit}",
        "units/{unit}/manifest",
        "progress",
        "discrepancies",
        "discrepancies/{id}",
        "reconcile",
        "claims",
      ]) {
        expect(Object.keys(doc.paths)).toContain(`/api/operations/{op}/${path}`);
      }
    });
  });
});
