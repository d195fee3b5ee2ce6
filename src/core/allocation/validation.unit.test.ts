import { describe, expect, it } from "vitest";
import { planAllocation } from "./planner.ts";
import { proportionalSplit } from "./proportional.ts";
import { AllocationInputError, type AllocationProblem } from "./types.ts";

const ok: AllocationProblem = {
  items: [{ code: "WATER", stock: "100", integer: false, decimals: 1, weightKg: "1" }],
  needs: [{ neighbourhood: "A", item: "WATER", quantity: "50" }],
};

function errorOf(problem: unknown): AllocationInputError {
  try {
    planAllocation(problem as AllocationProblem);
  } catch (e) {
    expect(e).toBeInstanceOf(AllocationInputError);
    return e as AllocationInputError;
  }
  throw new Error("expected an AllocationInputError");
}

const withNeed = (patch: object) => ({ ...ok, needs: [{ ...ok.needs[0]!, ...patch }] });
const withItem = (patch: object) => ({ ...ok, items: [{ ...ok.items[0]!, ...patch }] });

describe("bad input is rejected with the field at fault", () => {
  it.each([
    ["a need for an unknown item", withNeed({ item: "LUMBER" }), "needs[0].item", /unknown item "LUMBER"/],
    ["a negative quantity", withNeed({ quantity: "-5" }), "needs[0].quantity", /must not be negative/],
    ["a non-numeric quantity", withNeed({ quantity: "lots" }), "needs[0].quantity", /decimal number/],
    ["a quantity given as a float", withNeed({ quantity: 5 }), "needs[0].quantity", /written as a string/],
    ["a zero quantity", withNeed({ quantity: "0" }), "needs[0].quantity", /greater than zero/],
    [
      "a quantity finer than the item's precision",
      withNeed({ quantity: "1.25" }),
      "needs[0].quantity",
      /more decimal places than item WATER allows \(1\)/,
    ],
    ["a zero priority", withNeed({ priority: 0 }), "needs[0].priority", /greater than 0/],
    ["a missing neighbourhood", withNeed({ neighbourhood: " " }), "needs[0].neighbourhood", /non-empty/],
    ["a negative stock", withItem({ stock: "-1" }), "items[0].stock", /must not be negative/],
    ["decimals out of range", withItem({ decimals: 7 }), "items[0].decimals", /0 to 6/],
    [
      "an integer item with decimals",
      withItem({ integer: true }),
      "items[0].decimals",
      /must be 0 for an integer item/,
    ],
    ["no needs", { ...ok, needs: [] }, "needs", /at least one need/],
    ["no items", { ...ok, items: [] }, "items", /at least one item/],
    [
      "a missing weight when trucks are limited by weight",
      { ...withItem({ weightKg: undefined }), transport: { trucks: 1, tripsPerTruck: 1, capacityKg: "10" } },
      "items[0].weightKg",
      /required/,
    ],
    [
      "no trucks and no capacity per trip",
      { ...ok, transport: { trucks: 0, tripsPerTruck: 2 } },
      "transport.trucks",
      /is 0, so nothing can be moved/,
    ],
    [
      "no trips and no capacity per trip",
      { ...ok, transport: { trucks: 3, tripsPerTruck: 0 } },
      "transport.tripsPerTruck",
      /is 0, so nothing can be moved/,
    ],
    [
      "a fractional number of trucks",
      { ...ok, transport: { trucks: 1.5, tripsPerTruck: 1 } },
      "transport.trucks",
      /whole number/,
    ],
  ])("rejects %s", (_label, problem, field, message) => {
    const e = errorOf(problem);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
  });

  it("rejects the same need listed twice", () => {
    expect(errorOf({ ...ok, needs: [ok.needs[0], ok.needs[0]] }).field).toBe("needs[1]");
  });

  it("rejects two items with the same code", () => {
    expect(errorOf({ ...ok, items: [ok.items[0], ok.items[0]] }).field).toBe("items[1].code");
  });

  it("validates the proportional split the same way", () => {
    expect(() => proportionalSplit(withNeed({ item: "LUMBER" }) as AllocationProblem)).toThrow(AllocationInputError);
  });

  it("accepts a missing priority as 1", () => {
    expect(planAllocation(ok).allocations[0]!.quantity).toBe("50");
  });
});
