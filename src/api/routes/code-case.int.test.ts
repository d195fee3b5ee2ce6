// Codes name what events move goods between, and people type them. Found by testing: beside
// STP-HUB a logistician could add a location stp-hub, and beside STP-RAIL-2020 an operation
// stp-rail-2020, so a sheet or an event typed in lower case moved goods to a second hub and the
// stock was split between two places that read the same. A code that differs from an existing
// one only in case is refused, naming the existing one; teams and consignments too (they were
// still let in), and the database holds the rule (migration 021), so two requests at the same
// moment (abc and ABC) cannot both pass the application's check.
import { afterAll, beforeAll, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";
import { ENGINES, describeEachEngine, freshDb } from "../../../test/helpers/engines.ts";

describeEachEngine("a code that differs from an existing one only in case", ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: object) =>
    t.app.inject({ method: "POST", url, headers: { cookie: t.admin, "sec-fetch-site": "same-origin" }, payload });
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;
  const consignment = (code: string) => ({
    code,
    name: `Consignment ${code}`,
    origin: "DEPOT",
    destination: "HUB",
    plannedUnits: 3,
    mode: "rail",
  });

  it("is refused for a location, naming the existing one, and nothing is added", async () => {
    const before = await count("select count(*)::int as n from locations");
    const res = await post(`/api/operations/${OP}/locations`, { code: "hub", name: "Hub again", kind: "warehouse" });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("location hub differs only in case from location HUB");
    expect(await count("select count(*)::int as n from locations")).toBe(before);
  });

  it("is refused for an item", async () => {
    const res = await post(`/api/operations/${OP}/items`, { code: "Flour", name: "Flour", uom: "TNE", kind: "goods" });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("item Flour differs only in case from item FLOUR");
  });

  it("is refused for an operation and an organisation", async () => {
    const op = await post("/api/operations", { code: OP.toLowerCase(), name: "Same operation" });
    expect(op.statusCode).toBe(409);
    expect(op.json().detail).toContain(`operation ${OP.toLowerCase()} differs only in case from operation ${OP}`);
    const org = await post("/api/organisations", {
      code: `donor-${OP.toLowerCase()}`,
      name: "Same",
      kind: "government",
    });
    expect(org.statusCode).toBe(409);
  });

  it("is refused for a team, naming the existing one, and nothing is added", async () => {
    const before = await count("select count(*)::int as n from teams");
    const res = await post(`/api/operations/${OP}/teams`, { code: "team-a", name: "Team A again" });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toContain("team team-a differs only in case from team TEAM-A");
    expect(await count("select count(*)::int as n from teams")).toBe(before);
  });

  it("is refused for a consignment, naming the existing one, and nothing is added", async () => {
    expect((await post(`/api/operations/${OP}/consignments`, consignment("C-RAIL-1"))).statusCode).toBe(201);
    const before = await count("select count(*)::int as n from consignments");
    const res = await post(`/api/operations/${OP}/consignments`, consignment("c-rail-1"));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toContain("consignment c-rail-1 differs only in case from consignment C-RAIL-1");
    expect(await count("select count(*)::int as n from consignments")).toBe(before);
  });

  it("sent twice at the same moment (abc and ABC) is added once: one 201, one 409, never a 500", async () => {
    const pairs: [string, (code: string) => object][] = [
      ["teams", (code) => ({ code, name: `Team ${code}` })],
      ["consignments", consignment],
      ["locations", (code) => ({ code, name: `Store ${code}`, kind: "warehouse" })],
      ["items", (code) => ({ code, name: `Item ${code}`, uom: "H87", kind: "goods" })],
    ];
    for (const [what, body] of pairs) {
      for (let round = 0; round < 3; round++) {
        const code = `race-${what}-${round}`;
        const answers = await Promise.all(
          [code, code.toUpperCase()].map((c) => post(`/api/operations/${OP}/${what}`, body(c))),
        );
        const statuses = answers.map((r) => r.statusCode).sort();
        expect(statuses, `${what}: ${answers.map((r) => r.body).join(" | ")}`).toEqual([201, 409]);
        const refused = answers.find((r) => r.statusCode === 409)!;
        expect(refused.json().detail).toMatch(/only in case|already exists/);
      }
    }
  });

  it("cannot be stored even past the application: the database refuses it", async () => {
    await expect(
      t.db.query(
        "insert into teams (operation_id, code, name) select operation_id, 'Team-B', 'Twin' from teams where code = 'TEAM-B'",
      ),
    ).rejects.toThrow(/teams_code_ignoring_case/);
    await expect(
      t.db.query(
        "insert into items (operation_id, code, name, uom, kind) select operation_id, 'lumber', 'Twin', uom, kind from items where code = 'LUMBER'",
      ),
    ).rejects.toThrow(/items_code_ignoring_case/);
  });

  it("still lets a new code in", async () => {
    expect(
      (await post(`/api/operations/${OP}/locations`, { code: "HUB-2", name: "Hub 2", kind: "warehouse" })).statusCode,
    ).toBe(201);
    expect((await post(`/api/operations/${OP}/teams`, { code: "TEAM-C", name: "Team C" })).statusCode).toBe(201);
  });
});
