// Ledger sense at once: a place going below zero in event-time order, and goods taken off
// a unit that was never loaded, open a discrepancy when the fact is recorded, and the
// full reconcile agrees with what the appends found.
import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { donorOf, event, line, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import { listDiscrepancies, reconcileOperation } from "./reconcile.ts";
import { touchedPairs } from "./ledger-sense.ts";
import { addLocations } from "./catalogue.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import { listDiscrepancies as storedDiscrepancies } from "../store/discrepancies.sql.ts";

const OP = "SENSE-OP";
const at = (iso: string) => ({ eventTime: iso });

describe("the places and items an append touched", () => {
  it("are both ends of every move, each from its earliest new move", () => {
    const moves = [
      { from: "HUB", to: "N1", item: "FLOUR", eventTime: "2020-12-02T10:00:00+04:00" },
      { from: "DEPOT", to: "HUB", item: "FLOUR", eventTime: "2020-12-01T10:00:00+04:00" },
    ];
    expect(touchedPairs(moves)).toEqual([
      { location: "HUB", item: "FLOUR", since: "2020-12-01T06:00:00.000Z" },
      { location: "N1", item: "FLOUR", since: "2020-12-02T06:00:00.000Z" },
      { location: "DEPOT", item: "FLOUR", since: "2020-12-01T06:00:00.000Z" },
    ]);
  });
});

describeOnEngines("ledger sense at once", (db) => {
  let admin: Principal;
  const open = async (kind: string) =>
    (await listDiscrepancies(db(), admin, OP, { kind })).filter((d) => d.status === "open");
  beforeAll(async () => {
    admin = await seedOperation(db(), OP);
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("GoodsPledged", {
          from: donorOf(OP),
          location: "DEPOT",
          lines: [line("FLOUR", "500")],
          ...at("2020-12-01T08:00:00+04:00"),
        }),
      ],
      NOW,
    );
  });

  it("opens negative stock when goods leave a place before they were recorded arriving there", async () => {
    // Shipped from the hub on the 3rd; the flour only reaches the hub on the 5th.
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "HUB",
          to: "N1",
          lines: [line("FLOUR", "40")],
          ...at("2020-12-03T10:00:00+04:00"),
        }),
        event("StockTransferred", {
          from: "DEPOT",
          to: "HUB",
          lines: [line("FLOUR", "60")],
          ...at("2020-12-05T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    const [hub] = await open("negative-stock");
    expect(hub).toMatchObject({
      subject: "stock:HUB|FLOUR",
      facts: { kind: "negative-stock", balance: "-40", time: "2020-12-03T06:00:00.000Z" },
    });
    expect(hub!.explanation).toBe(
      "Hub shows -40\u00a0t of Flour on 3 Dec 2020 10:00 UTC+4: more left it than was recorded arriving by then; record the missing receipt or loading, or correct the move that took too much.",
    );
    // The hub's balance is +20 now: a rule over final balances would have seen nothing.
    const [ru] = await listDiscrepancies(db(), admin, OP, { kind: "negative-stock", lang: "ru" });
    expect(ru!.explanation).toContain("Hub: остаток «Flour» на 3 дек. 2020 г. 10:00 UTC+4 — -40\u00a0т");
  });

  it("keeps it when later moves leave the hole where it was", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "DEPOT",
          to: "HUB",
          lines: [line("FLOUR", "10")],
          ...at("2020-12-06T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    expect((await open("negative-stock")).map((d) => d.subject)).toEqual(["stock:HUB|FLOUR"]);
  });

  it("supersedes it when a late fact fills the hole, and a full reconcile agrees", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "DEPOT",
          to: "HUB",
          lines: [line("FLOUR", "25")],
          ...at("2020-12-02T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    // 25 in on the 2nd, 40 out on the 3rd: still 15 short at 10:00 on the 3rd.
    expect((await open("negative-stock"))[0]).toMatchObject({ facts: { balance: "-15" } });
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "DEPOT",
          to: "HUB",
          lines: [line("FLOUR", "5")],
          ...at("2020-12-03T09:00:00+04:00"),
        }),
      ],
      NOW,
    );
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "DEPOT",
          to: "HUB",
          lines: [line("FLOUR", "10")],
          ...at("2020-12-03T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    expect(await open("negative-stock")).toEqual([]);
    const [d] = await listDiscrepancies(db(), admin, OP, { kind: "negative-stock" });
    expect(d!.history.map((h) => h.status)).toEqual(["open", "superseded"]);
    const run = await reconcileOperation(db(), admin, OP, NOW);
    expect(run.open.filter((x) => x.kind === "negative-stock")).toEqual([]);
  });

  it("counts moves at one instant together: an unloading and a loading stamped with the same minute are no hole", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "RAILHEAD",
          to: "HUB",
          lines: [line("LUMBER", "5")],
          ...at("2020-12-07T10:00:00+04:00"),
        }),
        event("GoodsPledged", {
          from: donorOf(OP),
          location: "RAILHEAD",
          lines: [line("LUMBER", "5")],
          ...at("2020-12-07T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    expect((await open("negative-stock")).filter((d) => d.subject === "stock:RAILHEAD|LUMBER")).toEqual([]);
  });

  it("opens 'unloaded from a unit that was never loaded' when the unloading is recorded", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("UnitArrived", { unit: "54512348", location: "HUB", ...at("2020-12-08T09:00:00+04:00") }),
        event("GoodsUnloaded", {
          unit: "54512348",
          location: "HUB",
          lines: [line("LUMBER", "7")],
          ...at("2020-12-08T10:00:00+04:00"),
        }),
      ],
      NOW,
    );
    const [never] = await open("unloaded-never-loaded");
    expect(never).toMatchObject({
      subject: "unit:54512348",
      facts: { kind: "unloaded-never-loaded", verb: "unloaded" },
    });
    // The wagon itself went below zero too: its location is a real place.
    expect((await open("negative-stock")).map((d) => d.subject)).toContain("stock:unit:54512348|LUMBER");
    const run = await reconcileOperation(db(), admin, OP, NOW, 10, true);
    expect(run).toMatchObject({ opened: 0, superseded: 0 });
  });

  it("supersedes it when the loading is recorded late, timed before the unloading", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("GoodsLoaded", {
          unit: "54512348",
          location: "DEPOT",
          lines: [line("LUMBER", "7")],
          ...at("2020-12-07T09:00:00+04:00"),
        }),
        event("GoodsPledged", {
          from: donorOf(OP),
          location: "DEPOT",
          lines: [line("LUMBER", "7")],
          ...at("2020-12-07T08:00:00+04:00"),
        }),
      ],
      NOW,
    );
    expect(await open("unloaded-never-loaded")).toEqual([]);
    expect((await open("negative-stock")).map((d) => d.subject)).not.toContain("stock:unit:54512348|LUMBER");
  });

  // Last: it leaves a hole the other cases would count.
  it("opens negative stock at an instant in a year the driver's Date cannot hold (year 30), instead of failing the append", async () => {
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("StockTransferred", {
          from: "RAILHEAD",
          to: "N1",
          lines: [line("LUMBER", "1")],
          ...at("0030-05-28T06:17:22.091Z"),
        }),
      ],
      NOW,
    );
    const [railhead] = (await open("negative-stock")).filter((d) => d.subject === "stock:RAILHEAD|LUMBER");
    expect(railhead).toMatchObject({ facts: { time: "0030-05-28T06:17:22.091Z" } });
  });
});

describeOnEngines("the names an append explains its findings with", (db) => {
  const CODE = "SENSE-NAMES";
  it("are read again once a place is added: a remembered list never leaves a new place unnamed", async () => {
    const admin = await seedOperation(db(), CODE);
    const pledge = event("GoodsPledged", { from: donorOf(CODE), location: "DEPOT", lines: [line("FLOUR", "5")] });
    await recordEvents(db(), admin, CODE, [pledge], NOW);
    await addLocations(db(), admin, CODE, [{ code: "STORE2", name: "Second store", kind: "hub-warehouse" }]);
    await recordEvents(
      db(),
      admin,
      CODE,
      [event("StockTransferred", { from: "STORE2", to: "HUB", lines: [line("FLOUR", "3")] })],
      NOW,
    );
    // As stored (the API renders explanations again from their facts when it answers).
    const operation = (await findOperation(db(), CODE))!;
    const [store] = await storedDiscrepancies(db(), operation.id, { subject: "stock:STORE2|FLOUR" });
    expect(store?.explanation).toContain("Second store");
  });
});
