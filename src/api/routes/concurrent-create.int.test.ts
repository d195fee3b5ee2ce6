// The same thing created by several requests at once: one is created, the others are
// told 409 naming what already exists, never 500, and nothing half-stored remains.
// PGlite runs one query at a time, so the race is real only on PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { buildApp } from "../app.ts";
import { signIn } from "../../../test/helpers/http.ts";
import { ADMIN_PASSWORD, NOW, OP, seedOperation } from "../../../test/helpers/fixtures.ts";

const RACERS = 6;

describeOnEngines("creating the same thing concurrently", (db) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cookie = "";
  const url = (path: string) => `/api/operations/${OP}${path}`;
  const send = (method: "POST" | "PUT" | "PATCH", path: string, payload: object) =>
    app.inject({ method, url: path.startsWith("/api/") ? path : url(path), payload, headers: { cookie } });
  const race = (method: "POST" | "PUT" | "PATCH", path: string, payload: (i: number) => object) =>
    Promise.all(Array.from({ length: RACERS }, (_, i) => send(method, path, payload(i))));
  const count = async (sql: string, params: unknown[] = []) =>
    (await db().query<{ n: number }>(`select count(*)::int8 as n from ${sql}`, params))[0]!.n;

  /** Exactly one winner; every other answer a 409 problem naming `name`. */
  function oneCreated(results: LightMyRequestResponse[], name: string) {
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses, results.map((r) => r.body).join("\n")).toEqual([201, ...Array(RACERS - 1).fill(409)]);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.headers["content-type"]).toContain("application/problem+json");
      expect((r.json() as { detail: string }).detail).toContain(name);
    }
  }

  beforeAll(async () => {
    const principal = await seedOperation(db());
    app = await buildApp({ db: db(), now: () => NOW });
    cookie = await signIn(app, principal.email, ADMIN_PASSWORD);
    const c = await send("POST", "/consignments", {
      code: "BASE",
      name: "base",
      origin: "DEPOT",
      destination: "HUB",
      plannedUnits: 1,
      mode: "rail",
      parts: [{ number: 1 }],
    });
    expect(c.statusCode).toBe(201);
  });
  afterAll(async () => app.close());

  it("registers a unit once; the other registrations get 409 naming the unit, with one unit, one location and one discrepancy stored", async () => {
    for (const number of ["60123452", "24073009", "31516263"]) {
      // confirmedAsRead and the over-plan consignment make each registration sync discrepancies too
      const results = await race("POST", "/units", () => ({
        number,
        kind: "gondola",
        consignment: "BASE",
        part: 1,
        confirmedAsRead: true,
      }));
      oneCreated(results, number);
      expect(await count("transport_units where number = $1", [number])).toBe(1);
      expect(await count("locations where code = $1", [`unit:${number}`])).toBe(1);
    }
    expect(await count("discrepancies where kind = 'more-units-than-planned' and subject = 'consignment:BASE'")).toBe(
      1,
    );
  });

  it("registers different units of one consignment at once without a 500", async () => {
    const numbers = ["60123460", "60123478", "60123486", "60123494", "60123502", "60123510"];
    const results = await Promise.all(
      numbers.map((number) =>
        send("POST", "/units", { number, kind: "gondola", consignment: "BASE", part: 1, confirmedAsRead: true }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(numbers.map(() => 201));
    expect(await count("discrepancies where kind = 'more-units-than-planned' and subject = 'consignment:BASE'")).toBe(
      1,
    );
  });

  it("creates a consignment once, with its parts and legs stored once", async () => {
    const results = await race("POST", "/consignments", () => ({
      code: "C-RACE",
      name: "race",
      origin: "DEPOT",
      destination: "HUB",
      plannedUnits: 3,
      mode: "multimodal",
      parts: [{ number: 1 }, { number: 2 }],
      legs: [{ seq: 1, mode: "rail", from: "DEPOT", to: "RAILHEAD" }],
    }));
    oneCreated(results, "C-RACE");
    expect(await count("consignment_parts where consignment_code = 'C-RACE'")).toBe(2);
    expect(await count("consignment_legs where consignment_code = 'C-RACE'")).toBe(1);
  });

  it("adds a part and a leg once", async () => {
    oneCreated(await race("POST", "/consignments/C-RACE/parts", () => ({ number: 3 })), "part 3");
    oneCreated(
      await race("POST", "/consignments/C-RACE/legs", () => ({ seq: 2, mode: "road", from: "RAILHEAD", to: "HUB" })),
      "leg 2",
    );
    expect(await count("consignment_parts where consignment_code = 'C-RACE'")).toBe(3);
  });

  it("adds a team, a location, an item, an organisation and an operation once", async () => {
    oneCreated(await race("POST", "/teams", () => ({ code: "T-RACE", name: "Racers" })), "T-RACE");
    oneCreated(
      await race("POST", "/locations", () => ({ code: "WH-RACE", name: "Warehouse", kind: "warehouse" })),
      "WH-RACE",
    );
    oneCreated(await race("POST", "/items", () => ({ code: "RICE", name: "Rice", uom: "KGM", kind: "goods" })), "RICE");
    oneCreated(
      await race("POST", "/api/organisations", () => ({ code: "ORG-RACE", name: "Racers", kind: "ngo" })),
      "ORG-RACE",
    );
    oneCreated(
      await race("POST", "/api/operations", () => ({ code: "OP-RACE", name: "Race", timeZone: "Asia/Yerevan" })),
      "OP-RACE",
    );
    expect(await count("teams where code = 'T-RACE'")).toBe(1);
    expect(await count("operations where code = 'OP-RACE'")).toBe(1);
  });

  it("replaces a manifest from several requests at once: each succeeds, and one whole manifest remains", async () => {
    const results = await race("PUT", "/units/60123452/manifest", (i) => ({
      lines: [
        { item: "LUMBER", quantity: String(10 + i) },
        { item: "FLOUR", quantity: "1" },
      ],
    }));
    expect(
      results.map((r) => r.statusCode),
      results.map((r) => r.body).join("\n"),
    ).toEqual(Array(RACERS).fill(200));
    const lines = await db().query<{ item_code: string }>(
      "select item_code from manifest_lines where unit_number = '60123452' order by line",
    );
    expect(lines.map((l) => l.item_code)).toEqual(["LUMBER", "FLOUR"]);
  });

  it("changes a discrepancy's status from several requests at once, keeping every change in its history", async () => {
    const [d] = await db().query<{ id: string }>("select id from discrepancies where kind = 'more-units-than-planned'");
    const results = await race("PATCH", `/discrepancies/${d!.id}`, (i) => ({ status: "explained", note: `note ${i}` }));
    expect(
      results.map((r) => r.statusCode),
      results.map((r) => r.body).join("\n"),
    ).toEqual(Array(RACERS).fill(200));
    expect(await count("discrepancy_history where discrepancy_id = $1 and note like 'note %'", [d!.id])).toBe(RACERS);
  });
});
