// Property tests of the pure ledger: random sequences of valid events, decided against
// a hand-built catalogue, turned into moves and folded into balances. No database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batch, catalogueContext, eventDraft, ITEMS, withIds } from "../../test/helpers/arbitraries.ts";
import type { EventDraft } from "../../test/helpers/arbitraries.ts";
import { decideEvent } from "./decide.ts";
import type { EventInput, LedgerEvent } from "./events.ts";
import type { StockMove } from "./moves.ts";
import { movesOf } from "./moves.ts";
import { cmp } from "./quantity.ts";
import type { Balances } from "./stock.ts";
import { applyMoves, isConserved, totalsByItem } from "./stock.ts";

const ctx = catalogueContext();

function decided(input: EventInput): LedgerEvent {
  const d = decideEvent(input, ctx);
  if (!d.ok) throw new Error(`a generated event was refused: ${JSON.stringify(d.errors)} for ${JSON.stringify(input)}`);
  return d.event;
}
const movesOfAll = (drafts: readonly EventDraft[]): StockMove[] => withIds(drafts).map(decided).flatMap(movesOf);
const balancesOf = (drafts: readonly EventDraft[]): Balances => applyMoves(new Map(), movesOfAll(drafts));
const sorted = (b: Balances) => [...b].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));

/** Up to 30 valid events of any type. */
const sequence = fc.array(eventDraft(), { maxLength: 30 });
/** A sequence and the same events in another order. */
const permuted = sequence.chain((events) =>
  fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
);

describe("the pure ledger (property tests)", () => {
  it("accepts every generated event (the arbitraries only make valid events)", () => {
    fc.assert(
      fc.property(eventDraft(), (draft) => void decided(withIds([draft])[0]!)),
      { numRuns: 500 },
    );
  });

  it("moves only positive quantities of catalogue items between two different places", () => {
    const codes = new Set(ITEMS.map((i) => i.code));
    fc.assert(
      fc.property(sequence, (drafts) => {
        for (const m of movesOfAll(drafts)) {
          expect(cmp(m.quantity, "0")).toBe(1);
          expect(m.from).not.toBe(m.to);
          expect(codes.has(m.item)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("conserves stock: every item's balances sum to zero after any sequence", () => {
    fc.assert(
      fc.property(sequence, (drafts) => {
        const balances = balancesOf(drafts);
        expect(isConserved(balances)).toBe(true);
        for (const total of totalsByItem(balances).values()) expect(total).toBe("0");
      }),
      { numRuns: 200 },
    );
  });

  it("conserves stock after every prefix too (each event is balanced on its own)", () => {
    fc.assert(
      fc.property(sequence, (drafts) => {
        let balances: Balances = new Map();
        for (const event of withIds(drafts).map(decided)) {
          balances = applyMoves(balances, movesOf(event));
          expect(isConserved(balances)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("is order-independent: any permutation of the events gives identical balances", () => {
    fc.assert(
      fc.property(permuted, ([events, shuffled]) => {
        expect(sorted(balancesOf(shuffled))).toEqual(sorted(balancesOf(events)));
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same balances whether events are folded one batch at a time or all at once", () => {
    fc.assert(
      fc.property(fc.array(batch(), { maxLength: 5 }), (batches) => {
        const stepwise = batches.reduce<Balances>((b, drafts) => applyMoves(b, movesOfAll(drafts)), new Map());
        expect(sorted(stepwise)).toEqual(sorted(balancesOf(batches.flat())));
      }),
      { numRuns: 100 },
    );
  });

  it("stores a fixed point: deciding a stored event again gives the same event (every default resolved)", () => {
    fc.assert(
      fc.property(eventDraft(), (draft) => {
        const once = decided(withIds([draft])[0]!);
        expect(decided(once as EventInput)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('stores canonical quantities: respelling a quantity ("300.0", 300, "0300") gives the same event', () => {
    fc.assert(
      fc.property(eventDraft(), (draft) => {
        const [input] = withIds([draft]);
        const respelled: EventInput = {
          ...input!,
          lines: input!.lines?.map((l) => ({ ...l, quantity: respell(l.quantity) })),
        };
        if (!respelled.lines) delete respelled.lines;
        expect(decided(respelled)).toEqual(decided(input!));
      }),
      { numRuns: 300 },
    );
  });
});

/** Another spelling of the same quantity: a string padded with one zero more (or one leading zero). */
function respell(q: string | number): string {
  const text = String(q).trim();
  const decimals = text.includes(".") ? text.split(".")[1]!.length : 0;
  if (decimals < 6) return decimals === 0 ? `${text}.0` : `${text}0`;
  return text.split(".")[0]!.length < 15 ? `0${text}` : text;
}
