// The operations room's and the field app's part of the summary of `npm run bench`.
import { int, secs, table } from "./table.ts";
import { UI_INITIAL_JS_BUDGET_BYTES, type UiSize } from "./ui-size.ts";
import { DASHBOARD_BUDGET_MS, type UiRender } from "./ui-render.ts";
import {
  FIELD_JS_BUDGET_BYTES,
  FIELD_START_BUDGET_MS,
  FIELD_SYNC_BUDGET_S,
  type FieldSize,
  type FieldStart,
  type FieldSync,
} from "./field.ts";
import { log } from "./settings.ts";

/** The UI's initial JavaScript and dashboard, then the field app's size, offline start and sync. */
export function printAppTables(
  uiSize: UiSize | { failed: string },
  uiRender: UiRender | { skipped: string } | { failed: string },
  fieldSize: FieldSize | { failed: string },
  fieldStart: FieldStart | { skipped: string } | { failed: string },
  fieldSync: readonly (FieldSync | { engine: string; failed: string })[],
): void {
  log("\nOperations-room UI");
  const uiRows: string[][] = [];
  if ("failed" in uiSize)
    uiRows.push(["initial JS (gzip)", "—", `≤ ${UI_INITIAL_JS_BUDGET_BYTES / 1024} KB`, `failed: ${uiSize.failed}`]);
  else
    uiRows.push([
      "initial JS (gzip)",
      `${(uiSize.gzipBytes / 1024).toFixed(1)} KB`,
      `≤ ${UI_INITIAL_JS_BUDGET_BYTES / 1024} KB`,
      `${(uiSize.bytes / 1024).toFixed(0)} KB raw`,
    ]);
  if ("failed" in uiRender || "skipped" in uiRender) {
    uiRows.push([
      "dashboard rendered (demo, Chromium)",
      "—",
      `≤ ${DASHBOARD_BUDGET_MS} ms`,
      "failed" in uiRender ? `failed: ${uiRender.failed}` : `skipped: ${uiRender.skipped}`,
    ]);
  } else {
    uiRows.push([
      `dashboard painted with its figures (median of ${uiRender.runs})`,
      `${uiRender.dashboardMs.toFixed(0)} ms`,
      `≤ ${DASHBOARD_BUDGET_MS} ms`,
      `${(uiRender.dashboardMs / uiRender.helloMs).toFixed(1)}× the hello page`,
    ]);
    uiRows.push(["dashboard, first load (cold cache)", `${uiRender.dashboardColdMs.toFixed(0)} ms`, "", ""]);
    uiRows.push([
      "dashboard figures seen by the test driver (median)",
      `${uiRender.dashboardSeenMs.toFixed(0)} ms`,
      "",
      "its polling waits on a busy renderer",
    ]);
    uiRows.push(["baseline: static hello page, same browser", `${uiRender.helloMs.toFixed(0)} ms`, "", ""]);
  }
  log(table(["UI", "measured", "target", "note"], uiRows, [1]));

  log("\nField app (phone at 360 × 640, Chromium)");
  const fieldRows: string[][] = [];
  if ("failed" in fieldSize)
    fieldRows.push(["initial JS (gzip)", "—", `≤ ${FIELD_JS_BUDGET_BYTES / 1024} KB`, `failed: ${fieldSize.failed}`]);
  else
    fieldRows.push([
      "initial JS (gzip)",
      `${(fieldSize.gzipBytes / 1024).toFixed(1)} KB`,
      `≤ ${FIELD_JS_BUDGET_BYTES / 1024} KB`,
      `${(fieldSize.bytes / 1024).toFixed(0)} KB raw; the operations room's is beside it above`,
    ]);
  if ("failed" in fieldStart || "skipped" in fieldStart) {
    fieldRows.push([
      "offline start, 10,000 units",
      "—",
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      "failed" in fieldStart ? `failed: ${fieldStart.failed}` : `skipped: ${fieldStart.skipped}`,
    ]);
  } else {
    fieldRows.push([
      `offline start → task list painted, ${int(fieldStart.units)} units (median of ${fieldStart.runs})`,
      `${fieldStart.startMs.toFixed(0)} ms`,
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      `${(fieldStart.startMs / fieldStart.helloMs).toFixed(1)}× the hello page`,
    ]);
    fieldRows.push([
      "offline: a unit opened from the phone's store",
      `${fieldStart.unitMs.toFixed(0)} ms`,
      `≤ ${FIELD_START_BUDGET_MS} ms`,
      "",
    ]);
    fieldRows.push(["baseline: offline start, 50 units", `${fieldStart.smallStartMs.toFixed(0)} ms`, "", ""]);
    fieldRows.push(["baseline: static hello page, same browser", `${fieldStart.helloMs.toFixed(0)} ms`, "", ""]);
  }
  for (const r of fieldSync) {
    if ("failed" in r) fieldRows.push([`sync of queued events, ${r.engine}`, "—", "", `failed: ${r.failed}`]);
    else if (r.skipped) fieldRows.push([`sync of queued events, ${r.engine}`, "—", "", `skipped: ${r.skipped}`]);
    else {
      fieldRows.push([
        `sync of ${int(r.events)} queued events, ${r.engine}`,
        secs(r.seconds, 2),
        r.engine === "PostgreSQL" ? `≤ ${FIELD_SYNC_BUDGET_S} s` : "",
        `${(r.seconds / r.directSeconds).toFixed(1)}× posting them from Node`,
      ]);
      fieldRows.push([
        `baseline: ${int(r.events)} events posted from Node, ${r.engine}`,
        secs(r.directSeconds, 2),
        "",
        "batches of 200, mode=each",
      ]);
    }
  }
  log(table(["field app", "measured", "target", "note"], fieldRows, [1]));
}
