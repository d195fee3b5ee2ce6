import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { planAllocation } from "./planner.ts";
import type { AllocationItem, AllocationNeed, AllocationProblem, AllocationResult } from "./types.ts";

const item = (code: string, stock: string, extra: Partial<AllocationItem> = {}): AllocationItem => ({
  code,
  stock,
  integer: false,
  decimals: 0,
  ...extra,
});
const need = (neighbourhood: string, itemCode: string, quantity: string, priority?: number): AllocationNeed => ({
  neighbourhood,
  item: itemCode,
  quantity,
  ...(priority === undefined ? {} : { priority }),
});
const qty = (r: AllocationResult, neighbourhood: string, itemCode: string) =>
  r.allocations.find((a) => a.neighbourhood === neighbourhood && a.item === itemCode)!.quantity;

describe("planAllocation: one scarce item", () => {
  const problem: AllocationProblem = {
    items: [item("WATER", "200")],
    needs: [need("North", "WATER", "100"), need("South", "WATER", "300")],
  };

  it("gives both neighbourhoods the same share of what they asked for (50 of 100, 150 of 300)", () => {
    const r = planAllocation(problem);
    expect(r.status).toBe("optimal");
    expect(qty(r, "North", "WATER")).toBe("50");
    expect(qty(r, "South", "WATER")).toBe("150");
    expect(r.coverageByNeighbourhood).toEqual([
      { neighbourhood: "North", coverage: 0.5 },
      { neighbourhood: "South", coverage: 0.5 },
    ]);
    expect(r.minCoverage).toBe(0.5);
    expect(r.totalCoverage).toBe(1);
  });

  it("names the stock as binding and prices one more unit at 1/400 of coverage", () => {
    const r = planAllocation({
      ...problem,
      items: [...problem.items, item("SOAP", "10")],
      needs: [...problem.needs, need("North", "SOAP", "5")],
    });
    expect(r.binding).toEqual([{ constraint: "stock of WATER", kind: "stock", item: "WATER" }]);
    expect(r.shadow[0]).toEqual({ item: "WATER", gainPerUnit: 1 / 400 });
    expect(r.shadow[1]).toEqual({ item: "SOAP", gainPerUnit: 0 });
    expect(r.explanation.join(" ")).toMatch(/WATER runs out: 200 in stock against 400 asked for/);
    expect(r.explanation.join(" ")).toMatch(/SOAP covers every request in full/);
  });

  it("reports the needed quantity as given and coverage as quantity ÷ need", () => {
    const r = planAllocation(problem);
    expect(r.allocations[1]).toEqual({
      neighbourhood: "South",
      item: "WATER",
      quantity: "150",
      needed: "300",
      coverage: 0.5,
    });
  });
});

