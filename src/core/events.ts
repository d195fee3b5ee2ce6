// The facts Reliefline records. Each event type is a past-tense fact aligned with a
// GS1 CBV business step; `spec` says which fields it needs and where goods go.

export const EVENT_TYPES = [
  "GoodsPledged",
  "GoodsLoaded",
  "UnitDeparted",
  "UnitArrived",
  "GoodsUnloaded",
  "GoodsReceived",
  "GoodsStored",
  "StockTransferred",
  "GoodsShipped",
  "GoodsDistributed",
  "StockWrittenOff",
  "EquipmentHandedOver",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CONDITIONS = ["good", "damaged"] as const;
export type Condition = (typeof CONDITIONS)[number];

/** A line of goods as a client sends it. */
export interface LineInput {
  item: string;
  /** Moved quantity; for GoodsReceived, the counted quantity. */
  quantity: string | number;
  /** GoodsReceived only: the quantity the manifest or the sender says (defaults to `quantity`). */
  expected?: string | number;
  /** UN/CEFACT Rec 20 code; when given it must be the item's unit. */
  uom?: string;
  condition?: Condition;
}

/** What a client says and the ledger keeps alike. */
interface EventFields {
  id: string;
  type: EventType;
  /** When it happened, ISO 8601 with a time-zone offset. */
  eventTime: string;
  /** Where it happened (read point / business location): a location code. */
  location?: string;
  /** Transport unit number (rail car, truck, container). */
  unit?: string;
  from?: string;
  to?: string;
  /** Neighbourhood location code receiving a distribution. */
  neighbourhood?: string;
  /** Team that did it (a team code). */
  team?: string;
  /** Aggregate counts reached by a distribution: never names or ids of people. */
  households?: number;
  people?: number;
  note?: string;
}

/** How the field app says it recorded an event (core/origin.ts). */
export interface OriginInput {
  /** Recorded while the phone had no connection: it waited in the phone's outbox. */
  offline?: boolean;
  /** The phone's own clock when the fact was recorded, before any correction. */
  deviceTime?: string;
  /** The correction added to the phone's clock: server time minus phone time at the last contact. */
  clockOffsetMs?: number;
}

/** Where an event came from, stored in the event (so new events' hashes cover it; older events have none). */
export interface EventOrigin extends OriginInput {
  /** The field app installation that recorded it; set by the server from the device credential. */
  device: string;
  /** Set when the time the phone gave was still in the future on arrival: the event was recorded at the server's time instead. */
  claimedEventTime?: string;
}

/** An event as a client sends it (validated by schema at the edge, then by `decide`). */
export interface EventInput extends EventFields {
  /** Operation code; when present it must be the operation the event is posted to. */
  operation?: string;
  lines?: LineInput[];
  origin?: OriginInput & { device?: string; claimedEventTime?: string };
}

export interface Line {
  item: string;
  quantity: string;
  expected?: string;
  uom: string;
  condition?: Condition;
}

/** An event as the ledger stores it: every default resolved, every quantity canonical. */
export interface LedgerEvent extends EventFields {
  lines?: Line[];
  origin?: EventOrigin;
}

/** An event with its place in the ledger. */
export interface RecordedEvent {
  operationId: string;
  seq: number;
  recordedAt: string;
  recordedBy: string;
  event: LedgerEvent;
  prevHash: string;
  hash: string;
}

interface TypeSpec {
  /** CBV 2.0 business step (EPCIS `bizStep` short name). */
  bizStep: string;
  unit: "required" | "optional" | "forbidden";
  location: "required" | "optional";
  lines: "required" | "forbidden";
}

export const EVENT_SPECS: Record<EventType, TypeSpec> = {
  GoodsPledged: { bizStep: "commissioning", unit: "forbidden", location: "required", lines: "required" },
  GoodsLoaded: { bizStep: "loading", unit: "required", location: "optional", lines: "required" },
  UnitDeparted: { bizStep: "departing", unit: "required", location: "required", lines: "forbidden" },
  UnitArrived: { bizStep: "arriving", unit: "required", location: "required", lines: "forbidden" },
  GoodsUnloaded: { bizStep: "unloading", unit: "required", location: "required", lines: "required" },
  GoodsReceived: { bizStep: "receiving", unit: "optional", location: "required", lines: "required" },
  GoodsStored: { bizStep: "storing", unit: "forbidden", location: "optional", lines: "required" },
  StockTransferred: { bizStep: "transporting", unit: "forbidden", location: "optional", lines: "required" },
  GoodsShipped: { bizStep: "shipping", unit: "optional", location: "optional", lines: "required" },
  // CBV `retail_selling` means a sale for value at a point of sale; relief is handed over
  // free, so the closest CBV 2.0 step is `dispensing` ("made available … to a consumer").
  GoodsDistributed: { bizStep: "dispensing", unit: "forbidden", location: "optional", lines: "required" },
  StockWrittenOff: { bizStep: "destroying", unit: "forbidden", location: "optional", lines: "required" },
  // CBV "accepting": an object changes possession; the asset stays on the books in the custodian's custody location.
  EquipmentHandedOver: { bizStep: "accepting", unit: "forbidden", location: "optional", lines: "required" },
};

/** The location that stands for a transport unit while goods are on board. */
export const unitLocation = (unitNumber: string): string => `unit:${unitNumber}`;
export const recipientsLocation = (neighbourhood: string): string => `recipients:${neighbourhood}`;
export const donorLocation = (organisationCode: string): string => `donor:${organisationCode}`;
/** Where equipment handed over to an organisation stays visible, with its custodian. */
export const custodyLocation = (organisationCode: string): string => `custody:${organisationCode}`;
export const TRANSIT = "transit";
export const LOSS = "loss";
