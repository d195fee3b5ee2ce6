// Codes name what events move goods between, and people type them. Found by testing: beside
// STP-HUB a logistician could add a location stp-hub, and beside STP-RAIL-2020 an operation
// stp-rail-2020, so a sheet or an event typed in lower case moved goods to a second hub and the
// stock was split between two places that read the same. A code that differs from an existing
// one only in case is refused, naming the existing one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

const post = (url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: { cookie: t.admin, "sec-fetch-site": "same-origin" }, payload });
const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;

describe("a code that differs from an existing one only in case", () => {
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

  it("still lets a new code in", async () => {
    expect(
      (await post(`/api/operations/${OP}/locations`, { code: "HUB-2", name: "Hub 2", kind: "warehouse" })).statusCode,
    ).toBe(201);
  });
});
