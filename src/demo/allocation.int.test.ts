import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../test/helpers/engines.ts";
import { createUser } from "../app/identity.ts";
import type { Principal } from "../app/principal.ts";
import type { Db } from "../store/db.ts";
import { loadDemo, unfinishedDemo } from "./load-demo.ts";
import { createOperation } from "../app/catalogue.ts";
import { DEMO_OPERATION } from "./origin.ts";
import { listPlans } from "../app/plans.ts";
import { listAssets } from "../app/equipment.ts";
import { coverage } from "../app/coverage.ts";

describe("the demo operation's needs and draft plan", () => {
  let db: Db;
  let admin: Principal;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await freshPglite();
    const { user } = await createUser(db, "system", {
      email: "demo@example.org",
      name: "Demo",
      isAdmin: true,
      password: "correct horse battery",
    });
    admin = { userId: user.id, email: user.email, isAdmin: true };
    await loadDemo(db, admin, new Date("2026-01-01T00:00:00Z"), (l) => lines.push(l));
  }, 120_000);
  afterAll(async () => db.close());

  it("is whole once loaded: nothing to say about a partly loaded demo", async () => {
    expect(await unfinishedDemo(db, admin)).toBeNull();
  });

  it("hands the crane to the city utility service instead of allocating it", async () => {
    expect(await listAssets(db, admin, "STP-RAIL-2020")).toEqual([
      {
        item: "CRANE",
        name: "Truck-mounted crane",
        quantity: "1",
        location: "custody:STP-UTIL",
        custodian: "STP-UTIL",
      },
    ]);
  });

  it("has a draft plan for the unloaded cargo within stock, with every neighbourhood served", async () => {
    const [plan] = await listPlans(db, admin, "STP-RAIL-2020");
    expect(plan!.status).toBe("draft");
    expect(new Set(plan!.lines.map((l) => l.neighbourhood)).size).toBe(6);
    const lumber = plan!.lines.filter((l) => l.item === "LUMBER").reduce((s, l) => s + Number(l.quantity), 0);
    expect(lumber).toBeLessThanOrEqual(300);
    expect(plan!.minCoverage).toBeGreaterThan(0);
    expect(plan!.explanation.join(" ")).toMatch(/HiGHS/);
    expect((await coverage(db, admin, "STP-RAIL-2020")).rows).toHaveLength(30);
  });
});

describe("a demo whose loading was stopped part-way", () => {
  it("is named as partly loaded, with the remedy, where a whole demo is not", async () => {
    const db = await freshPglite();
    try {
      const { user } = await createUser(db, "system", {
        email: "demo@example.org",
        name: "Demo",
        isAdmin: true,
        password: "correct horse battery",
      });
      const admin = { userId: user.id, email: user.email, isAdmin: true };
      expect(await unfinishedDemo(db, admin)).toBeNull();
      // What a start killed just after creating the operation leaves behind.
      await createOperation(db, admin, DEMO_OPERATION);
      expect(await unfinishedDemo(db, admin)).toMatch(
        /only partly loaded \(0 of its \d+ events\).*delete this data folder/,
      );
      const said: string[] = [];
      await loadDemo(db, admin, new Date("2026-01-01T00:00:00Z"), (l) => said.push(l));
      expect(said.join("\n")).toMatch(/only partly loaded/);
    } finally {
      await db.close();
    }
  });
});
