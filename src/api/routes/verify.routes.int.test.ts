// POST /api/operations/:op/verify over HTTP, in-process, on the demo: operation admins
// get the chain and every projection checked; drift made with SQL is listed by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../../test/helpers/demo.ts";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { expectProblem, send, userWithRole } from "../../../test/helpers/http-bad-input.ts";

const url = `/api/operations/${DEMO}/verify`;

describe("verifying the ledger over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    const db = await freshPglite();
    await seedDemo(db);
    t = await testApp(db);
  });
  afterAll(async () => t.close());

  it("answers an admin: intact, with what was checked", async () => {
    const res = await send(t.app, "POST", url, { as: { cookie: t.admin } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      operation: DEMO,
      ok: true,
      chain: { ok: true },
      drift: [],
      driftCounts: { stock_balances: 0 },
    });
  });

  it("lists a balance changed with SQL, by place and item, with expected and found", async () => {
    const change = (by: number) =>
      t.db.query(
        "update stock_balances set quantity = quantity + $1 where location_code = 'STP-HUB' and item_code = 'LUMBER'",
        [by],
      );
    await change(5);
    try {
      const body = (await send(t.app, "POST", url, { as: { cookie: t.admin } })).json() as {
        ok: boolean;
        drift: unknown[];
      };
      expect(body.ok).toBe(false);
      expect(body.drift).toEqual([
        {
          table: "stock_balances",
          key: "STP-HUB / LUMBER",
          location: "STP-HUB",
          item: "LUMBER",
          expected: "300",
          found: "305",
        },
      ]);
    } finally {
      await change(-5);
    }
  });

  it("refuses a logistician (403), someone outside the operation (404) and no one (401)", async () => {
    expectProblem(
      await send(t.app, "POST", url, { as: await userWithRole(t, "log@example.org", "logistician", DEMO) }),
      403,
    );
    expectProblem(await send(t.app, "POST", url, { as: await userWithRole(t, "out@example.org") }), 404);
    expectProblem(await send(t.app, "POST", url), 401);
  });

  it("answers 400 naming /op to an operation code that is not a code", async () => {
    expectProblem(await send(t.app, "POST", "/api/operations/a%20b/verify", { as: { cookie: t.admin } }), 400, "/op");
  });
});
