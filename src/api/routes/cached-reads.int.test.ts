// The read endpoints that are kept between writes (progress, stock, units): ETag and
// 304, every write seen at once (through this server, through the application functions,
// and from another process), authorisation checked on every request, one answer per
// query, figures measured to the clock kept only while they hold; compressed copies for
// browsers, each with its own ETag; and the unit board's pages.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { OP, ADMIN_PASSWORD, donorOf, seedOperation } from "../../../test/helpers/fixtures.ts";
import { signIn } from "../../../test/helpers/http.ts";
import { expectProblem, send, userWithRole } from "../../../test/helpers/http-bad-input.ts";
import type { Principal } from "../../app/principal.ts";
import { recordEvents } from "../../app/record-events.ts";
import { registerUnits } from "../../app/units.ts";
import { openPostgres } from "../../store/postgres.ts";

const DAY = 86_400_000;

describeOnEngines("reads kept between writes", (db, engine) => {
  let app: FastifyInstance;
  let admin: Principal;
  let cookie: string;
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: `/api/operations/${OP}${path}`, headers: { cookie, ...headers } });
  const event = (type: string, rest: object) => ({
    id: uuidv7(),
    type,
    eventTime: new Date(clock - DAY).toISOString(),
    ...rest,
  });
  const post = (body: object) =>
    app.inject({ method: "POST", url: `/api/operations/${OP}/events`, headers: { cookie }, payload: body });
  type Board = {
    units: { unit: string; kind: string; status: string; daysInTransit: string | null }[];
    next: string | null;
    total: number;
  };

  beforeAll(async () => {
    admin = await seedOperation(db());
    app = await buildApp({ db: db(), now: () => new Date(clock) });
    cookie = await signIn(app, admin.email, ADMIN_PASSWORD);
    const consignment = {
      code: "C1",
      name: "Cars",
      origin: "DEPOT",
      destination: "HUB",
      plannedUnits: 6,
      mode: "rail",
      parts: [{ number: 1 }, { number: 2 }],
    };
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/operations/${OP}/consignments`,
          headers: { cookie },
          payload: consignment,
        })
      ).statusCode,
    ).toBe(201);
    await registerUnits(
      db(),
      admin,
      OP,
      [
        { number: "24073082", kind: "covered-wagon", consignment: "C1", part: 2 },
        { number: "54512348", kind: "gondola", consignment: "C1", part: 1 },
        { number: "TR-001", kind: "truck", scheme: "plate" },
        { number: "TR-002", kind: "truck", scheme: "plate" },
        { number: "CSQU3054383", kind: "container", consignment: "C1", part: 1 },
      ],
      new Date(clock),
    );
  });

  it("answers with an ETag, and 304 with no body while nothing changed", async () => {
    const first = await get("/stock");
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const again = await get("/stock", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect((await get("/stock", { "if-none-match": `W/${etag}, "other"` })).statusCode).toBe(304);
    expect((await get("/stock", { "if-none-match": '"other"' })).statusCode).toBe(200);
  });

  it("sends an answer of 1 KB or more compressed to a client that accepts it, with an ETag of that copy", async () => {
    const plain = await get("/units");
    expect(plain.rawPayload.length).toBeGreaterThanOrEqual(1024);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    for (const [accept, coding, decode] of [
      ["gzip, deflate, br", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
    ] as const) {
      const res = await get("/units", { "accept-encoding": accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers.vary).toBe("accept-encoding");
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(decode(res.rawPayload).equals(plain.rawPayload)).toBe(true);
      const etag = String(res.headers.etag);
      expect(etag).toBe(`${String(plain.headers.etag).slice(0, -1)}.${coding}"`);
      const notModified = await get("/units", { "accept-encoding": accept, "if-none-match": etag });
      expect(notModified.statusCode).toBe(304);
      // Every way a kept answer goes out carries the security headers and the request's id.
      for (const r of [plain, res, notModified]) {
        expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
        expect(r.headers["x-content-type-options"]).toBe("nosniff");
        expect(r.headers["x-request-id"]).toMatch(/^[\w.:-]{1,64}$/);
      }
      // The same tag does not stand for another representation.
      expect((await get("/units", { "if-none-match": etag })).statusCode).toBe(200);
      const again = await get("/units", { "accept-encoding": accept });
      expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    }
  });

  it("sends a small answer as it is, whatever the client accepts", async () => {
    const res = await get("/stock", { "accept-encoding": "gzip, deflate, br" });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.json()).toEqual((await get("/stock")).json());
  });

  it.each(["/progress", "/stock", "/units", "/units?kind=truck&limit=1"])(
    "answers %s again without asking the database",
    async (path) => {
      const first = await get(path);
      expect(first.statusCode).toBe(200);
      const database = db() as { query: (...args: unknown[]) => Promise<unknown> };
      const query = database.query;
      let queries = 0;
      database.query = (...args) => {
        queries += 1;
        return query.apply(database, args);
      };
      try {
        const again = await get(path);
        expect(again.body).toBe(first.body);
      } finally {
        database.query = query;
      }
      expect(queries).toBe(0);
    },
  );

  it("sees an event posted through this server at once, with a new ETag", async () => {
    const before = await get("/stock");
    expect(
      (
        await post(
          event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [{ item: "LUMBER", quantity: "40" }] }),
        )
      ).statusCode,
    ).toBe(201);
    const after = await get("/stock", { "if-none-match": String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toContainEqual({ location: "DEPOT", item: "LUMBER", quantity: "40", uom: "MTQ" });
  });

  it("sees a write made through the application functions at once", async () => {
    await get("/stock");
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("GoodsPledged", {
          from: donorOf(),
          location: "DEPOT",
          lines: [{ item: "FLOUR", quantity: "2" }],
        }) as never,
      ],
      new Date(clock),
    );
    expect((await get("/stock")).json()).toContainEqual({
      location: "DEPOT",
      item: "FLOUR",
      quantity: "2",
      uom: "TNE",
    });
  });

  it.skipIf(engine === "pglite")("hears a write by another process (a CLI on the same PostgreSQL server)", async () => {
    await get("/stock");
    const other = await openPostgres(db().location, 1);
    try {
      await recordEvents(
        other,
        admin,
        OP,
        [
          event("GoodsPledged", {
            from: donorOf(),
            location: "HUB",
            lines: [{ item: "FLOUR", quantity: "7" }],
          }) as never,
        ],
        new Date(clock),
      );
    } finally {
      await other.close();
    }
    await expect
      .poll(async () => (await get("/stock")).json())
      .toContainEqual({ location: "HUB", item: "FLOUR", quantity: "7", uom: "TNE" });
  });

  it("keeps one answer per query", async () => {
    const all = (await get("/stock")).json() as { item: string }[];
    const flour = (await get("/stock?item=FLOUR")).json() as { item: string }[];
    expect(new Set(all.map((b) => b.item))).toEqual(new Set(["LUMBER", "FLOUR"]));
    expect(flour.every((b) => b.item === "FLOUR")).toBe(true);
    expect((await get("/stock?item=FLOUR")).headers.etag).not.toBe((await get("/stock")).headers.etag);
  });

  it("checks who asks on every request: a removed member and a signed-out session are refused", async () => {
    const viewer = await userWithRole(
      { app, db: db(), admin: cookie, close: async () => undefined },
      "viewer-cache@example.org",
      "viewer",
    );
    expect((await send(app, "GET", `/api/operations/${OP}/stock`, { as: viewer })).statusCode).toBe(200);
    await db().query(
      "delete from memberships where user_id = (select id from users where email = 'viewer-cache@example.org')",
    );
    expectProblem(await send(app, "GET", `/api/operations/${OP}/stock`, { as: viewer }), 404);
    expect((await send(app, "POST", "/api/auth/logout", { as: { cookie } })).statusCode).toBeLessThan(300);
    expectProblem(await get("/stock"), 401);
    cookie = await signIn(app, admin.email, ADMIN_PASSWORD);
  });

  it("pages the unit board with an opaque cursor, in the order of the whole board", async () => {
    const whole = (await get("/units")).json() as Board;
    expect(whole).toMatchObject({ total: 5, next: null });
    expect(whole.units.map((u) => u.unit)).toEqual(["54512348", "CSQU3054383", "24073082", "TR-001", "TR-002"]);
    const seen: string[] = [];
    let page = (await get("/units?limit=2")).json() as Board;
    for (;;) {
      expect(page.total).toBe(5);
      seen.push(...page.units.map((u) => u.unit));
      if (!page.next) break;
      page = (await get(`/units?limit=2&cursor=${encodeURIComponent(page.next)}`)).json() as Board;
    }
    expect(seen).toEqual(whole.units.map((u) => u.unit));
  });

  it("keeps the filters through the pages", async () => {
    const first = (await get("/units?kind=truck&limit=1")).json() as Board;
    expect(first).toMatchObject({ total: 2, units: [{ unit: "TR-001" }] });
    const second = (await get(`/units?kind=truck&limit=1&cursor=${first.next}`)).json() as Board;
    expect(second).toMatchObject({ total: 2, units: [{ unit: "TR-002" }], next: null });
    expect(((await get("/units?q=24 07-3")).json() as Board).units.map((u) => u.unit)).toEqual(["24073082"]);
    expect(((await get("/units?q=tr0")).json() as Board).total).toBe(2);
    expect(((await get("/units?status=planned&consignment=C1")).json() as Board).total).toBe(3);
  });

  it.each([
    ["a limit of 0", "/units?limit=0", "/limit"],
    ["a limit above 1000", "/units?limit=1001", "/limit"],
    ["a cursor this server never gave", "/units?cursor=bm90LWEtY3Vyc29y", "/cursor"],
    ["a cursor that is not base64 JSON", "/units?cursor=%25%25%25", "/cursor"],
    ["an unknown kind of unit", "/units?kind=airship", "/kind"],
    ["an unknown filter", "/units?colour=red", "/colour"],
  ])("refuses %s with 400 naming the field", async (_, path, field) => {
    expectProblem(await get(path), 400, field);
  });

  it("keeps figures measured to the clock only while they hold", async () => {
    expect((await post(event("UnitDeparted", { unit: "TR-001", location: "DEPOT" }))).statusCode).toBe(201);
    const days = async () =>
      ((await get("/units?kind=truck")).json() as Board).units.find((u) => u.unit === "TR-001")!.daysInTransit;
    expect(await days()).toBe("1.0");
    clock += 0.04 * DAY;
    expect(await days()).toBe("1.0");
    clock += 0.02 * DAY;
    expect(await days()).toBe("1.1");
    const progress = await get("/progress");
    clock += 0.1 * DAY;
    expect((await get("/progress", { "if-none-match": String(progress.headers.etag) })).statusCode).toBe(304);
  });
});
