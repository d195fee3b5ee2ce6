import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChainHead } from "./chain.ts";
import { canonicalJson, chainVerifier, GENESIS_HASH, hashEvent, sameEvent } from "./chain.ts";
import type { LedgerEvent, RecordedEvent } from "./events.ts";

const OPERATION = "0193c0de-0000-7000-8000-00000000000a";
const ALICE = "0193c0de-0000-7000-8000-0000000000a1";
const MALLORY = "0193c0de-0000-7000-8000-0000000000b2";

const pledge = (n: number): LedgerEvent => ({
  id: `0193c0de-0000-7000-8000-${String(n).padStart(12, "0")}`,
  type: "GoodsPledged",
  eventTime: `2020-12-0${n}T08:00:00+04:00`,
  location: "DEPOT",
  from: "donor:DONOR-TEST-OP",
  to: "DEPOT",
  lines: [{ item: "LUMBER", quantity: String(100 * n), uom: "MTQ" }],
});

/** Links events into a chain from the genesis hash, as the recorder does. */
function build(events: LedgerEvent[], start: ChainHead = { seq: 0, hash: GENESIS_HASH }): RecordedEvent[] {
  let prev = start;
  return events.map((event) => {
    const unhashed = {
      operationId: OPERATION,
      seq: prev.seq + 1,
      recordedAt: "2020-12-05T10:00:00.000Z",
      recordedBy: ALICE,
      event,
      prevHash: prev.hash,
    };
    const record = { ...unhashed, hash: hashEvent(unhashed) };
    prev = { seq: record.seq, hash: record.hash };
    return record;
  });
}
const headOf = (records: RecordedEvent[]): ChainHead => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });

/** Runs the verifier over `records` and checks them against the claimed head. */
function verify(records: RecordedEvent[], claimed: ChainHead, start?: ChainHead) {
  const v = chainVerifier(start);
  for (const r of records) if (!v.step(r)) break;
  return v.finish(claimed);
}

const chain5 = () => build([1, 2, 3, 4, 5].map(pledge));

describe("the chain verifier", () => {
  it("accepts an intact chain and reports its head", () => {
    const records = chain5();
    expect(verify(records, headOf(records))).toEqual({ ok: true, head: headOf(records), checked: 5 });
  });

  it("accepts an empty chain at the genesis head", () => {
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({
      ok: true,
      head: { seq: 0, hash: GENESIS_HASH },
      checked: 0,
    });
  });

  it("continues from a checkpoint head", () => {
    const records = chain5();
    expect(verify(records.slice(2), headOf(records), headOf(records.slice(0, 2)))).toMatchObject({
      ok: true,
      checked: 3,
    });
  });

  it("detects an altered event and names its seq", () => {
    const records = chain5();
    const altered = structuredClone(records);
    altered[2]!.event.lines![0]!.quantity = "301";
    expect(verify(altered, headOf(records))).toEqual({
      ok: false,
      seq: 3,
      reason: "event 3 was altered: its content no longer matches its hash",
      checked: 3,
    });
  });

  it("detects an altered event whose hash was recomputed: the next event no longer links to it", () => {
    const records = chain5();
    const forged = structuredClone(records);
    forged[2]!.event.lines![0]!.quantity = "301";
    forged[2]!.hash = hashEvent(forged[2]!);
    expect(verify(forged, headOf(records))).toMatchObject({
      ok: false,
      seq: 4,
      reason: expect.stringContaining("does not link to event 3"),
    });
  });

  it("detects a removed middle event", () => {
    const records = chain5();
    const gap = [...records.slice(0, 2), ...records.slice(3)];
    expect(verify(gap, headOf(records))).toEqual({
      ok: false,
      seq: 3,
      reason: "event 3 is missing (next found is 4)",
      checked: 3,
    });
  });

  it("detects a removed last event through the head the ledger claims", () => {
    const records = chain5();
    const result = verify(records.slice(0, 4), headOf(records));
    expect(result).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringContaining("says it holds 5 events, but the chain ends at 4"),
    });
  });

  it("detects a claimed head whose hash is not the last event's", () => {
    const records = chain5();
    expect(verify(records, { seq: 5, hash: "f".repeat(64) })).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringContaining("head hash does not match"),
    });
  });

  it("detects reordered events", () => {
    const records = chain5();
    const swapped = [records[0]!, records[2]!, records[1]!, records[3]!, records[4]!];
    expect(verify(swapped, headOf(records))).toMatchObject({ ok: false, seq: 2 });
    const backwards = [records[0]!, records[1]!, records[0]!];
    expect(verify(backwards, headOf(records))).toMatchObject({ ok: false, seq: 3, reason: "event 1 is out of order" });
  });

  it("detects events swapped and renumbered to look in order", () => {
    const records = chain5();
    const renumbered = structuredClone(records);
    [renumbered[1]!.event, renumbered[2]!.event] = [renumbered[2]!.event, renumbered[1]!.event];
    expect(verify(renumbered, headOf(records))).toMatchObject({
      ok: false,
      seq: 2,
      reason: expect.stringContaining("altered"),
    });
  });

  it("detects a changed previous-hash, even with the event's own hash recomputed", () => {
    const records = chain5();
    const relinked = structuredClone(records);
    relinked[3]!.prevHash = "a".repeat(64);
    expect(verify(relinked, headOf(records))).toMatchObject({
      ok: false,
      seq: 4,
      reason: "event 4 does not link to event 3: its previous-hash was changed",
    });
    relinked[3]!.hash = hashEvent(relinked[3]!);
    expect(verify(relinked, headOf(records))).toMatchObject({
      ok: false,
      seq: 4,
      reason: expect.stringContaining("previous-hash"),
    });
  });

  it.each([
    ["recordedBy", (r: RecordedEvent) => void (r.recordedBy = MALLORY)],
    ["recordedAt", (r: RecordedEvent) => void (r.recordedAt = "2020-12-05T10:00:01.000Z")],
    ["operationId", (r: RecordedEvent) => void (r.operationId = MALLORY)],
    ["event time", (r: RecordedEvent) => void (r.event.eventTime = "2020-12-01T08:00:00+03:00")],
    ["an added field", (r: RecordedEvent) => void (r.event.note = "added later")],
  ])("detects a changed %s", (_, change) => {
    const records = chain5();
    const altered = structuredClone(records);
    change(altered[1]!);
    expect(verify(altered, headOf(records))).toMatchObject({
      ok: false,
      seq: 2,
      reason: expect.stringContaining("altered"),
    });
  });

  it("stops at the first failure: later steps return false and are not counted", () => {
    const records = structuredClone(chain5());
    records[0]!.recordedBy = MALLORY;
    const v = chainVerifier();
    expect(records.map((r) => v.step(r))).toEqual([false, false, false, false, false]);
    expect(v.finish(headOf(records))).toMatchObject({ ok: false, seq: 1, checked: 1 });
  });
});

