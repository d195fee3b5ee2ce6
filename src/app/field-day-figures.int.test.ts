// The field phone's Today figures agree with the press statement's: over the demo ledger,
// on both engines, the phone's count (core/field/day-figures.ts over the working set it is
// sent) equals `stageFigure` (the database's evaluation of the same rule, behind the press
// statement, progress, the sitrep and the claims check) for each consignment and day.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { workingSet } from "./working-set.ts";
import { pressStatement } from "./press.ts";
import { stageFigure } from "../store/progress.sql.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import { dayLeadFigures } from "../core/field/day-figures.ts";
import { byEndOf } from "../core/field/today.ts";
import type { WorkingSetDelta } from "../core/working-set.ts";

describeOnEngines("the field phone's day figures", (db) => {
  let admin: Principal;
  let ws: WorkingSetDelta;
  beforeAll(async () => {
    admin = await seedDemo(db());
    ws = await workingSet(db(), admin, DEMO, undefined, NOW);
  }, 120_000);

  it("carry each consignment's planned units and each unit's step times", () => {
    expect(ws.consignments.upsert.length).toBeGreaterThan(0);
    expect(ws.consignments.upsert.find((c) => c.plannedUnits === 54)).toBeDefined();
    expect(ws.units.upsert.some((u) => u.unloadedAt !== null && u.arrivedAt === null)).toBe(true);
  });

  it.each(["2020-12-17", "2020-12-18", "2020-12-19", "2020-12-20", "2021-01-31"])(
    "equal the database's count on %s, consignment by consignment",
    async (day) => {
      const operation = (await findOperation(db(), DEMO))!;
      const phone = dayLeadFigures(ws.consignments.upsert, ws.units.upsert, [], 0, byEndOf(day, operation.timeZone));
      for (const c of phone) {
        const arrived = await stageFigure(db(), operation.id, c.code, "arrived", day, operation.timeZone);
        const unloaded = await stageFigure(db(), operation.id, c.code, "unloaded", day, operation.timeZone);
        expect(c.arrived, `${c.code} arrived by the end of ${day}`).toEqual({
          reached: arrived.reached,
          recorded: arrived.recorded,
          implied: arrived.implied,
        });
        expect(c.unloaded, `${c.code} unloaded by the end of ${day}`).toEqual({
          reached: unloaded.reached,
          recorded: unloaded.recorded,
          implied: unloaded.implied,
        });
      }
    },
  );

  it("lead with the press statement's figure for 19 December 2020: 26 of 54, 9 recorded, 17 inferred", async () => {
    const operation = (await findOperation(db(), DEMO))!;
    const { facts } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "en" }, NOW);
    const phone = dayLeadFigures(
      ws.consignments.upsert,
      ws.units.upsert,
      [],
      0,
      byEndOf("2020-12-19", operation.timeZone),
    );
    for (const c of facts.consignments) {
      const mine = phone.find((p) => p.code === c.code)!;
      expect({
        planned: mine.planned,
        arrived: mine.arrived.reached,
        recorded: mine.arrived.recorded,
        inferred: mine.arrived.implied,
        unloaded: mine.unloaded.reached,
      }).toEqual({
        planned: c.plannedUnits,
        arrived: c.progress.arrived,
        recorded: c.progress.arrivedRecorded,
        inferred: c.progress.arrivedInferred,
        unloaded: c.progress.unloaded,
      });
    }
    expect(phone.find((p) => p.planned === 54)).toMatchObject({ arrived: { reached: 26, recorded: 9, implied: 17 } });
  });
});
