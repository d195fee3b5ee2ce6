import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, hashEvent } from "./chain.ts";
import type { LedgerEvent, RecordedEvent } from "./events.ts";
import { EXPORT_FORMAT, eventLine, exportVerifier, headerLine } from "./ledger-export.ts";

const OPERATION = "0193c0de-0000-7000-8000-00000000000a";
const pledge = (n: number): LedgerEvent => ({
  id: `0193c0de-0000-7000-8000-${String(n).padStart(12, "0")}`,
  type: "GoodsPledged",
  eventTime: `2020-12-0${n}T08:00:00+04:00`,
  location: "DEPOT",
  from: "donor:D",
  to: "DEPOT",
  lines: [{ item: "LUMBER", quantity: String(100 * n), uom: "MTQ" }],
});

function chain(n: number): RecordedEvent[] {
  let prev = { seq: 0, hash: GENESIS_HASH };
  return Array.from({ length: n }, (_, i) => {
    const unhashed = {
      operationId: OPERATION,
      seq: prev.seq + 1,
      recordedAt: "2020-12-05T10:00:00.000Z",
      recordedBy: "0193c0de-0000-7000-8000-0000000000a1",
      event: pledge(i + 1),
      prevHash: prev.hash,
    };
    const record = { ...unhashed, hash: hashEvent(unhashed) };
    prev = { seq: record.seq, hash: record.hash };
    return record;
  });
}

const records = chain(5);
const head = { seq: 5, hash: records[4]!.hash };
const file = (rs: RecordedEvent[] = records, claimed = head) =>
  [
    headerLine({
      format: EXPORT_FORMAT,
      version: 1,
      operation: { id: OPERATION, code: "OP", name: "Op" },
      head: claimed,
      exportedAt: "2026-01-01T00:00:00.000Z",
    }),
    ...rs.map(eventLine),
  ]
    .join("")
    .trimEnd()
    .split("\n");
const check = (lines: string[], target?: { hash: string; seq?: number }) => {
  const v = exportVerifier(target);
  for (const l of lines) if (!v.line(l)) break;
  return v.finish();
};

describe("checking a ledger export", () => {
  it("writes each line in canonical form with exactly the hashed fields, its id and hash", () => {
    const line = eventLine(records[0]!);
    const parsed = JSON.parse(line) as RecordedEvent & { id: string };
    expect(line).toBe(`${canonicalJson(parsed)}\n`);
    expect(hashEvent(parsed)).toBe(records[0]!.hash);
    expect(parsed.id).toBe(records[0]!.event.id);
    expect(Object.keys(JSON.parse(eventLine(records[0]!)) as object)).toEqual([
      "event",
      "hash",
      "id",
      "operationId",
      "prevHash",
      "recordedAt",
      "recordedBy",
      "seq",
    ]);
  });

  it("accepts an intact export and finds a hash at the seq where it is the head", () => {
    expect(check(file(), { hash: records[2]!.hash })).toMatchObject({ ok: true, head, checked: 5, found: { seq: 3 } });
    expect(check(file(), { hash: records[2]!.hash, seq: 3 })).toMatchObject({ ok: true, found: { seq: 3 } });
  });

  it("does not find a hash at another seq, or one that is not there", () => {
    expect(check(file(), { hash: records[2]!.hash, seq: 4 })).not.toHaveProperty("found");
    expect(check(file(), { hash: "b".repeat(64) })).toMatchObject({ ok: true });
    expect(check(file(), { hash: "b".repeat(64) })).not.toHaveProperty("found");
  });

  it("names the first altered event", () => {
    const lines = file();
    lines[3] = lines[3]!.replace('"quantity":"300"', '"quantity":"3000"');
    expect(check(lines)).toMatchObject({
      ok: false,
      seq: 3,
      reason: "line 4: event 3 was altered: its content no longer matches its hash",
    });
  });

  it("names a removed event, swapped events and a cut-off tail", () => {
    expect(check(file().filter((_, i) => i !== 2))).toMatchObject({ ok: false, seq: 2 });
    const swapped = file();
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(check(swapped)).toMatchObject({ ok: false, seq: 2 });
    expect(check(file().slice(0, -1))).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringContaining("the header says the export runs to event 5"),
    });
  });

  it("refuses a line whose id does not match its event, or that belongs to another operation", () => {
    const lines = file();
    lines[1] = lines[1]!.replace(`"id":"${records[0]!.event.id}"`, `"id":"${records[1]!.event.id}"`);
    expect(check(lines)).toMatchObject({ ok: false, seq: 1, reason: expect.stringContaining("its id differs") });
    const other = file();
    other[1] = other[1]!.replace(
      `"operationId":"${OPERATION}"`,
      '"operationId":"0193c0de-0000-7000-8000-00000000000b"',
    );
    expect(check(other)).toMatchObject({ ok: false, reason: expect.stringContaining("belongs to another operation") });
  });

  it("refuses what is not an export", () => {
    expect(check([])).toMatchObject({ ok: false, reason: expect.stringContaining("empty") });
    expect(check(["not json"])).toMatchObject({ ok: false, line: 1 });
    expect(check(['{"format":"something-else"}'])).toMatchObject({ ok: false, line: 1 });
  });
});
