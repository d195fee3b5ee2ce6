// fast-check arbitraries for VALID event inputs over a small fixed catalogue, and that
// catalogue as a hand-built DecideContext (pure, no database). The catalogue mirrors
// `seedOperation` in fixtures.ts, so the same drafts can be posted to a seeded store.
// Kept free of app/store imports so pure core tests stay pure.
import fc from "fast-check";
import { v7 as uuidv7 } from "uuid";
import type { ItemRef, LocationRef } from "../../src/core/catalogue.ts";
import { isWholeItem } from "../../src/core/catalogue.ts";
import type { DecideContext } from "../../src/core/decide.ts";
import type { EventInput, EventType, LineInput } from "../../src/core/events.ts";
import { LOSS, TRANSIT, recipientsLocation, unitLocation } from "../../src/core/events.ts";
import { canonicalQuantity } from "../../src/core/quantity.ts";

export const OPERATION = "TEST-OP";
export const DONOR = "donor:DONOR-TEST-OP";
/** Real (physical) locations. */
export const PLACES = ["DEPOT", "RAILHEAD", "HUB"] as const;
export const UNITS = ["24073082", "54512348"] as const;
export const NEIGHBOURHOOD = "N1";
export const ITEMS: readonly ItemRef[] = [
  { code: "LUMBER", uom: "MTQ", kind: "goods" },
  { code: "FLOUR", uom: "TNE", kind: "goods" },
  { code: "CRANE", uom: "H87", kind: "equipment" },
];
/** Server time of the tests: every generated event happens before it. */
export const NOW = new Date("2026-01-01T00:00:00Z");
const T0 = Date.parse("2020-12-01T08:00:00+04:00");

export const CATALOGUE_LOCATIONS: readonly LocationRef[] = [
  { code: DONOR, kind: "donor" },
  { code: "DEPOT", kind: "origin-depot" },
  { code: "RAILHEAD", kind: "railhead" },
  { code: "HUB", kind: "hub-warehouse" },
  { code: NEIGHBOURHOOD, kind: "neighbourhood" },
  { code: recipientsLocation(NEIGHBOURHOOD), kind: "recipients" },
  ...UNITS.map((u): LocationRef => ({ code: unitLocation(u), kind: "transport-unit" })),
  { code: TRANSIT, kind: "transit" },
  { code: LOSS, kind: "loss" },
];

/** The catalogue as `decideEvent` sees it, built by hand; extra items/locations may be added. */
export function catalogueContext(
  extra: { items?: ItemRef[]; locations?: LocationRef[]; now?: Date } = {},
): DecideContext {
  return {
    operationCode: OPERATION,
    locations: new Map([...CATALOGUE_LOCATIONS, ...(extra.locations ?? [])].map((l) => [l.code, l])),
    items: new Map([...ITEMS, ...(extra.items ?? [])].map((i) => [i.code, i])),
    knownUoms: new Set(["MTQ", "TNE", "H87", "KGM", "C62"]),
    now: extra.now ?? NOW,
    clockSkewMs: 5 * 60 * 1000,
  };
}

/** An event input without its id: ids are added per run with `withIds` (fresh UUIDv7s). */
export type EventDraft = Omit<EventInput, "id">;

