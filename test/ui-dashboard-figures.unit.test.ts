// The small figures counted in the browser: which plans "allocated" counts, and a recording
// delay, each saying no more than what was read. (The latest day's events are counted by
// the server: src/api/routes/latest-day.int.test.ts.)
import { describe, expect, it } from "vitest";
import { planCounts } from "../web/src/api/allocation.ts";
import { delayParts, formatDelay } from "../web/src/routes/field/delay.ts";

describe("what the allocated figure counts", () => {
  it("counts approved plans and names the drafts apart, which it does not count", () => {
    expect(planCounts([{ status: "draft" }])).toEqual({ approved: 0, draft: 1 });
    expect(planCounts([{ status: "approved" }, { status: "draft" }, { status: "approved" }])).toEqual({
      approved: 2,
      draft: 1,
    });
  });
});

describe("a recording delay", () => {
  it("is said in minutes, hours with one decimal, or days", () => {
    expect(delayParts(290)).toEqual({ unit: "min", value: 5 });
    expect(delayParts(5400)).toEqual({ unit: "h", value: 1.5 });
    expect(delayParts(190_454_400)).toEqual({ unit: "d", value: 2204 });
  });

  it("is worded by the reader's dictionary", () => {
    const ru = { "fieldRoom.delayMin": "мин", "fieldRoom.delayH": "ч", "fieldRoom.delayD": "дн." };
    const t = (key: keyof typeof ru, vars: { n: number }) => `${vars.n} ${ru[key]}`;
    expect(formatDelay(190_454_400, t)).toBe("2204 дн.");
    expect(formatDelay(7200, t)).toBe("2 ч");
  });
});
