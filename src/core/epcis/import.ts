// An EPCIS 2.0 document's events as Reliefline event inputs: pure, against the target
// operation's catalogue. It reads the table in mapping.ts backwards — the bizStep (or
// our `rl:type`) says which fact it is, parentID / epcList the transport unit,
// quantityList the lines, readPoint the location, source/destination from and to —
// and refuses, with the event's index and the identifier at fault, whatever Reliefline
// cannot record faithfully: instance-level goods, transformations, associations,
// sensor data, error declarations, identifiers that are not in the catalogue.
// Schema validity is checked before (validate.ts); this code still never trusts shapes.
import { createHash } from "node:crypto";
import type { EventInput, EventType, LineInput } from "../events.ts";
import { CONDITIONS, EVENT_SPECS, EVENT_TYPES, donorLocation } from "../events.ts";
import type { LocationKind } from "../catalogue.ts";
import { CODE_PATTERN } from "../catalogue.ts";
import type { FieldError } from "../decide.ts";
import { canonicalJson } from "../chain.ts";
import { TYPE_BY_BIZSTEP, shortBizStep } from "./mapping.ts";
import { codeOf, organisationOf, shortUri } from "./uris.ts";

export interface ImportContext {
  operation: string;
  locations: ReadonlyMap<string, LocationKind>;
  items: ReadonlySet<string>;
}

