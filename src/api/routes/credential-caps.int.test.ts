// A user may hold only so many working credentials: MAX_ACTIVE_DEVICE_CREDENTIALS phone
// credentials (in all operations) and MAX_ACTIVE_API_TOKENS API tokens. Found by testing: a
// signed-in user minted them without end. One more is refused with 409 saying the limit and
// how to revoke one, and stores nothing; revoking one makes room for another.
import { afterAll, beforeAll, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../../test/helpers/engines.ts";
import { OP } from "../../../test/helpers/fixtures.ts";
import { expectNothingStored, send } from "../../../test/helpers/http-bad-input.ts";
import { MAX_ACTIVE_DEVICE_CREDENTIALS } from "../../app/devices.ts";
import { MAX_ACTIVE_API_TOKENS } from "../../app/identity.ts";

const installation = (i: number) => `0190a0a0-0000-7000-8000-${String(i).padStart(12, "0")}`;

describeEachEngine("the credentials one user may hold", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t?.close());

  it(`are at most ${MAX_ACTIVE_DEVICE_CREDENTIALS} working phone credentials; revoking one makes room`, async () => {
    const as = { cookie: t.admin };
    const issue = (i: number) =>
      send(t.app, "POST", `/api/operations/${OP}/devices`, {
        as,
        body: { label: `phone ${i}`, installationId: installation(i) },
      });
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_DEVICE_CREDENTIALS; i++) {
      const res = await issue(i);
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id as string);
    }
    const refused = await expectNothingStored(t.db, () => issue(99));
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toContain(`the most one user may hold (${MAX_ACTIVE_DEVICE_CREDENTIALS})`);
    expect(refused.json().detail).toContain("revoke one you no longer use");
    expect(refused.json().detail).toContain(`/api/operations/{op}/devices/{id}/revoke`);

    const revoked = await send(t.app, "POST", `/api/operations/${OP}/devices/${ids[0]}/revoke`, { as });
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect((await issue(100)).statusCode).toBe(201);
    expect((await issue(101)).statusCode).toBe(409);
  });

  it(`are at most ${MAX_ACTIVE_API_TOKENS} API tokens not revoked; revoking one makes room`, async () => {
    const as = { cookie: t.admin };
    const create = (name: string) => send(t.app, "POST", "/api/auth/tokens", { as, body: { name } });
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_API_TOKENS; i++) {
      const res = await create(`script ${i}`);
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id as string);
    }
    const refused = await expectNothingStored(t.db, () => create("one too many"));
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toContain(`the most one user may hold (${MAX_ACTIVE_API_TOKENS})`);
    expect(refused.json().detail).toContain("DELETE /api/auth/tokens/{id}");

    const revoked = await send(t.app, "DELETE", `/api/auth/tokens/${ids[3]}`, { as });
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect((await create("in its place")).statusCode).toBe(201);
    expect((await create("and one more")).statusCode).toBe(409);
  });

  it("are issued one at a time per user, so a burst cannot pass the limit", async () => {
    await t.db.query("update api_tokens set revoked_at = now()");
    const burst = await Promise.all(
      Array.from({ length: MAX_ACTIVE_API_TOKENS + 5 }, (_, i) =>
        send(t.app, "POST", "/api/auth/tokens", { as: { cookie: t.admin }, body: { name: `burst ${i}` } }),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    // Some may be refused by the write-rate limit (429) first; never more than the cap are created, never a 5xx.
    expect(
      statuses.every((s) => s === 201 || s === 409 || s === 429),
      statuses.join(" "),
    ).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(MAX_ACTIVE_API_TOKENS);
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from api_tokens where revoked_at is null");
    expect(row?.n).toBeLessThanOrEqual(MAX_ACTIVE_API_TOKENS);
  });
});
