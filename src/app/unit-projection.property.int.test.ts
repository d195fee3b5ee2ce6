// The incremental unit_states projection (an in-order event applied on top of the stored
// state; an out-of-order one replayed) against the full replay of `reliefline rebuild`:
// for any events, in any arrival order and batching, they agree — states and the
// discrepancies found from the units' events.
import { beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import { UNITS, eventDraft, eventTime, withIds } from "../../test/helpers/arbitraries.ts";
import type { EventType } from "../core/events.ts";
import { UNIT_EVENT_KINDS } from "../core/reconcile/finding.ts";
import type { Principal } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import { projectUnits, rebuildUnitStates } from "./unit-projection.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import type { Queryable } from "../store/db.ts";

const LIFECYCLE: EventType[] = [
  "GoodsLoaded",
  "GoodsShipped",
  "UnitDeparted",
  "UnitArrived",
  "GoodsUnloaded",
  "GoodsReceived",
];
/** A few instants spelt several ways, so that ties in event time (broken by type, then id) are common. */
const SHARED_TIMES = [
  "2020-12-19T10:00:00+04:00",
  "2020-12-19T06:00:00Z",
  "2020-12-19T06:00:00.000000Z",
  "2020-12-19T10:30:00+04:00",
  "2020-12-20T08:00:00+04:00",
];

/** Lifecycle events that name a unit, at shared or random times. */
const unitEvent = fc
  .tuple(
    fc.constantFrom(...LIFECYCLE).chain((t) => eventDraft({}, t)),
    fc.constantFrom(...UNITS),
    fc.option(fc.oneof(fc.constantFrom(...SHARED_TIMES), eventTime), { nil: undefined }),
  )
  .map(([{ to, ...draft }, unit, time]) => ({
    ...draft,
    ...(draft.type !== "GoodsShipped" && to !== undefined && { to }),
    unit,
    ...(time !== undefined && { eventTime: time }),
  }));

/** The events, in an arrival order of their own, cut into batches. */
const arrivals = fc
  .array(unitEvent, { minLength: 1, maxLength: 14 })
  .chain((drafts) =>
    fc.tuple(
      fc.shuffledSubarray(withIds(drafts), { minLength: drafts.length, maxLength: drafts.length }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: drafts.length, maxLength: drafts.length }),
    ),
  );

async function unitStates(db: Queryable, operationId: string) {
  const rows = await db.query<Record<string, unknown>>(
    "select * from unit_states where operation_id = $1 order by unit_number",
    [operationId],
  );
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
  );
}

async function unitDiscrepancies(db: Queryable, operationId: string) {
  return db.query(
    "select key, status, explanation, evidence from discrepancies where operation_id = $1 and kind = any($2::text[]) order by key",
    [operationId, UNIT_EVENT_KINDS],
  );
}

describeOnEngines("unit_states, incremental vs full replay", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedOperation(db());
  });

  it("gives the same states and unit discrepancies as a rebuild, for any events in any order and batching", async () => {
    const operation = (await findOperation(db(), OP))!;
    await fc.assert(
      fc.asyncProperty(arrivals, async ([events, cuts]) => {
        for (let i = 0, c = 0; i < events.length; c++) {
          const size = cuts[c]!;
          await recordEvents(db(), admin, OP, events.slice(i, i + size), NOW);
          i += size;
        }
        const incremental = {
          states: await unitStates(db(), operation.id),
          discrepancies: await unitDiscrepancies(db(), operation.id),
        };
        await db().transaction(async (tx) => {
          await rebuildUnitStates(tx, operation);
          await projectUnits(tx, operation, [...UNITS], NOW);
        });
        expect(await unitStates(db(), operation.id)).toEqual(incremental.states);
        expect(await unitDiscrepancies(db(), operation.id)).toEqual(incremental.discrepancies);
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
