// verify's reading and digests on every engine: the events read back as lines are the
// events stored, and the digest of the moves recomputed from them equals the stored moves'
// digest over any range (so a clean ledger never falls back to the row-by-row comparison),
// while a changed move changes its range's digest.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { movesOfRecords } from "../app/record-events.ts";
import type { RecordedEvent } from "../core/events.ts";
import { findOperation, type Operation } from "./catalogue.sql.ts";
import { readChainHead, readEvents } from "./ledger.sql.ts";
import {
  eventLineLink,
  eventLineUnit,
  expectedMovesDigest,
  movesDigest,
  parseEventLine,
  readEventLines,
} from "./verify.sql.ts";

describeOnEngines("verify reads the events as lines and digests their moves", (db) => {
  let op: Operation;
  let records: RecordedEvent[];
  beforeAll(async () => {
    await seedDemo(db());
    op = (await findOperation(db(), DEMO))!;
    const head = await readChainHead(db(), op.id);
    const lines = await readEventLines(db(), op.id, 0, head.seq, 1_000_000);
    records = lines.map((l) => {
      const { record, mismatch } = parseEventLine(op.id, l);
      expect(mismatch).toBeUndefined();
      expect(eventLineLink(l)).toEqual({ seq: record.seq, prevHash: record.prevHash, hash: record.hash });
      expect(eventLineUnit(l)).toBe(record.event.unit ?? "");
      return record;
    });
  });

  it("reads each event as the paged reader does, up to the given seq", async () => {
    const paged: RecordedEvent[] = [];
    for await (const { record } of readEvents(db(), op.id)) paged.push(record);
    expect(records).toEqual(paged);
    const some = await readEventLines(db(), op.id, 3, 9, 4);
    expect(some.map((l) => eventLineLink(l).seq)).toEqual([4, 5, 6, 7]);
  });

  it("gives equal digests for the recomputed and the stored moves, over the whole ledger and any range", async () => {
    const moves = movesOfRecords(records);
    const last = records.at(-1)!.seq;
    expect(moves.length).toBeGreaterThan(50);
    for (const [lo, hi] of [
      [0, last],
      [0, 17],
      [17, 60],
      [60, last],
      [last, last + 10],
    ] as const) {
      const within = moves.filter((m) => m.seq > lo && m.seq <= hi);
      expect(await movesDigest(db(), op.id, lo, hi)).toBe(expectedMovesDigest(within));
    }
  });

  it("gives a different digest for the range holding a changed move, and the same for the others", async () => {
    const [m] = await db().query<{ seq: number; line: number }>(
      "select seq, line from stock_moves where operation_id = $1 order by seq limit 1 offset 20",
      [op.id],
    );
    const moves = movesOfRecords(records);
    const around = (lo: number, hi: number) => expectedMovesDigest(moves.filter((x) => x.seq > lo && x.seq <= hi));
    const at = `operation_id = '${op.id}' and seq = ${m!.seq} and line = ${m!.line}`;
    await db().transaction(async (tx) => {
      await tx.exec("set local citus.enable_unsafe_triggers = on");
      await tx.exec(`update stock_moves set quantity = quantity + 0.000001 where ${at}`);
    });
    try {
      expect(await movesDigest(db(), op.id, m!.seq - 1, m!.seq)).not.toBe(around(m!.seq - 1, m!.seq));
      expect(await movesDigest(db(), op.id, 0, m!.seq - 1)).toBe(around(0, m!.seq - 1));
    } finally {
      await db().transaction(async (tx) => {
        await tx.exec("set local citus.enable_unsafe_triggers = on");
        await tx.exec(`update stock_moves set quantity = quantity - 0.000001 where ${at}`);
      });
    }
    expect(await movesDigest(db(), op.id, m!.seq - 1, m!.seq)).toBe(around(m!.seq - 1, m!.seq));
  });
});
