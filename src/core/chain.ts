// The tamper-evident chain: each event's hash covers the previous hash and the
// RFC 8785 canonical JSON of everything stored for the event except its own hash.
// Altering, inserting or removing any row breaks the chain from that row on.
import { createHash } from "node:crypto";
import type { LedgerEvent, RecordedEvent } from "./events.ts";
import { factOf } from "./origin.ts";

export const GENESIS_HASH = "0".repeat(64);

export type Unhashed = Omit<RecordedEvent, "hash">;

/**
 * RFC 8785 (JCS) canonical JSON: object members sorted by their names' UTF-16 code
 * units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them.
 * Written out by hand (the `canonicalize` package is the reference the tests compare
 * with) because every append hashes every event: this is about three times faster.
 */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError("value has no canonical JSON form");
  return text;
}

function canonical(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value))
        throw new Error(Number.isNaN(value) ? "NaN is not allowed" : "Infinity is not allowed");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return JSON.stringify(value);
  }
  const object = value as Record<string, unknown> & { toJSON?: unknown };
  if (typeof object.toJSON === "function") return canonical((object.toJSON as () => unknown)());
  if (Array.isArray(object)) {
    let out = "[";
    for (let i = 0; i < object.length; i++) {
      const item: unknown = object[i];
      out += (i === 0 ? "" : ",") + (item === undefined || typeof item === "symbol" ? "null" : canonical(item));
    }
    return `${out}]`;
  }
  const keys = Object.keys(object).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === "symbol") continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonical(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** The canonical JSON the chain hashes for a record: its members in RFC 8785 order, written directly. */
export function canonicalRecord(record: Unhashed): string {
  return (
    `{"event":${canonicalJson(record.event)},"operationId":${JSON.stringify(record.operationId)},"prevHash":${JSON.stringify(record.prevHash)},` +
    `"recordedAt":${JSON.stringify(record.recordedAt)},"recordedBy":${JSON.stringify(record.recordedBy)},"seq":${canonicalJson(record.seq)}}`
  );
}

export function hashEvent(record: Unhashed): string {
  return createHash("sha256").update(record.prevHash).update(canonicalRecord(record)).digest("hex");
}

/** Whether two versions of one event state the same fact (for idempotent retries; how each was recorded may differ). */
export const sameEvent = (a: LedgerEvent, b: LedgerEvent): boolean =>
  canonicalJson(factOf(a)) === canonicalJson(factOf(b));

/** What linking needs of a record: its place in the sequence, its previous hash and its own. */
export type ChainLink = Pick<RecordedEvent, "seq" | "prevHash" | "hash">;

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainCheck =
  { ok: true; head: ChainHead; checked: number } | { ok: false; seq: number; reason: string; checked: number };

/**
 * Walks records in sequence order from `start`, recomputing every hash. Call `step`
 * for each record and `finish` with the head the operation claims to have reached.
 * With `hashes: false` it checks only the links (sequence and previous hash), for a caller
 * that recomputes the hashes elsewhere (verify does it on worker threads).
 */
export function chainVerifier(start: ChainHead = { seq: 0, hash: GENESIS_HASH }, options: { hashes?: boolean } = {}) {
  const hashes = options.hashes ?? true;
  let head = start;
  let checked = 0;
  let failure: { seq: number; reason: string } | undefined;
  const fail = (seq: number, reason: string) => (failure ??= { seq, reason });
  return {
    /** With `hashes` (the default) give whole records; without, their links are enough. */
    step(record: RecordedEvent | ChainLink): boolean {
      if (failure) return false;
      checked += 1;
      if (record.seq !== head.seq + 1) {
        fail(
          head.seq + 1,
          record.seq > head.seq + 1
            ? `event ${head.seq + 1} is missing (next found is ${record.seq})`
            : `event ${record.seq} is out of order`,
        );
      } else if (record.prevHash !== head.hash) {
        fail(record.seq, `event ${record.seq} does not link to event ${head.seq}: its previous-hash was changed`);
      } else if (hashes && hashEvent(record as RecordedEvent) !== record.hash) {
        fail(record.seq, `event ${record.seq} was altered: its content no longer matches its hash`);
      } else {
        head = { seq: record.seq, hash: record.hash };
      }
      return !failure;
    },
    finish(claimed: ChainHead): ChainCheck {
      if (!failure && claimed.seq !== head.seq) {
        fail(
          head.seq + 1,
          `the ledger says it holds ${claimed.seq} events, but the chain ends at ${head.seq}: event ${head.seq + 1} onwards is missing`,
        );
      } else if (!failure && claimed.hash !== head.hash) {
        fail(head.seq, `the ledger's head hash does not match event ${head.seq}`);
      }
      return failure ? { ok: false, ...failure, checked } : { ok: true, head, checked };
    },
  };
}
