// The dashboard's day figure: every event of the latest day in the operation's time zone,
// counted in the store, however many the day holds (a tail of the ledger read in the browser
// once undercounted a busy day and had to say "at least").
import { afterAll, beforeAll, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../../test/helpers/engines.ts";
import { OP, donorOf, line } from "../../../test/helpers/fixtures.ts";
import type { EventInput } from "../../core/events.ts";

const pledge = (eventTime: string): EventInput => ({
  id: uuidv7(),
  type: "GoodsPledged",
  eventTime,
  from: donorOf(),
  location: "DEPOT",
  lines: [line("FLOUR", "1")],
});

describeEachEngine("the latest day's events over HTTP", API_ENGINES, (engine) => {
  let t: TestApp;
  const get = () =>
    t.app.inject({ method: "GET", url: `/api/operations/${OP}/events/latest-day`, headers: { cookie: t.admin } });

  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t.close());

  it("says there is no day while the ledger is empty", async () => {
    expect((await get()).json()).toEqual({ day: null, total: 0, byType: [] });
  });

  it("counts all 700 events of a busy day in the operation's zone, not the day before it in that zone", async () => {
    // 23:59 on 18 December in Yerevan (UTC+4) is the same UTC day as the first hours of the 19th.
    const events = [pledge("2020-12-18T23:59:00+04:00")];
    for (let i = 0; i < 700; i++)
      events.push(pledge(new Date(Date.parse("2020-12-19T00:00:00+04:00") + i * 60_000).toISOString()));
    const res = await t.app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch`,
      headers: { cookie: t.admin },
      payload: { events },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get()).json()).toEqual({
      day: "2020-12-19",
      total: 700,
      byType: [{ type: "GoodsPledged", count: 700 }],
    });
  });
});
