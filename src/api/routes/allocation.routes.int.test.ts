import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { problem, testApp, type TestApp } from "../../../test/helpers/http.ts";
import { donorOf, OP } from "../../../test/helpers/fixtures.ts";

let t: TestApp;
const base = `/api/operations/${OP}`;
const post = (url: string, payload: unknown) =>
  t.app.inject({ method: "POST", url: base + url, payload: payload as object, headers: { cookie: t.admin } });
const get = (url: string) => t.app.inject({ method: "GET", url: base + url, headers: { cookie: t.admin } });
const need = (extra: Record<string, unknown> = {}) => ({
  neighbourhood: "N1",
  item: "LUMBER",
  quantity: "40",
  households: 120,
  people: 410,
  source: "Rapid assessment",
  assessedOn: "2020-12-15",
  ...extra,
});
const needsStored = async () => (await get("/needs")).json() as unknown[];

beforeAll(async () => {
  t = await testApp();
  await post("/locations", { code: "N2", name: "Neighbourhood two", kind: "neighbourhood" });
  const created = await t.app.inject({
    method: "POST",
    url: "/api/organisations",
    payload: { code: "UTIL", name: "City utility", kind: "local-authority" },
    headers: { cookie: t.admin },
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe("needs: bad input is refused whole, naming the field", () => {
  it.each([
    ["an unknown neighbourhood", need({ neighbourhood: "NOWHERE" }), "/needs/0/neighbourhood"],
    ["a location that is not a neighbourhood", need({ neighbourhood: "HUB" }), "/needs/0/neighbourhood"],
    ["an unknown item", need({ item: "CAVIAR" }), "/needs/0/item"],
    ["a negative quantity", need({ quantity: "-5" }), "/needs/0/quantity"],
    ["a fractional crane", need({ item: "CRANE", quantity: "0.5" }), "/needs/0/quantity"],
    ["a future assessment", need({ assessedOn: "2031-01-01" }), "/needs/0/assessedOn"],
  ])("refuses %s with 422 and stores nothing", async (_, bad, field) => {
    const res = await post("/needs", { needs: [need({ neighbourhood: "N2" }), bad] });
    const p = problem(res);
    expect(p.status).toBe(422);
    expect(p.contentType).toMatch(/application\/problem\+json/);
    expect(p.errors.map((e) => e.field)).toContain(field.replace("/0/", "/1/"));
    expect(await needsStored()).toEqual([]);
  });

  it.each([
    ["a name field", { ...need(), name: "Anna Petrosyan" }, "/needs/0/name"],
    ["a phone field", { ...need(), phone: "+374 10 123456" }, "/needs/0/phone"],
    ["households below zero", need({ households: -1 }), "/needs/0/households"],
  ])("refuses %s by schema with 400", async (_, bad, field) => {
    const p = problem(await post("/needs", { needs: [bad] }));
    expect(p.status).toBe(400);
    expect(p.errors.map((e) => e.field)).toContain(field);
  });
});

describe("needs import from CSV", () => {
  it("names the row and column of every error and imports nothing", async () => {
    const csv =
      "neighbourhood,item,quantity,households,people,source,assessedOn\nN1,LUMBER,40,120,410,RA,2020-12-15\nN2,NOPE,10,x,5,RA,2020-12-15\n";
    const p = problem(await post("/needs/import", { format: "csv", content: csv }));
    expect(p.status).toBe(422);
    expect(p.errors.map((e) => e.field)).toEqual(["/rows/3/households"]);
    expect(await needsStored()).toEqual([]);
  });

  it("imports a clean sheet", async () => {
    const csv =
      "neighbourhood,item,quantity,priority,households,people,source,assessed_on\nN1,LUMBER,40,2,120,410,RA,2020-12-15\nN2,LUMBER,60,1,200,700,RA,2020-12-15\nN1,FLOUR,10,1,120,410,RA,2020-12-15\n";
    const res = await post("/needs/import", { format: "csv", content: csv });
    expect(res.statusCode).toBe(201);
    expect(await needsStored()).toHaveLength(3);
  });
});

describe("allocation plans", () => {
  it("refuses to plan with no stock at the hub, naming the hub, and stores nothing", async () => {
    const p = problem(await post("/plans", {}));
    expect(p.status).toBe(422);
    expect(p.errors[0]!.field).toBe("/hub");
    expect((await get("/plans")).json()).toEqual([]);
  });

  it("refuses a transport with a bad field by schema", async () => {
    const p = problem(await post("/plans", { transport: { trucks: -1, tripsPerTruck: 1 } }));
    expect(p.status).toBe(400);
    expect(p.errors[0]!.field).toBe("/transport/trucks");
  });

  it("solves a draft plan, approves it into shipments once, and reports coverage", async () => {
    const pledge = {
      id: uuidv7(),
      type: "GoodsPledged",
      eventTime: "2020-12-16T10:00:00+04:00",
      from: donorOf(),
      location: "HUB",
      lines: [
        { item: "LUMBER", quantity: "70" },
        { item: "FLOUR", quantity: "4" },
        { item: "CRANE", quantity: "1" },
      ],
    };
    expect((await post("/events", pledge)).statusCode).toBe(201);
    const res = await post("/plans", {});
    expect(res.statusCode).toBe(201);
    const plan = res.json() as {
      id: string;
      status: string;
      lines: { neighbourhood: string; item: string; quantity: string }[];
      explanation: string[];
    };
    expect(plan.status).toBe("draft");
    // LUMBER 70 for 40 (priority 2) and 60 (priority 1): t·40 + t/2·60 = 70 → t = 1 → 40 and 30.
    expect(plan.lines).toEqual([
      expect.objectContaining({ neighbourhood: "N1", item: "FLOUR", quantity: "4" }),
      expect.objectContaining({ neighbourhood: "N1", item: "LUMBER", quantity: "40" }),
      expect.objectContaining({ neighbourhood: "N2", item: "LUMBER", quantity: "30" }),
    ]);
    expect(plan.explanation.join(" ")).toMatch(/HiGHS/);
    const approved = await post(`/plans/${plan.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect((approved.json() as { events: { status: string }[] }).events.map((e) => e.status)).toEqual([
      "created",
      "created",
    ]);
    const again = await post(`/plans/${plan.id}/approve`, {});
    expect((again.json() as { events: { status: string }[] }).events.map((e) => e.status)).toEqual([
      "duplicate",
      "duplicate",
    ]);
    const stock = (await get("/stock?location=N1")).json() as { item: string; quantity: string }[];
    expect(stock).toEqual(expect.arrayContaining([expect.objectContaining({ item: "LUMBER", quantity: "40" })]));
    const cov = (await get("/coverage")).json() as { rows: Record<string, string>[]; totals: Record<string, string>[] };
    expect(cov.rows).toContainEqual({
      neighbourhood: "N2",
      item: "LUMBER",
      needed: "60",
      allocated: "30",
      dispatched: "30",
      distributed: "0",
      gap: "60",
    });
    expect(cov.totals).toContainEqual({
      item: "LUMBER",
      needed: "100",
      allocated: "70",
      dispatched: "70",
      distributed: "0",
      gap: "100",
    });
  });

  it("refuses truck capacity by weight when an item has no weight in the catalogue, naming the field", async () => {
    const p = problem(await post("/plans", { transport: { trucks: 2, tripsPerTruck: 1, capacityKg: "1000" } }));
    expect(p.status).toBe(422);
    expect(p.errors[0]!.field).toBe("/transport/capacityKg");
    expect(p.detail).toMatch(/has no weightKg in the catalogue/);
  });

  it("refuses a transport of no trucks (or no trips) with 422 naming the field, rather than shipping everything", async () => {
    const before = ((await get("/plans")).json() as unknown[]).length;
    for (const [transport, field] of [
      [{ trucks: 0, tripsPerTruck: 2 }, "/transport/trucks"],
      [{ trucks: 2, tripsPerTruck: 0 }, "/transport/tripsPerTruck"],
    ] as const) {
      const p = problem(await post("/plans", { transport }));
      expect(p.status).toBe(422);
      expect(p.errors[0]!.field).toBe(field);
      expect(p.detail).toContain("nothing can be moved");
    }
    expect(((await get("/plans")).json() as unknown[]).length).toBe(before);
  });

  it("answers an unknown plan with 404", async () => {
    expect(problem(await post(`/plans/${uuidv7()}/approve`, {})).status).toBe(404);
  });
});

describe("distributions keep no personal data", () => {
  const distribution = (note: string) => ({
    id: uuidv7(),
    type: "GoodsDistributed",
    eventTime: "2020-12-20T10:00:00+04:00",
    from: "N1",
    neighbourhood: "N1",
    households: 10,
    people: 34,
    lines: [{ item: "LUMBER", quantity: "5" }],
    note,
  });

  it.each([
    ["a phone number", "call +374 97 123 456 for pickup"],
    ["an e-mail", "contact anna@example.org"],
    ["a passport number", "passport AB1234567 shown"],
  ])("refuses a note with %s, naming /note", async (_, note) => {
    const p = problem(await post("/events", distribution(note)));
    expect(p.status).toBe(422);
    expect(p.errors[0]!.field).toBe("/note");
    expect(p.errors[0]!.message).toMatch(/no personal data/);
  });

  it("records a distribution with a plain note and moves the goods to the recipients", async () => {
    expect((await post("/events", distribution("School gym, morning shift"))).statusCode).toBe(201);
    const cov = (await get("/coverage")).json() as { rows: Record<string, string>[] };
    expect(cov.rows).toContainEqual(
      expect.objectContaining({ neighbourhood: "N1", item: "LUMBER", distributed: "5", gap: "35" }),
    );
  });
});

describe("equipment hand-over", () => {
  const handOver = (extra: Record<string, unknown> = {}) => ({
    id: uuidv7(),
    eventTime: "2020-12-21T09:00:00+04:00",
    from: "HUB",
    organisation: "UTIL",
    lines: [{ item: "CRANE", quantity: "1" }],
    ...extra,
  });

  it("refuses an unknown organisation and goods that are not equipment", async () => {
    expect(problem(await post("/equipment-handovers", handOver({ organisation: "NOBODY" }))).errors[0]!.field).toBe(
      "/organisation",
    );
    expect(
      problem(await post("/equipment-handovers", handOver({ lines: [{ item: "LUMBER", quantity: "1" }] }))).errors[0]!
        .field,
    ).toBe("/lines/0/item");
  });

  it("keeps the crane visible in the custodian's custody", async () => {
    expect((await post("/equipment-handovers", handOver())).statusCode).toBe(201);
    expect((await get("/assets")).json()).toEqual([
      { item: "CRANE", name: "Truck-mounted crane", quantity: "1", location: "custody:UTIL", custodian: "UTIL" },
    ]);
  });
});
