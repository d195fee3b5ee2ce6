// Deciding what to record: a posted event is checked against the operation's catalogue
// and resolved into the explicit fact the ledger stores (every default filled in,
// every quantity canonical). Inconsistent facts (a unit unloaded before it arrived)
// are still recorded: reconciliation flags them. Only malformed or unknown references
// are refused.
import type { EventInput, LedgerEvent, Line, LineInput } from "./events.ts";
import { EVENT_SPECS, LOSS, recipientsLocation, unitLocation } from "./events.ts";
import type { ItemRef, LocationKind, LocationRef } from "./catalogue.ts";
import { isWholeItem } from "./catalogue.ts";
import { isZero, parseQuantity } from "./quantity.ts";
import { findPersonalData } from "./personal-data.ts";

export interface DecideContext {
  operationCode: string;
  locations: ReadonlyMap<string, LocationRef>;
  items: ReadonlyMap<string, ItemRef>;
  knownUoms: ReadonlySet<string>;
  now: Date;
  /** How far in the future an event time may be (device clocks drift). */
  clockSkewMs: number;
}

/** A reason an input is refused, with a JSON pointer into the input. */
export interface FieldError {
  field: string;
  message: string;
}

export type Decision = { ok: true; event: LedgerEvent } | { ok: false; errors: FieldError[] };

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function decideEvent(input: EventInput, ctx: DecideContext): Decision {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const spec = EVENT_SPECS[input.type];

  if (input.operation !== undefined && input.operation !== ctx.operationCode) {
    fail(
      "/operation",
      `this event belongs to operation ${input.operation}, but it was sent to operation ${ctx.operationCode}`,
    );
  }
  checkEventTime(input.eventTime, ctx, fail);
  for (const field of ["note", "unit", "team"] as const) {
    if (input[field] !== undefined && CONTROL.test(input[field]))
      fail(`/${field}`, "must not contain control characters");
  }

  const location = (field: string, code: string | undefined, kinds?: readonly LocationKind[]) => {
    if (code === undefined) return undefined;
    const found = ctx.locations.get(code);
    if (!found) fail(field, `unknown location ${code} in operation ${ctx.operationCode}`);
    else if (kinds && !kinds.includes(found.kind))
      fail(field, `location ${code} is a ${found.kind}, expected ${kinds.join(" or ")}`);
    return code;
  };

  if (spec.location === "required" && !input.location)
    fail("/location", `${input.type} needs the location where it happened`);
  location("/location", input.location);

  let unitCode: string | undefined;
  if (spec.unit === "required" && !input.unit) fail("/unit", `${input.type} needs the transport unit number`);
  if (spec.unit === "forbidden" && input.unit) fail("/unit", `${input.type} does not take a transport unit`);
  if (input.unit) {
    const found = ctx.locations.get(unitLocation(input.unit));
    if (found?.kind === "transport-unit") unitCode = unitLocation(input.unit);
    else fail("/unit", `unknown transport unit ${input.unit} in operation ${ctx.operationCode}`);
  }

  const lines = resolveLines(input, ctx, fail);
  const { from, to } = endpoints(input, unitCode);
  if (input.to !== undefined && to !== undefined && input.to !== to)
    fail("/to", `${input.type} takes goods to ${to}; leave out to, or record a separate transfer`);
  if (input.from !== undefined && from !== undefined && input.from !== from)
    fail("/from", `${input.type} takes goods from ${from}; leave out from, or record a separate transfer`);
  const checked = new Set([input.location, unitCode, input.neighbourhood && recipientsLocation(input.neighbourhood)]);
  if (!checked.has(from)) location("/from", from);
  if (!checked.has(to)) location("/to", to);
  const unitRefused = input.unit !== undefined && unitCode === undefined;
  if (input.neighbourhood !== undefined) location("/neighbourhood", input.neighbourhood, ["neighbourhood"]);
  if (spec.lines === "required" && input.type !== "GoodsReceived" && !unitRefused) {
    if (!from) fail("/from", `${input.type} needs the location the goods come from`);
    if (!to)
      fail(
        "/to",
        input.type === "GoodsDistributed"
          ? "GoodsDistributed needs the neighbourhood that received the goods"
          : `${input.type} needs the location the goods go to`,
      );
    if (from && to && from === to) fail("/to", `goods cannot move from ${from} to itself`);
  }
  if (input.type !== "GoodsDistributed" && (input.households !== undefined || input.people !== undefined)) {
    fail(
      input.households !== undefined ? "/households" : "/people",
      "households and people are recorded on distributions only",
    );
  }

  const personal =
    input.type === "GoodsDistributed" && input.note !== undefined ? findPersonalData(input.note) : undefined;
  if (personal)
    fail(
      "/note",
      `the note looks like it holds a ${personal}; Reliefline stores no personal data of recipients, only counts of households and people`,
    );
  if (input.type === "EquipmentHandedOver") checkHandOver(input, ctx, fail);

  if (errors.length > 0) return { ok: false, errors };
  const event: LedgerEvent = {
    id: input.id.toLowerCase(),
    type: input.type,
    eventTime: input.eventTime,
    ...(input.location !== undefined && { location: input.location }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(input.neighbourhood !== undefined && { neighbourhood: input.neighbourhood }),
    ...(input.team !== undefined && { team: input.team }),
    ...(lines.length > 0 && { lines }),
    ...(input.households !== undefined && { households: input.households }),
    ...(input.people !== undefined && { people: input.people }),
    ...(input.note !== undefined && { note: input.note }),
    ...(input.origin?.device !== undefined && { origin: { ...input.origin, device: input.origin.device } }),
  };
  return { ok: true, event };
}

/** Where goods come from and go to, by the rules of each event type. */
function endpoints(input: EventInput, unit: string | undefined): { from?: string; to?: string } {
  const at = input.location;
  switch (input.type) {
    case "GoodsPledged":
      return { from: input.from, to: input.to ?? at };
    case "GoodsLoaded":
      return { from: input.from ?? at, to: unit };
    case "GoodsUnloaded":
      return { from: unit, to: input.to ?? at };
    case "GoodsReceived":
      return { from: input.from ?? unit };
    case "GoodsShipped":
      return { from: input.from ?? at, to: unit ?? input.to };
    case "GoodsDistributed":
      return { from: input.from ?? at, to: input.neighbourhood ? recipientsLocation(input.neighbourhood) : input.to };
    case "StockWrittenOff":
      return { from: input.from ?? at, to: LOSS };
    case "GoodsStored":
    case "StockTransferred":
    case "EquipmentHandedOver":
      return { from: input.from ?? at, to: input.to };
    case "UnitDeparted":
    case "UnitArrived":
      return {};
    default: {
      const never: never = input.type;
      return never;
    }
  }
}

function resolveLines(input: EventInput, ctx: DecideContext, fail: (f: string, m: string) => void): Line[] {
  const spec = EVENT_SPECS[input.type];
  const given: LineInput[] = input.lines ?? [];
  if (spec.lines === "forbidden") {
    if (given.length > 0)
      fail("/lines", `${input.type} moves no goods; record what was loaded or unloaded as its own event`);
    return [];
  }
  if (given.length === 0) fail("/lines", `${input.type} needs at least one line of goods`);
  const isCount = input.type === "GoodsReceived";
  const lines: Line[] = [];
  given.forEach((line, i) => {
    const at = `/lines/${i}`;
    const item = ctx.items.get(line.item);
    if (!item) fail(`${at}/item`, `unknown item ${line.item} in operation ${ctx.operationCode}`);
    if (line.uom !== undefined && !ctx.knownUoms.has(line.uom))
      fail(
        `${at}/uom`,
        `unknown unit of measure ${line.uom}: use a UN/CEFACT Rec 20 code such as MTQ, TNE, KGM or H87`,
      );
    else if (line.uom !== undefined && item && line.uom !== item.uom)
      fail(`${at}/uom`, `item ${item.code} is counted in ${item.uom}, not ${line.uom}`);
    const quantity = quantityOf(line.quantity, `${at}/quantity`, item, isCount, fail);
    const expected =
      line.expected === undefined ? undefined : quantityOf(line.expected, `${at}/expected`, item, true, fail);
    if (line.expected !== undefined && !isCount)
      fail(`${at}/expected`, "an expected quantity belongs to a count at receipt (GoodsReceived)");
    if (item && quantity !== undefined) {
      lines.push({
        item: item.code,
        quantity,
        ...(expected !== undefined && { expected }),
        uom: item.uom,
        ...(line.condition !== undefined && { condition: line.condition }),
      });
    }
  });
  return lines;
}

function quantityOf(
  raw: unknown,
  field: string,
  item: ItemRef | undefined,
  zeroAllowed: boolean,
  fail: (f: string, m: string) => void,
) {
  const parsed = parseQuantity(raw);
  if (!parsed.ok) return void fail(field, `quantity ${parsed.reason}`);
  if (!zeroAllowed && isZero(parsed.value)) return void fail(field, "quantity must be greater than zero");
  if (item && isWholeItem(item) && parsed.value.includes("."))
    return void fail(field, `${item.code} is counted in whole pieces; got ${parsed.value}`);
  return parsed.value;
}

function checkEventTime(value: string, ctx: DecideContext, fail: (f: string, m: string) => void) {
  const at = Date.parse(value);
  if (!OFFSET_TIME.test(value) || Number.isNaN(at) || !isCalendarDate(value) || !isRealOffset(value)) {
    fail(
      "/eventTime",
      `event time must be an ISO 8601 date and time with a time-zone offset, e.g. 2020-12-19T10:30:00+04:00 (got ${JSON.stringify(value)})`,
    );
  } else if (at > ctx.now.getTime() + ctx.clockSkewMs) {
    fail(
      "/eventTime",
      `event time ${value} is in the future (server time ${ctx.now.toISOString()}); check the device clock`,
    );
  }
}

/** Date.parse rolls 2021-02-29 over to 1 March; a fact needs a day that exists. */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Real time-zone offsets run from -12:00 to +14:00. */
function isRealOffset(value: string): boolean {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value.endsWith("Z");
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return Number(match[3]) < 60 && (match[1] === "+" ? minutes <= 14 * 60 : minutes <= 12 * 60);
}

/** Text PostgreSQL cannot store (NUL) or that no person typed (other control characters but tab and newlines). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Equipment is handed over, not consumed: only equipment items, only into an organisation's custody location. */
function checkHandOver(input: EventInput, ctx: DecideContext, fail: (f: string, m: string) => void) {
  const to = input.to === undefined ? undefined : ctx.locations.get(input.to);
  if (to && to.kind !== "custody")
    fail(
      "/to",
      `equipment is handed over into an organisation's custody (custody:<organisation>), not to a ${to.kind}`,
    );
  (input.lines ?? []).forEach((l, i) => {
    const item = ctx.items.get(l.item);
    if (item && item.kind !== "equipment")
      fail(
        `/lines/${i}/item`,
        `${item.code} is ${item.kind}, not equipment: goods are shipped or distributed, not handed over`,
      );
  });
}
