// The sync of the field app's outbox: 1,000 arrivals queued in the phone's IndexedDB as the
// app would queue them offline, then one "Sync now" until everything is in the ledger
// (budget 5 s on PostgreSQL), beside posting the same number of events straight to the batch
// endpoint from Node.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import { findOperationWithHead } from "../src/store/catalogue.sql.ts";
import { CHROMIUM } from "../test/helpers/chromium.ts";
import { runBuild } from "./build.ts";
import type { EngineFactory } from "./engines.ts";
import { openPhone, phonePage, signIn } from "./field-phone.ts";
import { PASSWORD, seedWagons, serve } from "./field-scenario.ts";

export const FIELD_SYNC_BUDGET_S = 5;

export interface FieldSync {
  engine: string;
  events: number;
  /** The phone: Sync now → everything stored (in-page clock). */
  seconds: number;
  /** Baseline: the same number of events posted from Node in batches of 200, mode=each. */
  directSeconds: number;
  skipped?: string;
}

/** 1,000 arrivals queued in the phone's outbox (written into its IndexedDB as the app would), then one sync. */
export async function measureFieldSync(
  engine: EngineFactory,
  events = 1000,
  log: (line: string) => void = () => undefined,
): Promise<FieldSync> {
  if (!existsSync(CHROMIUM))
    return { engine: engine.name, events, seconds: NaN, directSeconds: NaN, skipped: `no browser at ${CHROMIUM}` };
  runBuild(["web", "--if-stale"]);
  const opened = await engine.open();
  if ("skipped" in opened)
    return { engine: engine.name, events, seconds: NaN, directSeconds: NaN, skipped: opened.skipped };
  const served = await serve(opened.db);
  const profile = mkdtempSync(join(tmpdir(), "rl-bench-phone-"));
  try {
    const units = await seedWagons(opened.db, served.admin, "BENCH-SYNC", events * 2);
    const context = await openPhone(profile);
    let seconds: number;
    try {
      const page = await phonePage(context);
      await signIn(page, served.base, "BENCH-SYNC");
      await context.setOffline(true);
      const queued = units
        .slice(0, events)
        .map((unit, n) => ({
          id: uuidv7(),
          n: n + 1,
          state: "waiting",
          attempts: 0,
          flow: "bench",
          recordedAt: new Date().toISOString(),
          route: { kind: "batch" },
          event: {
            id: "",
            type: "UnitArrived",
            eventTime: new Date(Date.now() - 60_000).toISOString(),
            unit,
            location: "RAILHEAD",
            origin: { offline: true },
          },
        }))
        .map((e) => ({ ...e, event: { ...e.event, id: e.id } }));
      await page.evaluate(`(async (entries) => {
        const db = await new Promise((resolve, reject) => { const r = indexedDB.open("reliefline-field"); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        await new Promise((resolve, reject) => {
          const tx = db.transaction(["outbox", "meta"], "readwrite");
          for (const e of entries) tx.objectStore("outbox").put(e);
          const meta = tx.objectStore("meta");
          const get = meta.get("meta");
          get.onsuccess = () => meta.put({ ...get.result, nextN: entries.length + 1 }, "meta");
          tx.oncomplete = resolve; tx.onerror = () => reject(tx.error);
        });
      })(${JSON.stringify(queued)})`);
      await page.reload();
      await page.getByText(`${events} events wait to be sent`).waitFor({ timeout: 60_000 });
      await context.setOffline(false);
      await page.evaluate(
        () => ((globalThis as unknown as { __rlSyncStart: number }).__rlSyncStart = performance.now()),
      );
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByText("Everything is in the ledger").waitFor({ timeout: 120_000 });
      seconds =
        Number(
          await page.evaluate(
            () => performance.now() - (globalThis as unknown as { __rlSyncStart: number }).__rlSyncStart,
          ),
        ) / 1000;
    } finally {
      await context.close();
    }
    const op = (await findOperationWithHead(opened.db, "BENCH-SYNC"))!;
    if (op.lastSeq !== events) throw new Error(`the phone's sync stored ${op.lastSeq} events, not ${events}`);
    const login = await fetch(`${served.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: served.admin.email, password: PASSWORD }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const direct = units.slice(events, events * 2).map((unit) => ({
      id: uuidv7(),
      type: "UnitArrived",
      eventTime: new Date(Date.now() - 60_000).toISOString(),
      unit,
      location: "RAILHEAD",
    }));
    const started = performance.now();
    for (let i = 0; i < direct.length; i += 200) {
      const res = await fetch(`${served.base}/api/operations/BENCH-SYNC/events/batch?mode=each`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ events: direct.slice(i, i + 200) }),
      });
      if (res.status !== 200) throw new Error(`direct batch: ${res.status} ${await res.text()}`);
    }
    const directSeconds = (performance.now() - started) / 1000;
    log(
      `  ${engine.name}: the phone synced ${events} events in ${seconds.toFixed(2)} s; Node posting as many: ${directSeconds.toFixed(2)} s`,
    );
    return { engine: engine.name, events, seconds, directSeconds };
  } finally {
    await served.close();
    await opened.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}
