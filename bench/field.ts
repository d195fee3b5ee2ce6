// The field app, measured: its initial JavaScript (gzip, budget 150 KB); an offline start
// with the working set of a 10,000-unit operation (navigation → the task list painted, and
// → a unit opened from the phone's store; budget 2 s), beside a 50-unit operation and a
// static hello page in the same browser; and the sync of 1,000 queued events on each
// engine (budget 5 s on PostgreSQL), beside posting the same number of events straight to
// the batch endpoint from Node. Times are taken inside the page (a paint probe, as
// bench/ui-render.ts does), so the test driver's polling is not counted.
// Run: npx tsx bench/field.ts
// The parts: field-size.ts (the initial JS), field-start.ts (the offline start),
// field-sync.ts (the outbox's sync), on field-scenario.ts (the served app and its operations)
// and field-phone.ts (the phone's browser and the paint probe).
import { pathToFileURL } from "node:url";
import { measureFieldSize } from "./field-size.ts";
import { measureFieldStart } from "./field-start.ts";
import { measureFieldSync } from "./field-sync.ts";

export { FIELD_JS_BUDGET_BYTES, measureFieldSize, type FieldSize } from "./field-size.ts";
export { FIELD_START_BUDGET_MS, measureFieldStart, type FieldStart } from "./field-start.ts";
export { FIELD_SYNC_BUDGET_S, measureFieldSync, type FieldSync } from "./field-sync.ts";

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { pgliteEngine, postgresEngine } = await import("./engines.ts");
  const size = await measureFieldSize();
  console.log(
    `field app initial JS: ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped (budget 150 KB): ${size.withinBudget ? "within" : "OVER"}`,
  );
  console.log(await measureFieldStart(pgliteEngine, 3, console.log));
  for (const engine of [pgliteEngine, postgresEngine]) console.log(await measureFieldSync(engine, 1000, console.log));
}
