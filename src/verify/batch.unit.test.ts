import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent } from "../core/chain.ts";
import type { RecordedEvent } from "../core/events.ts";
import { eventLineBody, eventLineLink, eventLineUnit, parseEventLine } from "../store/verify.sql.ts";
import { eventChecker, mergeSums, movesCsvOfLines, shardOf } from "./batch.ts";

const OP = "0193a000-0000-7000-8000-000000000001";
const USER = "0193a000-0000-7000-8000-000000000002";

/** A line as store/verify.sql.ts `readEventLines` has the database write it. */
function lineOf(r: RecordedEvent, columns: Partial<{ id: string; type: string; eventMs: number }> = {}): string {
  return [
    r.seq,
    r.prevHash,
    r.hash,
    columns.id ?? r.event.id,
    columns.type ?? r.event.type,
    columns.eventMs ?? Date.parse(r.event.eventTime),
    Date.parse(r.recordedAt),
    r.recordedBy,
    JSON.stringify(r.event),
    r.event.unit ?? "",
  ].join("\t");
}

function chained(events: RecordedEvent["event"][]): RecordedEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, i) => {
    const unhashed = {
      operationId: OP,
      seq: i + 1,
      recordedAt: "2021-06-01T00:00:00.000Z",
      recordedBy: USER,
      event,
      prevHash,
    };
    const record = { ...unhashed, hash: hashEvent(unhashed) };
    prevHash = record.hash;
    return record;
  });
}

const loaded = (unit: string, quantity: string, k: number): RecordedEvent["event"] => ({
  id: `0193a000-0000-7000-8000-0000000001${String(k).padStart(2, "0")}`,
  type: "GoodsLoaded",
  eventTime: `2021-01-01T00:00:0${k}.123456+04:00`,
  unit,
  from: "DEPOT",
  to: `unit:${unit}`,
  location: "DEPOT",
  lines: [{ item: "LUMBER", quantity, uom: "MTQ" }],
});

describe("a line of verify's event reading", () => {
  const [record] = chained([loaded("9\t1", "2.5", 1)]);
  const line = lineOf(record!);

  it("gives back the record, its links, its body and its unit, even a unit holding a tab", () => {
    expect(parseEventLine(OP, line)).toEqual({ record });
    expect(eventLineLink(line)).toEqual({ seq: 1, prevHash: GENESIS_HASH, hash: record!.hash });
    expect(JSON.parse(eventLineBody(line))).toEqual(record!.event);
    expect(eventLineUnit(line)).toBe("9\t1");
  });

  it("names a derived column that disagrees with the body", () => {
    expect(parseEventLine(OP, lineOf(record!, { type: "UnitArrived" })).mismatch).toMatch(/type column/);
    expect(parseEventLine(OP, lineOf(record!, { eventMs: 0 })).mismatch).toMatch(/event_time column/);
  });
});

describe("checking a batch", () => {
  const records = chained([loaded("1", "3", 1), loaded("2", "0.25", 2), loaded("1", "4", 3)]);
  const lines = records.map((r) => lineOf(r));

  it("finds every hash intact, the first altered event, and folds only the units it owns", () => {
    const whole = eventChecker(OP);
    expect(whole.check(lines, true)).toMatchObject({ altered: null, mismatch: null, moves: 3 });
    expect([...whole.folded().keys()].sort()).toEqual(["1", "2"]);
    const altered = lines.map((l, i) => (i === 1 ? l.replace('"0.25"', '"0.5"') : l));
    expect(eventChecker(OP).check(altered, true)).toMatchObject({ altered: 2 });
    const owner = shardOf("1", 2);
    const half = eventChecker(OP, owner, 2);
    half.check(lines, false);
    expect([...half.folded().keys()]).toEqual(shardOf("2", 2) === owner ? ["1", "2"] : ["1"]);
    expect(half.folded().get("1")).toEqual(whole.folded().get("1"));
  });

  it("sums the moves per place and item exactly, and gives them as CSV on demand", () => {
    const checker = eventChecker(OP);
    checker.check(lines, true);
    expect(checker.sums()).toEqual(
      expect.arrayContaining([
        { location: "DEPOT", item: "LUMBER", quantity: "-7.25" },
        { location: "unit:1", item: "LUMBER", quantity: "7" },
        { location: "unit:2", item: "LUMBER", quantity: "0.25" },
      ]),
    );
    expect(movesCsvOfLines(OP, lines).split("\n")[0]).toBe(
      "1,0,LUMBER,3,DEPOT,unit:1,2021-01-01T00:00:01.123456+04:00",
    );
  });

  it("adds sums past 2^53 and fractions exactly", () => {
    const part = (quantity: string) => [{ location: "A", item: "X", quantity }];
    expect(mergeSums([part("9007199254740991"), part("1"), part("0.5"), part("-2")])).toEqual(
      part("9007199254740990.5"),
    );
  });
});
