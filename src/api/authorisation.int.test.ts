import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line } from "../../test/helpers/fixtures.ts";
import {
  expectNothingStored,
  expectProblem,
  send,
  userWithRole,
  type Method,
} from "../../test/helpers/http-bad-input.ts";

describeEachEngine("authorisation over HTTP", API_ENGINES, (engine) => {
  let t: TestApp;
  let viewer: { cookie: string };
  let fieldOfficer: { cookie: string };
  let outsider: { cookie: string };
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    viewer = await userWithRole(t, "viewer@example.org", "viewer");
    fieldOfficer = await userWithRole(t, "field@example.org", "field-officer");
    outsider = await userWithRole(t, "outsider@example.org");
  });
  afterAll(async () => t.close());

  /** A sheet whose columns are all wrong: reading it answers 422, so a 403 or 404 shows nothing read it. */
  const NOT_A_NEEDS_SHEET = { format: "csv", content: "bogus,header\n1,2\n" };
  const arrival = () => event("UnitArrived", { unit: "24073082", location: "RAILHEAD" });
  const pledge = () => event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] });

  /** Every write route with a body that would succeed for an administrator. */
  const WRITES: { method: Method; url: string; body?: () => unknown }[] = [
    {
      method: "POST",
      url: "/api/auth/password",
      body: () => ({ current: "correct horse battery", password: "another long password" }),
    },
    { method: "POST", url: "/api/auth/tokens", body: () => ({ name: "script" }) },
    { method: "DELETE", url: "/api/auth/tokens/0190a5b2-0000-7000-8000-000000000000" },
    { method: "POST", url: "/api/organisations", body: () => ({ code: "NEW-ORG", name: "New", kind: "ngo" }) },
    {
      method: "POST",
      url: "/api/users",
      body: () => ({ email: "new@example.org", name: "New", password: "a long enough password" }),
    },
    { method: "POST", url: "/api/operations", body: () => ({ code: "NEW-OP", name: "New operation" }) },
    {
      method: "PUT",
      url: `/api/operations/${OP}/members`,
      body: () => ({ email: "viewer@example.org", role: "admin" }),
    },
    {
      method: "POST",
      url: `/api/operations/${OP}/locations`,
      body: () => ({ code: "WH9", name: "Warehouse 9", kind: "warehouse" }),
    },
    {
      method: "POST",
      url: `/api/operations/${OP}/items`,
      body: () => ({ code: "RICE", name: "Rice", uom: "KGM", kind: "goods" }),
    },
    { method: "POST", url: `/api/operations/${OP}/events`, body: arrival },
    { method: "POST", url: `/api/operations/${OP}/events/batch`, body: () => ({ events: [arrival(), pledge()] }) },
  ];

  describe("without signing in", () => {
    for (const { method, url, body } of WRITES) {
      it(`answers 401 problem+json to ${method} ${url} and stores nothing`, async () => {
        const res = await expectNothingStored(t.db, () => send(t.app, method, url, body ? { body: body() } : {}));
        expect(expectProblem(res, 401).detail).toContain("sign in first");
      });
    }

    it.each([
      "/api/operations",
      `/api/operations/${OP}`,
      `/api/operations/${OP}/events`,
      `/api/operations/${OP}/stock`,
      "/api/organisations",
    ])("answers 401 to GET %s", async (url) => {
      expectProblem(await send(t.app, "GET", url), 401);
    });
  });

  describe("a viewer", () => {
    for (const { what, url, body } of [
      { what: "a single event", url: `/api/operations/${OP}/events`, body: arrival },
      { what: "a batch", url: `/api/operations/${OP}/events/batch`, body: () => ({ events: [arrival()] }) },
      {
        what: "a location",
        url: `/api/operations/${OP}/locations`,
        body: () => ({ code: "WH8", name: "Warehouse 8", kind: "warehouse" }),
      },
      {
        what: "an item",
        url: `/api/operations/${OP}/items`,
        body: () => ({ code: "OIL", name: "Oil", uom: "LTR", kind: "goods" }),
      },
    ]) {
      it(`is refused with 403 when recording ${what}, and nothing is stored`, async () => {
        const res = await expectNothingStored(t.db, () => send(t.app, "POST", url, { as: viewer, body: body() }));
        expect(expectProblem(res, 403).detail).toContain("viewer");
      });
    }

    it("is refused with 403 when granting roles", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "PUT", `/api/operations/${OP}/members`, {
          as: viewer,
          body: { email: "viewer@example.org", role: "admin" },
        }),
      );
      expectProblem(res, 403);
    });

    it.each(["", "/events", "/stock", "/locations", "/items", "/members"])(
      "reads GET /api/operations/TEST-OP%s with 200",
      async (path) => {
        const res = await send(t.app, "GET", `/api/operations/${OP}${path}`, { as: viewer });
        expect(res.statusCode, res.body).toBe(200);
      },
    );

    it("is refused a needs import with 403 before its sheet is read, and nothing is stored", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", `/api/operations/${OP}/needs/import`, { as: viewer, body: NOT_A_NEEDS_SHEET }),
      );
      expect(expectProblem(res, 403).detail).toContain("viewer");
    });

    it("is refused an EPCIS import with 403 before its document is read, and nothing is stored", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", `/api/operations/${OP}/import/epcis`, { as: viewer, body: { not: "EPCIS" } }),
      );
      expect(expectProblem(res, 403).detail).toContain("viewer");
    });

    it("sees the operation in its list with its role", async () => {
      const res = await send(t.app, "GET", "/api/operations", { as: viewer });
      expect(res.json()).toEqual([expect.objectContaining({ code: OP, role: "viewer" })]);
    });
  });

  describe("a field officer", () => {
    it("may record UnitArrived", async () => {
      const res = await send(t.app, "POST", `/api/operations/${OP}/events`, { as: fieldOfficer, body: arrival() });
      expect(res.statusCode, res.body).toBe(201);
    });

    it("is refused GoodsDistributed with 403 naming the event type, and nothing is stored", async () => {
      const distribution = event("GoodsDistributed", {
        location: "HUB",
        neighbourhood: "N1",
        lines: [line("FLOUR", "1")],
      });
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", `/api/operations/${OP}/events`, { as: fieldOfficer, body: distribution }),
      );
      expect(expectProblem(res, 403).detail).toContain("GoodsDistributed");
    });

    it("is refused a whole batch with 403 naming the refused event", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", `/api/operations/${OP}/events/batch`, {
          as: fieldOfficer,
          body: { events: [arrival(), pledge()] },
        }),
      );
      expect(expectProblem(res, 403).detail).toContain("GoodsPledged events (event 1)");
    });

    it("may not add catalogue entries", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", `/api/operations/${OP}/items`, {
          as: fieldOfficer,
          body: { code: "OIL", name: "Oil", uom: "LTR", kind: "goods" },
        }),
      );
      expectProblem(res, 403);
    });
  });

  describe("a user without a role in the operation", () => {
    it.each(["", "/events", "/stock", "/locations", "/items", "/members"])(
      "gets 404 for GET /api/operations/TEST-OP%s",
      async (path) => {
        const res = await send(t.app, "GET", `/api/operations/${OP}${path}`, { as: outsider });
        expect(expectProblem(res, 404).detail).toBe(`operation ${OP} does not exist`);
      },
    );

    it("gets the same 404 as for an operation that does not exist", async () => {
      const hidden = await send(t.app, "POST", `/api/operations/${OP}/events`, { as: outsider, body: arrival() });
      const missing = await send(t.app, "POST", "/api/operations/NO-SUCH-OP/events", { as: outsider, body: arrival() });
      expect(hidden.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(hidden.json().title).toBe(missing.json().title);
    });

    it("is refused event, catalogue and membership writes with 404 and nothing is stored", async () => {
      for (const [method, url, body] of [
        ["POST", `/api/operations/${OP}/events`, arrival()],
        ["POST", `/api/operations/${OP}/events/batch`, { events: [arrival()] }],
        ["POST", `/api/operations/${OP}/locations`, { code: "WH7", name: "Warehouse 7", kind: "warehouse" }],
        ["POST", `/api/operations/${OP}/items`, { code: "SALT", name: "Salt", uom: "KGM", kind: "goods" }],
        ["PUT", `/api/operations/${OP}/members`, { email: "outsider@example.org", role: "admin" }],
      ] as const) {
        const res = await expectNothingStored(t.db, () => send(t.app, method, url, { as: outsider, body }));
        expectProblem(res, 404);
      }
    });

    it("is answered 404 for a needs import, as for an operation that does not exist, before its sheet is read", async () => {
      for (const op of [OP, "NO-SUCH-OP"]) {
        const res = await expectNothingStored(t.db, () =>
          send(t.app, "POST", `/api/operations/${op}/needs/import`, { as: outsider, body: NOT_A_NEEDS_SHEET }),
        );
        expect(expectProblem(res, 404).detail).toBe(`operation ${op} does not exist`);
      }
    });

    it("sees an empty list of operations", async () => {
      expect((await send(t.app, "GET", "/api/operations", { as: outsider })).json()).toEqual([]);
    });
  });

  describe("users who are not system administrators", () => {
    for (const { what, url, body } of [
      { what: "operations", url: "/api/operations", body: { code: "MY-OP", name: "Mine" } },
      { what: "organisations", url: "/api/organisations", body: { code: "MY-ORG", name: "Mine", kind: "ngo" } },
      { what: "users", url: "/api/users", body: { email: "friend@example.org", name: "Friend", isAdmin: true } },
    ]) {
      it(`may not create ${what} (403), even as an operation member`, async () => {
        for (const who of [viewer, fieldOfficer, outsider]) {
          const res = await expectNothingStored(t.db, () => send(t.app, "POST", url, { as: who, body }));
          expect(expectProblem(res, 403).detail).toContain("only a system administrator");
        }
      });
    }
  });
});
