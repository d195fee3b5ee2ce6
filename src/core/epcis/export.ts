// An operation's ledger as an EPCIS 2.0 JSON-LD document: pure, from recorded events,
// the operation's locations and a creation time. The event table is in mapping.ts.
//
// Where:  readPoint = the event's location; bizLocation = the physical place the goods
//         are in afterwards (omitted while they are on a transport unit or given away).
//         A location with a UN/LOCODE carries it as `rl:unlocode` next to its id.
// From/to: sourceList / destinationList. A donor (`donor:<org>`) is an `owning_party`
//         (the organisation's URI); any other end is a `location`. The transport unit
//         itself is the parentID (or the epcList of a departure/arrival), not repeated.
// Extras: namespaced fields under `rl:` — type, seq, hash, team, neighbourhood,
//         households, people, note, and per-line `expected`/`condition` in `rl:lines`.
import type { LedgerEvent, RecordedEvent } from "../events.ts";
import type { LocationKind } from "../catalogue.ts";
import { VIRTUAL_KINDS } from "../catalogue.ts";
import { shapeOf } from "./mapping.ts";
import { EPCIS_CONTEXT, ID_BASE, RL_NAMESPACE, itemUri, locationUri, organisationUri, unitUri } from "./uris.ts";

export type EpcisEvent = Record<string, unknown>;

export interface EpcisDocument {
  "@context": [string, Record<string, string>];
  id: string;
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

export interface ExportLocation {
  kind: LocationKind;
  unlocode?: string | null;
}

export interface ExportContext {
  operation: string;
  locations: ReadonlyMap<string, ExportLocation>;
  now: Date;
}

export function toEpcisDocument(records: readonly RecordedEvent[], ctx: ExportContext): EpcisDocument {
  const head = records.at(-1);
  return {
    "@context": [EPCIS_CONTEXT, { rl: RL_NAMESPACE }],
    id: `${ID_BASE}/${encodeURIComponent(ctx.operation)}/epcis/${head ? head.seq : 0}`,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: ctx.now.toISOString(),
    epcisBody: { eventList: records.map((r) => toEpcisEvent(r, ctx)) },
  };
}

export function toEpcisEvent(record: RecordedEvent, ctx: ExportContext): EpcisEvent {
  const e = record.event;
  const shape = shapeOf(e);
  const op = ctx.operation;
  const place = (code: string) => {
    const unlocode = ctx.locations.get(code)?.unlocode;
    return { id: locationUri(op, code), ...(unlocode && { "rl:unlocode": unlocode }) };
  };
  const quantities = (e.lines ?? []).map((l) => ({
    epcClass: itemUri(op, l.item),
    quantity: Number(l.quantity),
    uom: l.uom,
  }));
  const unit = e.unit === undefined ? undefined : unitUri(op, e.unit);
  const what =
    shape.type === "AggregationEvent"
      ? { parentID: unit, childQuantityList: quantities }
      : quantities.length > 0
        ? { quantityList: quantities }
        : { epcList: unit ? [unit] : [] };
  const unitCode = e.unit === undefined ? undefined : `unit:${e.unit}`;
  const source = endpoint(e.from, unitCode, op, "source");
  const destination = endpoint(e.type === "GoodsDistributed" ? e.neighbourhood : e.to, unitCode, op, "destination");
  const after = bizLocationOf(e, ctx);
  const extraLines = (e.lines ?? []).some((l) => l.expected !== undefined || l.condition !== undefined)
    ? (e.lines ?? []).map((l) => ({
        item: l.item,
        ...(l.expected !== undefined && { expected: l.expected }),
        ...(l.condition !== undefined && { condition: l.condition }),
      }))
    : undefined;
  return {
    type: shape.type,
    eventID: `urn:uuid:${e.id}`,
    eventTime: withSeconds(e.eventTime),
    eventTimeZoneOffset: offsetOf(e.eventTime),
    recordTime: record.recordedAt,
    action: shape.action,
    bizStep: shape.bizStep,
    disposition: shape.disposition,
    ...what,
    ...(e.location !== undefined && { readPoint: place(e.location) }),
    ...(after !== undefined && { bizLocation: place(after) }),
    ...(source && { sourceList: [source] }),
    ...(destination && { destinationList: [destination] }),
    "rl:type": e.type,
    "rl:seq": record.seq,
    "rl:hash": record.hash,
    ...(e.team !== undefined && { "rl:team": e.team }),
    ...(e.neighbourhood !== undefined && { "rl:neighbourhood": e.neighbourhood }),
    ...(e.households !== undefined && { "rl:households": e.households }),
    ...(e.people !== undefined && { "rl:people": e.people }),
    ...(e.note !== undefined && { "rl:note": e.note }),
    ...(extraLines && { "rl:lines": extraLines }),
  };
}

function endpoint(code: string | undefined, unitCode: string | undefined, op: string, key: "source" | "destination") {
  if (code === undefined || code === unitCode) return undefined;
  if (code.startsWith("donor:")) return { type: "owning_party", [key]: organisationUri(code.slice("donor:".length)) };
  return { type: "location", [key]: locationUri(op, code) };
}

/** Where the goods physically are after the event, when that is one of our real places. */
function bizLocationOf(e: LedgerEvent, ctx: ExportContext): string | undefined {
  const candidate =
    e.type === "UnitArrived" || e.type === "GoodsReceived" ? e.location : e.type === "UnitDeparted" ? undefined : e.to;
  if (candidate === undefined) return undefined;
  const kind = ctx.locations.get(candidate)?.kind;
  return kind && !VIRTUAL_KINDS.includes(kind) && kind !== "transport-unit" ? candidate : undefined;
}

const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** EPCIS wants the offset both inside eventTime and on its own; Z is +00:00. */
export function offsetOf(eventTime: string): string {
  const found = OFFSET.exec(eventTime)?.[1] ?? "Z";
  return found === "Z" ? "+00:00" : found;
}

/** RFC 3339 date-time needs seconds; Reliefline accepts 10:30+04:00, so add them. */
export function withSeconds(eventTime: string): string {
  return eventTime.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/, "$1:00$2");
}
