import { beforeAll, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "../app/principal.ts";
import { recordEvents } from "../app/record-events.ts";
import { addLocations } from "../app/catalogue.ts";
import { addNeeds } from "../app/needs.ts";
import { approvePlan, createPlan } from "../app/plans.ts";
import { coverage } from "../app/coverage.ts";

describeOnEngines("needs, plans and distributions", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedOperation(db());
    await addLocations(db(), admin, OP, [{ code: "N2", name: "Neighbourhood two", kind: "neighbourhood" }]);
    await recordEvents(
      db(),
      admin,
      OP,
      [
        event("GoodsPledged", {
          from: donorOf(),
          location: "HUB",
          lines: [line("FLOUR", "9.5"), line("LUMBER", "30")],
        }),
      ],
      NOW,
    );
  });

  const totals = () =>
    db().query<{ item: string; total: string }>(
      "select item_code as item, trim_scale(sum(quantity))::text as total from stock_balances group by item_code order by 1",
    );

  it("replaces a need for the same neighbourhood and item with the newer assessment", async () => {
    const need = {
      neighbourhood: "N1",
      item: "FLOUR",
      quantity: "5",
      source: "RA",
      assessedOn: "2020-12-10",
      households: 40,
      people: 130,
    };
    await addNeeds(db(), admin, OP, [need], NOW);
    const [stored] = await addNeeds(db(), admin, OP, [{ ...need, quantity: "8" }], NOW);
    expect(stored!.quantity).toBe("8");
    const rows = await db().query(
      "select quantity::text from needs where neighbourhood_code = 'N1' and item_code = 'FLOUR'",
    );
    expect(rows).toHaveLength(1);
  });

  it("dispatches an approved plan and distributes it with every item's balances still summing to zero", async () => {
    await addNeeds(
      db(),
      admin,
      OP,
      [{ neighbourhood: "N2", item: "FLOUR", quantity: "12", source: "RA", assessedOn: "2020-12-10" }],
      NOW,
    );
    const plan = await createPlan(db(), admin, OP, {}, NOW);
    // 9.5 t for 8 and 12 at equal coverage: 47.5% each → 3.8 and 5.7.
    expect(plan.lines.map((l) => [l.neighbourhood, l.quantity])).toEqual([
      ["N1", "3.8"],
      ["N2", "5.7"],
    ]);
    await approvePlan(db(), admin, OP, plan.id, NOW);
    await recordEvents(
      db(),
      admin,
      OP,
      [
        {
          id: uuidv7(),
          type: "GoodsDistributed",
          eventTime: "2020-12-20T10:00:00+04:00",
          from: "N2",
          neighbourhood: "N2",
          households: 30,
          people: 95,
          lines: [line("FLOUR", "5.7")],
        },
      ],
      NOW,
    );
    expect((await totals()).every((t) => t.total === "0")).toBe(true);
    const cov = await coverage(db(), admin, OP);
    expect(cov.rows).toContainEqual({
      neighbourhood: "N2",
      item: "FLOUR",
      needed: "12",
      allocated: "5.7",
      dispatched: "5.7",
      distributed: "5.7",
      gap: "6.3",
    });
    expect(cov.totals).toEqual([
      { item: "FLOUR", needed: "20", allocated: "9.5", dispatched: "9.5", distributed: "5.7", gap: "14.3" },
    ]);
  });
});