/** Drops keys whose value is undefined, so drafts look like what a client would send. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** ISO 8601 with an offset, between T0 and a day before NOW, at minute to microsecond precision. */
export const eventTime: fc.Arbitrary<string> = fc
  .record({
    at: fc.integer({ min: T0, max: NOW.getTime() - 86_400_000 }),
    offset: fc.constantFrom(0, 240, -210, 345, 0),
    zulu: fc.boolean(),
    precision: fc.constantFrom("minutes", "seconds", "millis", "micros"),
    micros: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ at, offset, zulu, precision, micros }) => {
    const local = new Date(at + offset * 60_000).toISOString().slice(0, 23);
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    const suffix =
      offset === 0 && zulu
        ? "Z"
        : `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    const body =
      precision === "minutes"
        ? local.slice(0, 16)
        : precision === "seconds"
          ? local.slice(0, 19)
          : precision === "millis"
            ? local
            : `${local}${String(micros).padStart(3, "0")}`;
    return body + suffix;
  });

/**
 * A quantity as a client may spell it: canonical string, with trailing or leading zeros,
 * or a JSON number. Whole-piece items get whole numbers only.
 */
export function quantity(item: ItemRef, opts: { zero?: boolean } = {}): fc.Arbitrary<string | number> {
  const whole = isWholeItem(item);
  const min = opts.zero ? 0 : 1;
  const value = whole
    ? fc.integer({ min, max: 500 }).map((n) => ({ units: BigInt(n), scale: 0 }))
    : fc.record({ units: fc.bigInt({ min: BigInt(min), max: 10n ** 12n }), scale: fc.integer({ min: 0, max: 6 }) });
  return fc
    .tuple(value, fc.constantFrom("plain", "padded", "leading", "number"))
    .map(([{ units, scale }, spelling]) => {
      const digits = units.toString().padStart(scale + 1, "0");
      const plain = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      if (spelling === "padded" && scale < 6) return `${plain}${scale === 0 ? "." : ""}${"0".repeat(6 - scale)}`;
      if (spelling === "leading" && plain.split(".")[0]!.length < 15) return `0${plain}`;
      if (spelling === "number" && String(Number(plain)) === canonicalQuantity(plain)) return Number(plain);
      return plain;
    });
}

const itemArb = fc.constantFrom(...ITEMS);
const line = (opts: { count?: boolean } = {}): fc.Arbitrary<LineInput> =>
  itemArb.chain((item) =>
    fc
      .record({
        quantity: quantity(item, { zero: opts.count ?? false }),
        expected: opts.count ? maybe(quantity(item, { zero: true })) : fc.constant(undefined),
        uom: maybe(fc.constant(item.uom)),
        condition: maybe(fc.constantFrom("good" as const, "damaged" as const)),
      })
      .map((l) => compact({ item: item.code, ...l })),
  );
const lines = (opts: { count?: boolean } = {}) => fc.array(line(opts), { minLength: 1, maxLength: 3 });

const place = fc.constantFrom(...PLACES);
const unit = fc.constantFrom(...UNITS);
/** Where goods come from when the type lets `location` or `from` say it: returns the fields and the resolved source. */
const source = fc
  .record({ at: place, from: place, how: fc.constantFrom("location", "from", "both") })
  .map(({ at, from, how }) => ({
    fields: how === "location" ? { location: at } : how === "from" ? { from } : { location: at, from },
    resolved: how === "location" ? at : from,
  }));
/** A real place other than `not`. */
const otherPlace = (not: string) => fc.constantFrom(...PLACES.filter((p) => p !== not));

const common = fc.record({
  eventTime,
  operation: maybe(fc.constant(OPERATION)),
  team: maybe(fc.constantFrom("TEAM-A", "TEAM-B")),
  note: maybe(fc.constantFrom("", "pallets wrapped", "Ереван — night shift", "📦 6 crates")),
});

export interface DraftOptions {
  /**
   * Send `to: "loss"` on write-offs. Needed only for posting through `recordEvents`,
   * which does not load the implicit `loss` location (see the store property test).
   */
  explicitLoss?: boolean;
}

type Body = fc.Arbitrary<Omit<EventDraft, "type" | "eventTime">>;

function bodyOf(type: EventType, opts: DraftOptions): Body {
  switch (type) {
    case "GoodsPledged":
      return fc.record({ location: place, from: fc.constant(DONOR), to: maybe(place), lines: lines() });
    case "GoodsLoaded":
      return fc.tuple(unit, source, lines()).map(([u, s, l]) => ({ unit: u, ...s.fields, lines: l }));
    case "UnitDeparted":
    case "UnitArrived":
      return fc.record({ unit, location: place });
    case "GoodsUnloaded":
      return fc.record({ unit, location: place, to: maybe(place), lines: lines() });
    case "GoodsReceived":
      return fc.record({ location: place, unit: maybe(unit), from: maybe(place), lines: lines({ count: true }) });
    case "GoodsStored":
    case "StockTransferred":
      return source.chain((s) =>
        fc.record({ to: otherPlace(s.resolved), lines: lines() }).map((r) => ({ ...s.fields, ...r })),
      );
    case "GoodsShipped":
      return source.chain((s) =>
        fc
          .oneof(fc.record({ unit }), fc.record({ to: otherPlace(s.resolved) }))
          .chain((dest) => lines().map((l) => ({ ...s.fields, ...dest, lines: l }))),
      );
    case "GoodsDistributed":
      return fc
        .record({
          s: source,
          households: maybe(fc.integer({ min: 0, max: 5000 })),
          people: maybe(fc.integer({ min: 0, max: 20000 })),
          lines: lines(),
        })
        .map(({ s, ...rest }) => ({ ...s.fields, neighbourhood: NEIGHBOURHOOD, ...rest }));
    case "StockWrittenOff":
      return fc
        .tuple(source, lines())
        .map(([s, l]) => ({ ...s.fields, ...(opts.explicitLoss && { to: LOSS }), lines: l }));
    case "EquipmentHandedOver":
      throw new Error("hand-overs need a custody location; they are not generated (see TYPES)");
  }
}

/** Every type but EquipmentHandedOver, whose custody locations the fixture catalogue lacks (it has its own tests). */
const TYPES: readonly EventType[] = [
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
];

/** A valid event input (without id) of the given type, or of any type. */
export function eventDraft(opts: DraftOptions = {}, type?: EventType): fc.Arbitrary<EventDraft> {
  const typeArb = type ? fc.constant(type) : fc.constantFrom(...TYPES);
  return typeArb.chain((t) =>
    fc.tuple(common, bodyOf(t, opts)).map(([c, b]) => compact({ type: t, ...c, ...b }) as EventDraft),
  );
}

/** A batch of valid drafts for one post. */
export const batch = (opts: DraftOptions = {}, maxLength = 6) =>
  fc.array(eventDraft(opts), { minLength: 1, maxLength });

/** Gives each draft a fresh UUIDv7, as a client would. */
export const withIds = (drafts: readonly EventDraft[]): EventInput[] => drafts.map((d) => ({ id: uuidv7(), ...d }));
