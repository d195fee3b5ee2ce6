// How each Reliefline event type is written as an EPCIS 2.0 event, in one table that
// both the export and the import read.
//
// | Reliefline       | EPCIS event       | action  | bizStep       | disposition       | what                               |
// |------------------|-------------------|---------|---------------|-------------------|------------------------------------|
// | GoodsPledged     | ObjectEvent       | ADD     | commissioning | active            | quantityList                       |
// | GoodsLoaded      | AggregationEvent  | ADD     | loading       | in_progress       | parentID = unit, childQuantityList |
// | UnitDeparted     | ObjectEvent       | OBSERVE | departing     | in_transit        | epcList = [unit]                   |
// | UnitArrived      | ObjectEvent       | OBSERVE | arriving      | in_progress       | epcList = [unit]                   |
// | GoodsUnloaded    | AggregationEvent  | DELETE  | unloading     | in_progress       | parentID = unit, childQuantityList |
// | GoodsReceived    | ObjectEvent (*)   | OBSERVE | receiving     | available / mismatch_quantity / damaged | quantityList (counted) |
// | GoodsStored      | ObjectEvent       | OBSERVE | storing       | available         | quantityList                       |
// | StockTransferred | ObjectEvent       | OBSERVE | transporting  | available         | quantityList                       |
// | GoodsShipped     | ObjectEvent (*)   | OBSERVE | shipping      | in_transit        | quantityList                       |
// | GoodsDistributed | ObjectEvent       | OBSERVE | dispensing    | dispensed         | quantityList                       |
// | StockWrittenOff  | ObjectEvent       | DELETE  | destroying    | destroyed         | quantityList                       |
//
// (*) with a transport unit, GoodsShipped is an AggregationEvent ADD (goods put into the
// truck) and GoodsReceived an AggregationEvent DELETE (goods taken out of it and counted).
//
// Why AggregationEvent for loading and unloading: EPCIS models "these goods are now in
// (or out of) this container" as aggregation, with the container as parentID; that is
// exactly what loading a rail car is. TransactionEvent is not used: it requires a
// bizTransactionList (a purchase order, a waybill number), and Reliefline records no
// business-document ids; a pledge is an ObjectEvent ADD from an owning_party source.
import type { EventType, LedgerEvent } from "../events.ts";
import { EVENT_SPECS, EVENT_TYPES } from "../events.ts";

export type EpcisType = "ObjectEvent" | "AggregationEvent";
export type EpcisAction = "ADD" | "OBSERVE" | "DELETE";

export interface Shape {
  type: EpcisType;
  action: EpcisAction;
  bizStep: string;
  disposition: string;
}

const BASE: Record<EventType, { action: EpcisAction; disposition: string }> = {
  GoodsPledged: { action: "ADD", disposition: "active" },
  GoodsLoaded: { action: "ADD", disposition: "in_progress" },
  UnitDeparted: { action: "OBSERVE", disposition: "in_transit" },
  UnitArrived: { action: "OBSERVE", disposition: "in_progress" },
  GoodsUnloaded: { action: "DELETE", disposition: "in_progress" },
  GoodsReceived: { action: "OBSERVE", disposition: "available" },
  GoodsStored: { action: "OBSERVE", disposition: "available" },
  StockTransferred: { action: "OBSERVE", disposition: "available" },
  GoodsShipped: { action: "OBSERVE", disposition: "in_transit" },
  GoodsDistributed: { action: "OBSERVE", disposition: "dispensed" },
  StockWrittenOff: { action: "DELETE", disposition: "destroyed" },
  // Equipment changes hands but stays in use: observed into the custodian's possession.
  EquipmentHandedOver: { action: "OBSERVE", disposition: "active" },
};

/** Whether goods go into (ADD) or come out of (DELETE) the event's transport unit. */
const UNIT_AGGREGATION: Partial<Record<EventType, EpcisAction>> = {
  GoodsLoaded: "ADD",
  GoodsShipped: "ADD",
  GoodsUnloaded: "DELETE",
  GoodsReceived: "DELETE",
};

export function shapeOf(event: LedgerEvent): Shape {
  const base = BASE[event.type];
  const aggregation =
    event.unit !== undefined && (event.lines?.length ?? 0) > 0 ? UNIT_AGGREGATION[event.type] : undefined;
  return {
    type: aggregation ? "AggregationEvent" : "ObjectEvent",
    action: aggregation ?? base.action,
    bizStep: EVENT_SPECS[event.type].bizStep,
    disposition: event.type === "GoodsReceived" ? receiptDisposition(event) : base.disposition,
  };
}

/** A count that differs from what was expected is a CBV `mismatch_quantity`; damaged goods are `damaged`. */
function receiptDisposition(event: LedgerEvent): string {
  const lines = event.lines ?? [];
  if (lines.some((l) => l.expected !== undefined && l.expected !== l.quantity)) return "mismatch_quantity";
  if (lines.some((l) => l.condition === "damaged")) return "damaged";
  return "available";
}

/** The Reliefline event type for a CBV business step (each type has its own step). */
export const TYPE_BY_BIZSTEP: ReadonlyMap<string, EventType> = new Map(
  EVENT_TYPES.map((t) => [EVENT_SPECS[t].bizStep, t]),
);

/** A bizStep written as a short name, a CBV 2.0 web URI or an EPCIS 1.x URN, as its short name. */
export function shortBizStep(value: string): string {
  const web = /^https?:\/\/(?:ref\.gs1\.org|ns\.gs1\.org)\/cbv\/BizStep-([a-z_]+)$/.exec(value);
  const urn = /^urn:epcglobal:cbv:bizstep:([a-z_]+)$/.exec(value);
  return web?.[1] ?? urn?.[1] ?? value;
}
