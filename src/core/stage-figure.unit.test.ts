// The rule behind "26 of 54 arrived": a unit reached a step when it or a later one is recorded by the cutoff.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { STAGES, countStage, stepsFrom, type StageTimes } from "./stage-figure.ts";

const before = (cutoff: string) => (t: string) => t < cutoff;

describe("counting the units that reached a step", () => {
  it("takes the step and every later one, in the lifecycle's order", () => {
    expect(STAGES).toEqual(["loaded", "departed", "arrived", "unloaded", "received"]);
    expect(stepsFrom("arrived")).toEqual(["arrived", "unloaded", "received"]);
    expect(stepsFrom("received")).toEqual(["received"]);
  });

  it("counts an unloading with no recorded arrival as arrived, inferred, and nothing after the cutoff", () => {
    const units: StageTimes[] = [
      { arrivedAt: "2020-12-19T05:00:00Z", unloadedAt: "2020-12-19T06:00:00Z" },
      { unloadedAt: "2020-12-19T07:00:00Z" },
      { receivedAt: "2020-12-19T08:00:00Z" },
      { departedAt: "2020-12-18T08:00:00Z" },
      { arrivedAt: "2020-12-20T05:00:00Z" },
      {},
    ];
    expect(countStage(units, "arrived", before("2020-12-20T00:00:00Z"))).toEqual({
      reached: 3,
      recorded: 1,
      implied: 2,
    });
    expect(countStage(units, "unloaded", before("2020-12-20T00:00:00Z"))).toEqual({
      reached: 3,
      recorded: 2,
      implied: 1,
    });
    expect(countStage(units, "arrived", () => true)).toEqual({ reached: 4, recorded: 2, implied: 2 });
  });

  it("never counts more recorded than reached, and no later step reaches more units than an earlier one (property)", () => {
    const time = fc.option(fc.constantFrom("2020-12-18T00:00:00Z", "2020-12-19T00:00:00Z", "2020-12-20T00:00:00Z"), {
      nil: null,
    });
    const unit = fc.record({ loadedAt: time, departedAt: time, arrivedAt: time, unloadedAt: time, receivedAt: time });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (units) => {
        const counts = STAGES.map((s) => countStage(units, s, before("2020-12-19T12:00:00Z")));
        for (const c of counts) {
          expect(c.recorded).toBeLessThanOrEqual(c.reached);
          expect(c.implied).toBe(c.reached - c.recorded);
        }
        for (let i = 1; i < counts.length; i++) expect(counts[i]!.reached).toBeLessThanOrEqual(counts[i - 1]!.reached);
      }),
    );
  });
});
