// A ledger export is JSON Lines: a header naming the operation and the head it was
// exported at, then one line per event holding exactly what its hash covers
// (operationId, seq, recordedAt, recordedBy, event, prevHash), its id and its hash,
// each line in RFC 8785 canonical form. Anyone can recompute the chain from the file
// alone and check that a published hash is the head at some seq.
import type { ChainHead } from "./chain.ts";
import { canonicalJson, chainVerifier } from "./chain.ts";
import type { LedgerEvent, RecordedEvent } from "./events.ts";

export const EXPORT_FORMAT = "reliefline-ledger-export";
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  operation: { id: string; code: string; name: string };
  /** The head the export runs to: its last line is this seq with this hash. */
  head: ChainHead;
  exportedAt: string;
}

export const headerLine = (header: ExportHeader): string => `${canonicalJson(header)}\n`;

export const eventLine = (r: RecordedEvent): string =>
  `${canonicalJson({ seq: r.seq, id: r.event.id, operationId: r.operationId, recordedAt: r.recordedAt, recordedBy: r.recordedBy, event: r.event, prevHash: r.prevHash, hash: r.hash })}\n`;

export type ExportCheck =
  | { ok: true; operation: ExportHeader["operation"]; head: ChainHead; checked: number; found?: ChainHead }
  | { ok: false; line: number; seq?: number; reason: string; checked: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseHeader(text: string): ExportHeader | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "the first line is not JSON: this is not a Reliefline ledger export";
  }
  if (!isObject(value) || value.format !== EXPORT_FORMAT)
    return `the first line does not say format "${EXPORT_FORMAT}": this is not a Reliefline ledger export`;
  if (value.version !== EXPORT_VERSION)
    return `the export is version ${String(value.version)}; this reliefline reads version ${EXPORT_VERSION}`;
  const op = value.operation;
  const head = value.head;
  if (
    !isObject(op) ||
    typeof op.id !== "string" ||
    typeof op.code !== "string" ||
    !isObject(head) ||
    typeof head.seq !== "number" ||
    typeof head.hash !== "string"
  ) {
    return "the header line lacks the operation or the head it was exported at";
  }
  return value as unknown as ExportHeader;
}

function parseEvent(text: string): RecordedEvent | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return "it is not JSON";
  }
  if (!isObject(v)) return "it is not a JSON object";
  for (const [field, type] of [
    ["seq", "number"],
    ["id", "string"],
    ["operationId", "string"],
    ["recordedAt", "string"],
    ["recordedBy", "string"],
    ["prevHash", "string"],
    ["hash", "string"],
  ] as const) {
    if (typeof v[field] !== type) return `its ${field} is missing or not a ${type}`;
  }
  if (!isObject(v.event)) return "its event is missing";
  if ((v.event as { id?: unknown }).id !== v.id) return "its id differs from the id of its event";
  return {
    operationId: v.operationId as string,
    seq: v.seq as number,
    recordedAt: v.recordedAt as string,
    recordedBy: v.recordedBy as string,
    event: v.event as unknown as LedgerEvent,
    prevHash: v.prevHash as string,
    hash: v.hash as string,
  };
}

/**
 * Checks an export line by line: `line(text)` for each line in file order, then
 * `finish()`. With `target`, also finds where that hash is the head (at `seq` if given).
 */
export function exportVerifier(target?: { hash: string; seq?: number }) {
  const chain = chainVerifier();
  let header: ExportHeader | undefined;
  let lineNo = 0;
  let lastSeq = 0;
  let found: ChainHead | undefined;
  let failure: { line: number; seq?: number; reason: string } | undefined;
  return {
    line(text: string): boolean {
      if (failure) return false;
      lineNo += 1;
      if (lineNo === 1) {
        const parsed = parseHeader(text);
        if (typeof parsed === "string") failure = { line: 1, reason: parsed };
        else header = parsed;
        return !failure;
      }
      if (text.trim() === "") {
        failure = {
          line: lineNo,
          seq: lastSeq + 1,
          reason: `line ${lineNo} is empty where event ${lastSeq + 1} should be`,
        };
        return false;
      }
      const record = parseEvent(text);
      if (typeof record === "string") {
        failure = {
          line: lineNo,
          seq: lastSeq + 1,
          reason: `line ${lineNo} (after event ${lastSeq}) cannot be read: ${record}`,
        };
        return false;
      }
      if (record.operationId !== header!.operation.id) {
        failure = {
          line: lineNo,
          seq: record.seq,
          reason: `line ${lineNo} (event ${record.seq}) belongs to another operation (${record.operationId})`,
        };
        return false;
      }
      if (!chain.step(record)) {
        const bad = chain.finish({ seq: record.seq, hash: record.hash });
        failure = {
          line: lineNo,
          seq: bad.ok ? record.seq : bad.seq,
          reason: `line ${lineNo}: ${bad.ok ? "broken" : bad.reason}`,
        };
        return false;
      }
      lastSeq = record.seq;
      if (target && record.hash === target.hash && (target.seq === undefined || target.seq === record.seq))
        found ??= { seq: record.seq, hash: record.hash };
      return true;
    },
    finish(): ExportCheck {
      if (!failure && !header)
        failure = { line: 0, reason: "the file is empty: this is not a Reliefline ledger export" };
      if (failure) return { ok: false, ...failure, checked: lastSeq };
      const end = chain.finish(header!.head);
      if (!end.ok)
        return {
          ok: false,
          line: lineNo,
          seq: end.seq,
          reason: `the header says the export runs to event ${header!.head.seq}: ${end.reason}`,
          checked: end.checked,
        };
      return { ok: true, operation: header!.operation, head: end.head, checked: end.checked, ...(found && { found }) };
    },
  };
}
