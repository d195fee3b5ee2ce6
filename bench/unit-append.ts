// Bench: the cost of one event for a unit with a long history (a truck shuttling for
// months). The unit gets N prior events through the real append path, then one more
// event is recorded in order (applied on top of the stored state) and one out of order
// (an earlier event time: the unit's history is replayed). Usage:
//   npx tsx bench/unit-append.ts [prior events, default 8000] [pglite|postgres ...]
import { v7 as uuidv7 } from "uuid";
import type { EventInput, EventType } from "../src/core/events.ts";
import { recordEvents } from "../src/app/record-events.ts";
import { pgliteEngine, postgresEngine } from "./engines.ts";
import { NOW, seedOperation } from "../test/helpers/fixtures.ts";

const prior = Number(process.argv[2] ?? 8000);
const wanted = process.argv.slice(3);
const CYCLE: EventType[] = ["GoodsLoaded", "UnitDeparted", "UnitArrived", "GoodsUnloaded"];
const T0 = Date.parse("2020-01-01T00:00:00Z");
const UNIT = "24073082";

const eventAt = (i: number): EventInput => {
  const type = CYCLE[i % 4]!;
  const location = i % 4 < 2 ? "DEPOT" : "HUB";
  const lines =
    type === "GoodsLoaded" || type === "GoodsUnloaded" ? { lines: [{ item: "LUMBER", quantity: "19" }] } : {};
  return { id: uuidv7(), type, eventTime: new Date(T0 + i * 60_000).toISOString(), unit: UNIT, location, ...lines };
};

for (const factory of [pgliteEngine, postgresEngine].filter(
  (f) => wanted.length === 0 || wanted.includes(f.name === "PGlite" ? "pglite" : "postgres"),
)) {
  const opened = await factory.open();
  if ("skipped" in opened) {
    console.log(JSON.stringify({ engine: factory.name, skipped: opened.skipped }));
    continue;
  }
  const { db } = opened;
  try {
    const admin = await seedOperation(db, "TEST-OP");
    for (let i = 0; i < prior; i += 1000) {
      await recordEvents(
        db,
        admin,
        "TEST-OP",
        Array.from({ length: Math.min(1000, prior - i) }, (_, k) => eventAt(i + k)),
        NOW,
      );
    }
    const time = async (e: EventInput) => {
      const t = performance.now();
      await recordEvents(db, admin, "TEST-OP", [e], NOW);
      return +((performance.now() - t) / 1000).toFixed(3);
    };
    const inOrder = [await time(eventAt(prior)), await time(eventAt(prior + 1)), await time(eventAt(prior + 2))];
    const late = { ...eventAt(Math.floor(prior / 8) * 4 + 2), id: uuidv7(), location: "RAILHEAD" }; // a second arrival, timed mid-history
    const outOfOrder = await time(late);
    console.log(
      JSON.stringify({
        engine: factory.name,
        priorEvents: prior,
        inOrderSeconds: inOrder,
        outOfOrderSeconds: outOfOrder,
      }),
    );
  } finally {
    await opened.dispose();
  }
}
