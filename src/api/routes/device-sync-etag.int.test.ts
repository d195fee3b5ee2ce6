// A phone's contact is not a change of the operation's data (migration 018): each request
// of the field app notes the phone's last sync in device_credentials, and that must not make
// every read kept between writes stale. A sync that records no events moves no change
// counter (so kept answers are served, not computed again) and leaves the ETag of progress
// as it was; a recorded event still moves the counter.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, donorOf, event, line, seedOperation } from "../../../test/helpers/fixtures.ts";
import { signIn } from "../../../test/helpers/http.ts";
import { send, type Caller } from "../../../test/helpers/http-bad-input.ts";
import { readFileSync } from "node:fs";
import { CHANGE_TRIGGER, ensureChangeTriggers } from "../../store/changes.ts";
import { prepareCitusSchemaChange } from "../../store/citus.sql.ts";

describeOnEngines("a phone's sync and the reads kept between writes", (db, engine) => {
  let app: FastifyInstance;
  let admin: Caller;
  let phone: Caller;
  const url = (path: string) => `/api/operations/${OP}${path}`;
  const pledge = () => event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "2")] });
  const stored = pledge();
  const progressTag = async (ifNoneMatch?: string) => {
    const res = await app.inject({
      method: "GET",
      url: url("/progress"),
      headers: { cookie: (admin as { cookie: string }).cookie, ...(ifNoneMatch && { "if-none-match": ifNoneMatch }) },
    });
    return { status: res.statusCode, etag: String(res.headers.etag) };
  };
  /** What the field app does at each contact: send its outbox (here, an event already stored) and refresh its working set. */
  const sync = async (outbox: number) => {
    const headers = { "x-reliefline-outbox": String(outbox), "x-reliefline-device-time": NOW.toISOString() };
    const batch = await app.inject({
      method: "POST",
      url: url("/events/batch?mode=each"),
      headers: { authorization: `Bearer ${(phone as { bearer: string }).bearer}`, ...headers },
      payload: { events: [stored] },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(JSON.stringify(batch.json())).toContain("duplicate");
    const ws = await app.inject({
      method: "GET",
      url: url("/field/working-set"),
      headers: { authorization: `Bearer ${(phone as { bearer: string }).bearer}`, ...headers },
    });
    expect(ws.statusCode, ws.body).toBe(200);
  };

  beforeAll(async () => {
    const principal = await seedOperation(db());
    app = await buildApp({ db: db(), now: () => NOW });
    admin = { cookie: await signIn(app, principal.email, ADMIN_PASSWORD) };
    const issued = await send(app, "POST", url("/devices"), {
      as: admin,
      body: { label: "Railhead phone", installationId: "0190a0a0-0000-7000-8000-00000000e7a9" },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    phone = { bearer: (issued.json() as { token: string }).token };
    const first = await send(app, "POST", url("/events/batch?mode=each"), { as: phone, body: { events: [stored] } });
    expect(first.statusCode, first.body).toBe(200);
  }, 120_000);
  afterAll(async () => app?.close());

  it("keeps the ETag of progress through a sync that records no events, though the phone's contact was noted", async () => {
    const before = await progressTag();
    expect(before.status).toBe(200);
    const data = db().changes.version("data");
    await sync(3);
    const devices = (await send(app, "GET", url("/devices"), { as: admin })).json() as { lastOutboxSize: number }[];
    expect(devices.map((d) => d.lastOutboxSize)).toEqual([3]);
    expect(await progressTag(before.etag)).toEqual({ status: 304, etag: before.etag });
    await sync(0);
    expect(await progressTag(before.etag)).toEqual({ status: 304, etag: before.etag });
    expect(db().changes.version("data"), "the change counter kept answers are served under").toBe(data);
  });

  it("still counts an event the phone records as a change", async () => {
    const data = db().changes.version("data");
    const res = await send(app, "POST", url("/events/batch?mode=each"), { as: phone, body: { events: [pledge()] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(db().changes.version("data")).toBeGreaterThan(data);
  });

  it.skipIf(engine === "citus")(
    "has no change trigger on device_credentials or ledger_heads, and none is attached again after a migration",
    async () => {
      const triggers = () =>
        db().query<{ n: number }>(
          `select count(*)::int4 as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where c.relname in ('device_credentials', 'ledger_heads') and t.tgname = $1`,
          [CHANGE_TRIGGER],
        );
      expect(await triggers()).toEqual([{ n: 0 }]);
      await ensureChangeTriggers(db());
      expect(await triggers()).toEqual([{ n: 0 }]);
    },
  );

  it.runIf(engine === "citus")(
    "applies migration 018 to a cluster whose device_credentials is distributed already (an upgrade from 017)",
    async () => {
      const sql = readFileSync(
        new URL("../../store/migrations/018_device_contact_uncounted.sql", import.meta.url),
        "utf8",
      );
      await db().transaction(async (tx) => {
        await prepareCitusSchemaChange(tx);
        await tx.exec(sql);
      });
      const distributed = await db().query(
        "select 1 from pg_dist_partition where logicalrelid = 'device_credentials'::regclass",
      );
      expect(distributed).toHaveLength(1);
    },
  );
});
