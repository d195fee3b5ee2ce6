import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { createUser } from "../app/identity.ts";
import type { Principal } from "../app/principal.ts";
import { consignmentProgress, reachedFigure } from "../app/progress.ts";
import { listDiscrepancies, reconcileOperation } from "../app/reconcile.ts";
import { recordEvents } from "../app/record-events.ts";
import { rebuildOperation } from "../app/ledger.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import { loadDemo } from "./load-demo.ts";
import { DEMO_OPERATION, RAILHEAD, DEMO_CARS } from "./origin.ts";
import { partSentence, progressReport } from "../cli/progress-report.ts";
import { getTeamActivity } from "../app/teams.ts";

const OP = DEMO_OPERATION.code;
const NOW = new Date("2020-12-20T12:00:00+04:00");

describeOnEngines("the demo operation's tracking", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    const { user } = await createUser(db(), "system", {
      email: "demo-admin@example.org",
      name: "Admin",
      isAdmin: true,
      password: "correct horse battery",
    });
    admin = { userId: user.id, email: user.email, isAdmin: true };
    await loadDemo(db(), admin, NOW);
  });

  it("leads with 26 of 54 arrived, 9 of them recorded and 17 inferred from their unloading", async () => {
    const [c] = await consignmentProgress(db(), admin, OP, {}, NOW);
    expect(c).toMatchObject({
      code: "STP-54",
      plannedUnits: 54,
      registered: 54,
      recorded: { arrived: 9, unloaded: 26 },
      reached: { arrived: 26 },
    });
    expect(c!.lead).toEqual({ stage: "arrived", planned: 54, reached: 26, recorded: 9, inferred: 17 });
    expect(progressReport(OP, DEMO_OPERATION.timeZone, c!)).toContain(
      "26 of 54 arrived (9 arrivals recorded; 17 inferred from their unloading); 26 of 54 unloaded",
    );
    expect(await reachedFigure(db(), admin, OP, "STP-54", "arrived", "2020-12-19")).toMatchObject({
      reached: 26,
      recorded: 9,
      implied: 17,
      planned: 54,
    });
    expect(await reachedFigure(db(), admin, OP, "STP-54", "arrived", "2020-12-18")).toMatchObject({
      reached: 9,
      recorded: 9,
      implied: 0,
    });
    expect(c!.parts.map((p) => [p.part, p.registered, p.recorded.arrived, p.recorded.unloaded])).toEqual([
      [1, 9, 9, 9],
      [2, 17, 0, 17],
      [3, 28, 0, 0],
    ]);
    // The rail leg counts the 54 cars; the road leg the 12 trucks linked to it, 10 of which made trips.
    expect(
      c!.legs.map((l) => [l.seq, l.mode, l.from, l.to, l.units, l.departed, l.arrived, l.arrivedRecorded, l.unloaded]),
    ).toEqual([
      [1, "rail", "NOGINSK", RAILHEAD, 54, 26, 26, 9, 26],
      [2, "road", RAILHEAD, "STP-HUB", 12, 10, 10, 10, 10],
    ]);
  });

  it("says part 2 was 17 cars unloaded on 19 December: 300 m³ of lumber and a flatcar with a truck-mounted crane", async () => {
    const [c] = await consignmentProgress(db(), admin, OP, {}, NOW);
    const part2 = c!.parts[1]!;
    expect(part2.items.map((i) => [i.item, i.planned, i.unloaded])).toEqual([
      ["CRANE", "1", "1"],
      ["LUMBER", "300", "300"],
    ]);
    expect(partSentence(part2, DEMO_OPERATION.timeZone)).toBe(
      "Part 2: 17 unloaded on 19 December 2020: a flatcar with a truck-mounted crane and 300 m³ of lumber (sawn timber) (17 arrivals not recorded, inferred from the unloading)",
    );
  });

  it("answers 'the joint grouping's specialists unloaded 17 rail cars on 19 December' as a query", async () => {
    const day = await getTeamActivity(db(), admin, OP, "JG-STP", "2020-12-19");
    expect(day.steps.filter((s) => s.type === "GoodsUnloaded").map((s) => [s.unitClass, s.units])).toEqual([
      ["rail-car", 17],
      ["truck", 10],
    ]);
    const all = await getTeamActivity(db(), admin, OP, "JG-STP");
    expect(all.steps.find((s) => s.type === "GoodsUnloaded" && s.unitClass === "rail-car")).toMatchObject({
      units: 26,
      events: 26,
    });
    await expect(getTeamActivity(db(), admin, OP, "NOPE")).rejects.toMatchObject({ code: "not-found" });
  });

  it("lists the 17 cars unloaded without arrival and the press figure that contradicts the ledger", async () => {
    const { open } = await reconcileOperation(db(), admin, OP, NOW);
    expect(open.filter((d) => d.kind === "unloaded-before-arrived")).toHaveLength(17);
    const claim = open.find((d) => d.kind === "claim-differs")!;
    expect(claim.explanation).toContain("says 9 of 54 units of consignment STP-54 arrived");
    expect(claim.explanation).toContain("26 of 54");
    expect(claim.evidence).toHaveLength(17);
    expect(open.find((d) => d.kind === "receipt-short")?.explanation).toContain("40\u00a0pcs short");
    // The ledger makes sense in event-time order: nothing leaves the railhead before it came off its car.
    expect(open.filter((d) => d.kind === "negative-stock" || d.kind === "unloaded-never-loaded")).toEqual([]);
    const replayed = await reconcileOperation(db(), admin, OP, NOW, 10, true);
    expect(replayed).toMatchObject({ opened: 0, superseded: 0 });
    expect(replayed.open.map((d) => d.key).sort()).toEqual(open.map((d) => d.key).sort());
  });

  it("takes the crane off its flatcar before it drives from the railhead, and the lumber off the cars before the trucks load it", async () => {
    const rows = await db().query<{ type: string; item: string; at: Date }>(
      `select e.type, m.item_code as item, m.event_time as at from stock_moves m join events e on e.operation_id = m.operation_id and e.seq = m.seq
       where m.operation_id = (select id from operations where code = $1) and (m.to_code = $2 or m.from_code = $2) and m.item_code in ('CRANE', 'LUMBER')`,
      [OP, RAILHEAD],
    );
    const times = (type: string, item: string) =>
      rows.filter((r) => r.type === type && r.item === item).map((r) => new Date(r.at).getTime());
    expect(Math.max(...times("GoodsUnloaded", "CRANE"))).toBeLessThan(Math.min(...times("StockTransferred", "CRANE")));
    expect(Math.max(...times("GoodsUnloaded", "LUMBER"))).toBeLessThan(Math.min(...times("GoodsShipped", "LUMBER")));
  });

  it("supersedes a car's discrepancy when its arrival is recorded late, keeping the history", async () => {
    const car = DEMO_CARS.find((c) => c.part === 2)!;
    await recordEvents(
      db(),
      admin,
      OP,
      [
        {
          id: "01767c2e-7000-7000-8000-000000000001",
          type: "UnitArrived",
          eventTime: "2020-12-18T22:00:00+04:00",
          unit: car.number,
          location: RAILHEAD,
          team: "JG-STP",
        },
      ],
      NOW,
    );
    const [d] = await listDiscrepancies(db(), admin, OP, { kind: "unloaded-before-arrived" }).then((all) =>
      all.filter((x) => x.subject === `unit:${car.number}`),
    );
    expect(d).toMatchObject({ status: "superseded", history: [{ status: "open" }, { status: "superseded" }] });
    const [c] = await consignmentProgress(db(), admin, OP, {}, NOW);
    expect(c!.recorded.arrived).toBe(10);
  });

  it("rebuilds the same unit states from the events", async () => {
    const states = () => db().query("select * from unit_states order by unit_number");
    const before = await states();
    await rebuildOperation(db(), (await findOperation(db(), OP))!);
    expect(await states()).toEqual(before);
  });
});

describe("the demo's wagon numbers", () => {
  it("are 54 distinct cars", () => expect(new Set(DEMO_CARS.map((c) => c.number)).size).toBe(54));
});