export type ImportMapping = { ok: true; events: EventInput[] } | { ok: false; errors: FieldError[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function fromEpcisDocument(document: unknown, ctx: ImportContext): ImportMapping {
  const { events, at, error } = eventListOf(document);
  if (error) return { ok: false, errors: [{ field: at, message: error }] };
  const errors: FieldError[] = [];
  const inputs: EventInput[] = [];
  events.forEach((raw, i) => {
    const result = fromEpcisEvent(raw, i, ctx);
    if (typeof result === "string") errors.push({ field: `${at}/${i}`, message: `event ${i}: ${result}` });
    else inputs.push(result);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events: inputs };
}

function eventListOf(document: unknown): { events: unknown[]; at: string; error?: string } {
  if (!isObject(document)) return { events: [], at: "/", error: "the document is not a JSON object" };
  const body = isObject(document.epcisBody) ? document.epcisBody : {};
  if (document.type === "EPCISDocument") {
    const events = list(body.eventList);
    return {
      events,
      at: "/epcisBody/eventList",
      ...(events.length === 0 && { error: "the document holds no events" }),
    };
  }
  if (document.type === "EPCISQueryDocument") {
    const results =
      isObject(body.queryResults) && isObject(body.queryResults.resultsBody) ? body.queryResults.resultsBody : {};
    const events = list(results.eventList);
    return {
      events,
      at: "/epcisBody/queryResults/resultsBody/eventList",
      ...(events.length === 0 && { error: "the query document holds no events" }),
    };
  }
  return {
    events: [],
    at: "/type",
    error: `a lone ${String(document.type)} is not a document: send an EPCISDocument with it in epcisBody.eventList`,
  };
}

/** One event, or the reason it cannot be imported. */
export function fromEpcisEvent(raw: unknown, index: number, ctx: ImportContext): EventInput | string {
  if (!isObject(raw)) return "is not a JSON object";
  const kind = raw.type;
  if (kind !== "ObjectEvent" && kind !== "AggregationEvent" && kind !== "TransactionEvent") {
    return `${String(kind)} is not supported: Reliefline records goods moving between places (ObjectEvent, AggregationEvent, TransactionEvent), not transformations or associations`;
  }
  if (raw.errorDeclaration !== undefined)
    return "error declarations are not supported: Reliefline never rewrites history; record a correcting event instead";
  if (list(raw.sensorElementList).length > 0) return "sensor data (sensorElementList) is not supported";
  if (list(raw.childEPCs).length > 0 && kind === "AggregationEvent")
    return instanceRefusal(String(list(raw.childEPCs)[0]), ctx);

  const type = typeOf(raw);
  if (typeof type !== "string") return type.error;
  const eventType = type;

  const id = idOf(raw);
  if (typeof id !== "string") return id.error;

  const unitUris = [...(typeof raw.parentID === "string" ? [raw.parentID] : []), ...list(raw.epcList).map(String)];
  let unit: string | undefined;
  for (const uri of unitUris) {
    const number = codeOf(uri, "unit");
    if (number === undefined || ctx.locations.get(`unit:${number}`) !== "transport-unit") {
      return uri === raw.parentID
        ? `parent ${shortUri(uri)} is not a transport unit of operation ${ctx.operation}`
        : instanceRefusal(uri, ctx);
    }
    if (unit !== undefined && unit !== number)
      return `names two transport units (${unit} and ${number}); Reliefline records one unit per event`;
    unit = number;
  }

  const lines: LineInput[] = [];
  for (const q of [...list(raw.quantityList), ...list(raw.childQuantityList)]) {
    if (!isObject(q) || typeof q.epcClass !== "string") return "has a quantity element without an epcClass";
    const item = codeOf(q.epcClass, "item");
    if (item === undefined || !ctx.items.has(item))
      return `class-level identifier ${shortUri(q.epcClass)} is not an item of operation ${ctx.operation}`;
    if (typeof q.quantity !== "number") return `has no quantity for ${item}: Reliefline records how much moved`;
    lines.push({ item, quantity: decimalText(q.quantity), ...(typeof q.uom === "string" && { uom: q.uom }) });
  }
  const extra = extraLines(raw["rl:lines"], lines);
  if (extra) return extra;

  const location = placeOf(raw.readPoint, "readPoint", ctx);
  if (location && typeof location !== "string") return location.error;
  const from = endpointOf(raw.sourceList, "source", ctx);
  if (from && typeof from !== "string") return from.error;
  const to = endpointOf(raw.destinationList, "destination", ctx);
  if (to && typeof to !== "string") return to.error;
  const distributed = eventType === "GoodsDistributed";
  if (distributed && to !== undefined && ctx.locations.get(to) !== "neighbourhood")
    return `a distribution goes to a neighbourhood; ${to} is a ${ctx.locations.get(to)}`;

  const extras = extrasOf(raw);
  if (typeof extras === "string") return extras;
  return {
    id,
    type: eventType,
    eventTime: String(raw.eventTime),
    ...(location !== undefined && { location }),
    ...(unit !== undefined && { unit }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && !distributed && { to }),
    ...(distributed && to !== undefined && { neighbourhood: to }),
    ...(lines.length > 0 && { lines }),
    ...extras,
  };
}

function instanceRefusal(uri: string, ctx: ImportContext): string {
  return `instance-level identifier ${shortUri(uri)} is not a transport unit of operation ${ctx.operation}; Reliefline tracks goods by class and quantity (quantityList)`;
}

function typeOf(raw: Json): EventType | { error: string } {
  if (typeof raw.bizStep !== "string") return { error: "has no bizStep: Reliefline needs it to know what happened" };
  const step = shortBizStep(raw.bizStep);
  const byStep = TYPE_BY_BIZSTEP.get(step);
  const declared = raw["rl:type"];
  if (declared !== undefined) {
    if (typeof declared !== "string" || !EVENT_TYPES.includes(declared as EventType))
      return { error: `rl:type ${JSON.stringify(declared)} is not a Reliefline event type` };
    if (EVENT_SPECS[declared as EventType].bizStep !== step)
      return {
        error: `rl:type ${declared} does not match bizStep ${step} (expected ${EVENT_SPECS[declared as EventType].bizStep})`,
      };
    return declared as EventType;
  }
  if (!byStep) {
    const known = [...TYPE_BY_BIZSTEP.keys()].join(", ");
    return { error: `bizStep ${shortUri(step)} has no Reliefline equivalent (supported: ${known})` };
  }
  return byStep;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A urn:uuid eventID is used as is, so re-importing is idempotent. Any other eventID
 * (or none) gets a name-based UUID (version 8, from SHA-256 of the eventID or of the
 * canonical event), which is just as stable.
 */
function idOf(raw: Json): string | { error: string } {
  const given = raw.eventID;
  if (typeof given === "string" && given.toLowerCase().startsWith("urn:uuid:")) {
    const uuid = given.slice("urn:uuid:".length);
    return UUID.test(uuid) ? uuid.toLowerCase() : { error: `eventID ${shortUri(given)} is not a valid UUID URN` };
  }
  const digest = createHash("sha256")
    .update(typeof given === "string" ? `eventID:${given}` : `event:${canonicalJson(raw)}`)
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function placeOf(value: unknown, what: string, ctx: ImportContext): string | { error: string } | undefined {
  if (!isObject(value) || typeof value.id !== "string") return undefined;
  const code = codeOf(value.id, "location");
  if (code === undefined || !ctx.locations.has(code))
    return { error: `${what} ${shortUri(value.id)} is not a location of operation ${ctx.operation}` };
  return code;
}

/** A location-type end if there is one, otherwise an owning party (a donor). Possessing parties are not tracked. */
function endpointOf(
  value: unknown,
  key: "source" | "destination",
  ctx: ImportContext,
): string | { error: string } | undefined {
  const ends = list(value).filter(isObject);
  const pick = (type: string) =>
    ends.filter((e) => e.type === type || e.type === `https://ref.gs1.org/cbv/SDT-${type}`);
  const [location, ...moreLocations] = pick("location");
  if (moreLocations.length > 0)
    return {
      error: `has ${moreLocations.length + 1} ${key}s of type location; Reliefline moves goods from one place to one place`,
    };
  if (location) {
    const uri = String(location[key]);
    const code = codeOf(uri, "location");
    if (code === undefined || !ctx.locations.has(code))
      return { error: `${key} ${shortUri(uri)} is not a location of operation ${ctx.operation}` };
    return code;
  }
  const [party] = pick("owning_party");
  if (!party) return undefined;
  const uri = String(party[key]);
  const org = organisationOf(uri);
  if (org === undefined || ctx.locations.get(donorLocation(org)) !== "donor")
    return { error: `${key} party ${shortUri(uri)} is not a donor of operation ${ctx.operation}` };
  return donorLocation(org);
}

function extraLines(value: unknown, lines: LineInput[]): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== lines.length)
    return "rl:lines must have one entry per quantity element";
  for (const [i, extra] of value.entries()) {
    const line = lines[i]!;
    if (!isObject(extra) || extra.item !== line.item) return `rl:lines/${i} does not describe item ${line.item}`;
    if (extra.expected !== undefined) {
      if (typeof extra.expected !== "string" && typeof extra.expected !== "number")
        return `rl:lines/${i}/expected must be a decimal`;
      line.expected = typeof extra.expected === "number" ? decimalText(extra.expected) : extra.expected;
    }
    if (extra.condition !== undefined) {
      if (!CONDITIONS.includes(extra.condition as never))
        return `rl:lines/${i}/condition must be one of ${CONDITIONS.join(", ")}`;
      line.condition = extra.condition as LineInput["condition"];
    }
  }
  return undefined;
}

function extrasOf(raw: Json): Pick<EventInput, "team" | "households" | "people" | "note"> | string {
  const team = raw["rl:team"],
    households = raw["rl:households"],
    people = raw["rl:people"],
    note = raw["rl:note"];
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (team !== undefined && (typeof team !== "string" || !new RegExp(CODE_PATTERN).test(team)))
    return "rl:team must be a team code (letters, digits and : . _ -)";
  if (households !== undefined && !count(households)) return "rl:households must be a whole number, zero or more";
  if (people !== undefined && !count(people)) return "rl:people must be a whole number, zero or more";
  if (note !== undefined && (typeof note !== "string" || note.length > 2000))
    return "rl:note must be text of at most 2000 characters";
  return {
    ...(team !== undefined && { team: team as string }),
    ...(households !== undefined && { households: households as number }),
    ...(people !== undefined && { people: people as number }),
    ...(note !== undefined && { note: note as string }),
  };
}

/** A JSON number as decimal text without exponent, for the quantity parser. */
function decimalText(value: number): string {
  const text = String(value);
  return /e/i.test(text)
    ? value.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(value) || 1)) + 6)))
    : text;
}
