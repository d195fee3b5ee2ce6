// For the tests of bad input to the event routes: events to spoil, and the app they are sent
// to, with a second operation whose places, wagon and item the first must not reach, and one
// event stored before the tests (sending its id again with other content is a conflict).
import { afterAll, beforeAll, expect } from "vitest";
import { API_ENGINES, describeEachEngine, freshDb } from "./engines.ts";
import { OP, donorOf, event, line } from "./fixtures.ts";
import { testApp, type TestApp } from "./http.ts";
import { seedOtherOperation, send, type Target } from "./http-bad-input.ts";

/** A valid arrival at the railhead, with `extra` fields over it. */
export const arrival = (extra: Record<string, unknown> = {}) => ({
  ...event("UnitArrived", { unit: "24073082", location: "RAILHEAD" }),
  ...extra,
});
/** A valid pledge of flour to the depot, with `extra` fields over it. */
export const pledge = (extra: Record<string, unknown> = {}) => ({
  ...event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] }),
  ...extra,
});
/** A pledge whose one line has `l` over a valid one. */
export const pledgeOf = (l: Record<string, unknown>) => pledge({ lines: [{ item: "FLOUR", quantity: "5", ...l }] });
/** Recorded before the tests: sending its id again with other content is a conflict. */
export const stored = arrival();

/**
 * Declares `suite` on each engine the HTTP suites run on, with the app ready before its tests;
 * `to(url)` is the target for `refuses`: a POST there as the administrator.
 */
export function describeBadLedgerInput(suite: (to: (url: string) => () => Target) => void): void {
  describeEachEngine("bad input to the ledger", API_ENGINES, (engine) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(await freshDb(engine));
      await seedOtherOperation(t, { wagon: true });
      const recorded = await send(t.app, "POST", `/api/operations/${OP}/events`, {
        as: { cookie: t.admin },
        body: stored,
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    });
    afterAll(async () => t.close());

    suite((url) => () => ({ t, method: "POST", url, as: { cookie: t.admin } }));
  });
}