describe("planAllocation: whole units", () => {
  it("hands 3 cranes to 3 of 4 neighbourhoods, one each, never a fraction", () => {
    const r = planAllocation({
      items: [item("CRANE", "3", { integer: true })],
      needs: ["A", "B", "C", "D"].map((n) => need(n, "CRANE", "1")),
    });
    expect(r.allocations.map((a) => a.quantity).sort()).toEqual(["0", "1", "1", "1"]);
    expect(r.minCoverage).toBe(0);
    expect(r.explanation.join(" ")).toMatch(/CRANE comes in whole units only \(3 in stock\), so D gets none/);
  });

  it("gives the crane to the higher-priority neighbourhood first", () => {
    const r = planAllocation({
      items: [item("CRANE", "1", { integer: true })],
      needs: [need("A", "CRANE", "1"), need("B", "CRANE", "1", 3), need("C", "CRANE", "1")],
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["0", "1", "0"]);
  });

  it("rounds down and hands the leftover tent to the request furthest below its share", () => {
    // 7 tents for 3 × 4: 2.33 each → 2, 2, 2 and one left over for the first in line.
    const r = planAllocation({
      items: [item("TENT", "7", { integer: true })],
      needs: ["A", "B", "C"].map((n) => need(n, "TENT", "4")),
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["3", "2", "2"]);
  });
});

describe("planAllocation: decimals", () => {
  it("rounds down to the item's precision and never exceeds stock (10 kg for 3 × 10 kg)", () => {
    const r = planAllocation({
      items: [item("RICE", "10", { decimals: 2 })],
      needs: ["A", "B", "C"].map((n) => need(n, "RICE", "10")),
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["3.34", "3.33", "3.33"]);
  });

  it("stays exact for stocks beyond float precision", () => {
    const r = planAllocation({
      items: [item("FUEL", "999999999999999.999999", { decimals: 6 })],
      needs: [need("A", "FUEL", "999999999999999.999999"), need("B", "FUEL", "0.000001")],
    });
    const D = Decimal.clone({ precision: 60 });
    const sum = r.allocations.reduce((s, a) => s.plus(a.quantity), new D(0));
    expect(sum.lte("999999999999999.999999")).toBe(true);
    expect(r.allocations[1]!.quantity).toBe("0.000001");
  });
});

describe("planAllocation: trucks", () => {
  it("cuts every item to the same share when the trucks are full by weight", () => {
    // 1 truck × 2 trips × 250 kg = 500 kg for 1,000 kg asked.
    const r = planAllocation({
      items: [item("WATER", "1000", { weightKg: "1" })],
      needs: [need("A", "WATER", "400"), need("B", "WATER", "600")],
      transport: { trucks: 1, tripsPerTruck: 2, capacityKg: "250" },
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["200", "300"]);
    expect(r.binding).toEqual([{ constraint: "truck capacity by weight", kind: "weight" }]);
    expect(r.shadow.every((s) => s.gainPerUnit === 0)).toBe(true);
    expect(r.explanation.join(" ")).toMatch(
      /trucks are full by weight \(500 kg over all trips\), so WATER could not all be moved: each request gets about 50.0%/,
    );
    expect(r.explanation.join(" ")).toMatch(
      /about 10 kg more capacity \(over all trips\) raises it by one percentage point/,
    );
  });

  it("keeps weightless items out of the weight limit", () => {
    const r = planAllocation({
      items: [item("WATER", "1000", { weightKg: "1" }), item("VOUCHER", "50", { weightKg: "0" })],
      needs: [need("A", "WATER", "1000"), need("A", "VOUCHER", "50")],
      transport: { trucks: 1, tripsPerTruck: 1, capacityKg: "100" },
    });
    expect(qty(r, "A", "WATER")).toBe("100");
    expect(qty(r, "A", "VOUCHER")).toBe("50");
  });

  it("moves nothing when there are no trucks, and says why", () => {
    const r = planAllocation({
      items: [item("WATER", "10", { weightKg: "1" })],
      needs: [need("A", "WATER", "10")],
      transport: { trucks: 0, tripsPerTruck: 3, capacityKg: "500" },
    });
    expect(r.allocations[0]!.quantity).toBe("0");
    expect(r.binding[0]!.kind).toBe("weight");
  });
});

describe("planAllocation: priority", () => {
  it("gives a need with twice the priority twice the share", () => {
    const r = planAllocation({
      items: [item("FOOD", "300")],
      needs: [need("A", "FOOD", "300", 2), need("B", "FOOD", "300", 1)],
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["200", "100"]);
    expect(r.fairShare).toBeCloseTo(2 / 3, 12);
    expect(r.minCoverage).toBeCloseTo(1 / 3, 12);
  });

  it("caps a high-priority need at 100% and passes the rest on", () => {
    const r = planAllocation({
      items: [item("FOOD", "250")],
      needs: [need("A", "FOOD", "100", 3), need("B", "FOOD", "300", 1)],
    });
    expect(r.allocations.map((a) => a.quantity)).toEqual(["100", "150"]);
  });

  it("never gives a need less when its priority goes up", () => {
    const base = {
      items: [item("FOOD", "500"), item("WATER", "200")],
      needs: [need("A", "FOOD", "300"), need("B", "FOOD", "400"), need("B", "WATER", "300")],
    };
    const before = Number(qty(planAllocation(base), "B", "FOOD"));
    const raised = {
      ...base,
      needs: base.needs.map((n) => (n.neighbourhood === "B" && n.item === "FOOD" ? { ...n, priority: 2 } : n)),
    };
    expect(Number(qty(planAllocation(raised), "B", "FOOD"))).toBeGreaterThan(before);
  });
});

describe("planAllocation: shortages everywhere", () => {
  it("returns no-stock with an explanation when nothing requested is in stock", () => {
    const r = planAllocation({ items: [item("WATER", "0"), item("SOAP", "5")], needs: [need("A", "WATER", "10")] });
    expect(r.status).toBe("no-stock");
    expect(r.allocations[0]!.quantity).toBe("0");
    expect(r.explanation[0]).toMatch(/None of the requested items \(WATER\) has any stock/);
  });

  it("serves the other items when one requested item has no stock", () => {
    const r = planAllocation({
      items: [item("WATER", "0"), item("SOAP", "5")],
      needs: [need("A", "WATER", "10"), need("A", "SOAP", "5")],
    });
    expect(r.status).toBe("optimal");
    expect(qty(r, "A", "SOAP")).toBe("5");
    expect(r.binding).toEqual([{ constraint: "stock of WATER", kind: "stock", item: "WATER" }]);
  });

  it("prices nothing when two items run out at the same level, and says more of one alone won't help", () => {
    const r = planAllocation({
      items: [item("WATER", "50"), item("FOOD", "50")],
      needs: [need("A", "WATER", "100"), need("A", "FOOD", "100")],
    });
    expect(r.shadow.every((s) => s.gainPerUnit === 0)).toBe(true);
    expect(r.explanation.join(" ")).toMatch(/Several limits bind at the same level \(WATER and FOOD\)/);
  });
});
