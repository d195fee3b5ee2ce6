import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InFlight } from "./in-flight.ts";

describe("requests in flight per caller", () => {
  it("admits up to the limit, then refuses until one ends", () => {
    const flight = new InFlight(2);
    expect([flight.enter("phone"), flight.enter("phone"), flight.enter("phone")]).toEqual([true, true, false]);
    expect(flight.enter("other phone")).toBe(true);
    flight.leave("phone");
    expect(flight.enter("phone")).toBe(true);
  });

  it("forgets a caller with nothing in flight, and ignores an end it never admitted", () => {
    const flight = new InFlight(3);
    flight.enter("a");
    flight.leave("a");
    flight.leave("a");
    flight.leave("never seen");
    expect(flight.callers).toBe(0);
    expect(flight.of("a")).toBe(0);
  });

  it("never holds more than the limit per caller, and counts exactly the admitted requests not yet ended", () => {
    const step = fc.record({ caller: fc.constantFrom("a", "b", "c"), start: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 200 }), (limit, steps) => {
        const flight = new InFlight(limit);
        const open = new Map<string, number>();
        for (const { caller, start } of steps) {
          const held = open.get(caller) ?? 0;
          if (start) {
            const admitted = flight.enter(caller);
            expect(admitted).toBe(held < limit);
            if (admitted) open.set(caller, held + 1);
          } else if (held > 0) {
            flight.leave(caller);
            open.set(caller, held - 1);
          }
          for (const c of ["a", "b", "c"]) expect(flight.of(c)).toBe(open.get(c) ?? 0);
          expect(flight.callers).toBe([...open.values()].filter((n) => n > 0).length);
        }
      }),
    );
  });
});