describe("hashing", () => {
  it("is SHA-256 over the previous hash and the RFC 8785 canonical JSON of the record without its hash", () => {
    const event: LedgerEvent = {
      id: "e1",
      type: "UnitArrived",
      eventTime: "2020-12-01T08:00:00Z",
      unit: "24073082",
      location: "HUB",
    };
    const record = {
      operationId: "op",
      seq: 1,
      recordedAt: "2020-12-05T10:00:00.000Z",
      recordedBy: "u",
      event,
      prevHash: GENESIS_HASH,
    };
    const body =
      `{"event":{"eventTime":"2020-12-01T08:00:00Z","id":"e1","location":"HUB","type":"UnitArrived","unit":"24073082"},` +
      `"operationId":"op","prevHash":"${GENESIS_HASH}","recordedAt":"2020-12-05T10:00:00.000Z","recordedBy":"u","seq":1}`;
    expect(hashEvent(record)).toBe(
      createHash("sha256")
        .update(GENESIS_HASH + body)
        .digest("hex"),
    );
    expect(hashEvent(record)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stable under key order (canonical JSON), and ignores a stale `hash` field", () => {
    const [record] = build([pledge(1)]);
    const reversed = (o: object): object =>
      Object.fromEntries(
        Object.entries(o)
          .reverse()
          .map(([k, v]) => [k, v && typeof v === "object" && !Array.isArray(v) ? reversed(v) : v]),
      );
    const shuffled = {
      ...(reversed(record!) as RecordedEvent),
      event: {
        ...(reversed(record!.event) as LedgerEvent),
        lines: record!.event.lines!.map((l) => reversed(l) as typeof l),
      },
    };
    expect(Object.keys(shuffled)[0]).not.toBe(Object.keys(record!)[0]);
    expect(hashEvent(shuffled)).toBe(record!.hash);
    expect(hashEvent({ ...record!, hash: "whatever" } as RecordedEvent)).toBe(record!.hash);
  });

  it("canonical JSON sorts keys, drops no array order and spells numbers one way", () => {
    expect(canonicalJson({ b: 1, a: [3, 1, 2], c: { z: 1.0, y: "é" } })).toBe(
      '{"a":[3,1,2],"b":1,"c":{"y":"é","z":1}}',
    );
  });

  it("tells the same event apart from a different one, whatever the key order (idempotent retries)", () => {
    const a = pledge(2);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as LedgerEvent;
    expect(sameEvent(a, reordered)).toBe(true);
    expect(sameEvent(a, { ...a, lines: [{ ...a.lines![0]!, quantity: "201" }] })).toBe(false);
    expect(sameEvent(a, { ...a, note: "" })).toBe(false);
  });

  it("chains differently when anything upstream differs", () => {
    const a = build([pledge(1), pledge(2)]);
    const b = build([{ ...pledge(1), note: "x" }, pledge(2)]);
    expect(a[1]!.hash).not.toBe(b[1]!.hash);
    expect(a[1]!.prevHash).toBe(a[0]!.hash);
  });
});
