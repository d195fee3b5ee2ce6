// A backup taken while events are being written restores, on the same engine and on the
// other one, to exactly the snapshot it read: every table, the chain verified, the
// projections replayed and equal. A restore that fails a check leaves the store empty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines, freshPglite, freshPostgres } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, seedOperation, NOW } from "../../test/helpers/fixtures.ts";
import { fingerprint } from "../../test/helpers/http-bad-input.ts";
import { inject } from "vitest";
import type { Db } from "../store/db.ts";
import type { Principal } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import { restoreBackup, RestoreError, writeBackup } from "./backup.ts";
import { verifyOperation } from "./ledger.ts";
import { findOperation } from "../store/catalogue.sql.ts";

const pledgeBatch = (n: number) =>
  Array.from({ length: n }, () =>
    event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1.25")] }),
  );
const arrivals = () => [
  event("GoodsLoaded", { unit: "24073082", location: "DEPOT", lines: [line("FLOUR", "2")] }),
  event("UnitDeparted", { unit: "24073082", location: "DEPOT" }),
  event("UnitArrived", { unit: "24073082", location: "HUB" }),
];

async function backupOf(db: Db): Promise<string[]> {
  const chunks: string[] = [];
  await writeBackup(db, async (text) => void chunks.push(text), NOW);
  return chunks
    .join("")
    .split("\n")
    .filter((l) => l !== "");
}

async function* linesOf(lines: readonly string[]) {
  yield* lines;
}

/** Everything but the tables a restore does not carry over (filled by migrations). */
const comparable = async (db: Db) => {
  const f = await fingerprint(db);
  return f;
};

const postgresSkipped = () => inject("postgresSkipped") !== null;

describeOnEngines("backup and restore", (db, engine) => {
  let admin: Principal;
  let lines: string[];
  let writtenBefore: number;

  beforeAll(async () => {
    admin = await seedOperation(db());
    await recordEvents(db(), admin, OP, [...pledgeBatch(50), ...arrivals()], NOW);
    writtenBefore = (await findOperation(db(), OP))!.lastSeq;
    // Writes go on while the backup is read.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing && n < 20) {
        await recordEvents(db(), admin, OP, pledgeBatch(25), NOW);
        n++;
      }
    })();
    lines = await backupOf(db());
    writing = false;
    await writer;
  }, 120_000);

  it("reads a consistent snapshot: the chain head in the backup is the last event it holds", () => {
    const events = lines
      .slice(lines.indexOf('{"table":"events"}') + 1)
      .filter((l) => l.startsWith('{"id"') || l.includes('"seq"'));
    const ops = lines.filter((l) => l.includes('"last_seq"') && l.includes(`"code": "${OP}"`));
    expect(ops).toHaveLength(1);
    const head = JSON.parse(ops[0]!) as { last_seq: number };
    expect(head.last_seq).toBeGreaterThanOrEqual(writtenBefore);
    const seqs = events
      .map((l) => JSON.parse(l) as { seq?: number; operation_id?: string })
      .filter((r) => r.seq !== undefined && "prev_hash" in r);
    expect(Math.max(...seqs.map((r) => r.seq!))).toBe(head.last_seq);
  });

  for (const target of ["pglite", "postgres"] as const) {
    it(`restores into an empty ${target} store exactly, checked`, async () => {
      if (target === "postgres" && postgresSkipped()) return;
      const fresh = target === "pglite" ? await freshPglite() : await freshPostgres();
      try {
        const summary = await restoreBackup(fresh, linesOf(lines));
        const op = (await findOperation(fresh, OP))!;
        expect(summary.operations).toEqual([{ code: OP, events: op.lastSeq }]);
        expect((await verifyOperation(fresh, op)).ok).toBe(true);
        // Restore the restored store's own backup: the same lines (but the header's engine).
        const again = await backupOf(fresh);
        expect(again.slice(1)).toEqual(lines.slice(1));
        // And it goes on working: new events chain on.
        await recordEvents(fresh, admin, OP, pledgeBatch(3), NOW);
        expect((await verifyOperation(fresh, (await findOperation(fresh, OP))!)).ok).toBe(true);
      } finally {
        await fresh.close();
      }
    }, 120_000);
  }

  it("refuses a store that holds data, unless forced", async () => {
    await expect(restoreBackup(db(), linesOf(lines))).rejects.toThrow(/already holds users or operations/);
  });

  it("refuses a truncated backup, a tampered event and altered projections, restoring nothing", async () => {
    const fresh = engine === "pglite" ? await freshPglite() : await freshPostgres();
    try {
      const empty = await comparable(fresh);
      const truncated = lines.slice(0, -1);
      await expect(restoreBackup(fresh, linesOf(truncated))).rejects.toThrow(/truncated/);
      const at = lines.findIndex((l) => l.includes('"1.25"'));
      const tampered = lines.map((l, i) => (i === at ? l.replace('"1.25"', '"125"') : l));
      await expect(restoreBackup(fresh, linesOf(tampered))).rejects.toThrow(/hash chain is broken/);
      const balance = lines.findIndex((l) => l.includes('"location_code": "DEPOT"') && l.includes('"quantity"'));
      const skewed = lines.map((l, i) => (i === balance ? l.replace(/"quantity": [-\d.]+/, '"quantity": 999') : l));
      await expect(restoreBackup(fresh, linesOf(skewed))).rejects.toThrow(RestoreError);
      await expect(restoreBackup(fresh, linesOf(skewed))).rejects.toThrow(/projections differ/);
      expect(await comparable(fresh)).toEqual(empty);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe("restoring over data with force", () => {
  let source: Db;
  let target: Db;
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });
  it("replaces everything in the store", async () => {
    source = await freshPglite();
    target = await freshPglite();
    const admin = await seedOperation(source);
    await recordEvents(source, admin, OP, pledgeBatch(5), NOW);
    await seedOperation(target, "OTHER-OP");
    const summary = await restoreBackup(target, linesOf(await backupOf(source)), { force: true });
    expect(summary.operations.map((o) => o.code)).toEqual([OP]);
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  }, 120_000);
});
