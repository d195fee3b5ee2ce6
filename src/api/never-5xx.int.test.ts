// Whatever JSON a client posts, the write routes answer below 500, and a refused
// request stores nothing: the chain head and the row counts move only on success.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP, donorOf } from "../../test/helpers/fixtures.ts";
import { send } from "../../test/helpers/http-bad-input.ts";
import { EventInput, NewItem, NewLocation } from "./schemas.ts";
import { CONDITIONS, EVENT_TYPES } from "../core/events.ts";
import { ITEM_KINDS, LOCATION_KINDS } from "../core/catalogue.ts";

const RUNS = 100;

let t: TestApp;
/** The state after the previous request: only a success may change it. */
let known: State;
beforeAll(async () => {
  t = await testApp();
  known = await state();
});
afterAll(async () => t.close());

interface State {
  seq: number;
  events: number;
  moves: number;
  locations: number;
  items: number;
}
const state = async (): Promise<State> =>
  (
    await t.db.query<State>(
      `select (select h.last_seq from ledger_heads h join operations o on o.id = h.operation_id where o.code = $1) as seq, (select count(*) from events)::int8 as events,
          (select count(*) from stock_moves)::int8 as moves, (select count(*) from locations)::int8 as locations, (select count(*) from items)::int8 as items`,
      [OP],
    )
  )[0]!;

/** Posts `body` and checks the answer is not a 5xx and that only a success changed anything. */
async function postAndCheck(
  url: string,
  body: unknown,
  grew: (res: { statusCode: number; json(): unknown }, before: State) => Partial<State>,
): Promise<void> {
  const before = known;
  const res = await send(t.app, "POST", url, { as: { cookie: t.admin }, body });
  expect(res.statusCode, `${res.body}\nfor ${JSON.stringify(body)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const expected = res.statusCode < 300 ? { ...before, ...grew(res, before) } : before;
  known = await state();
  expect(known, `${res.statusCode} ${res.body}`).toEqual(expected);
}

// Generated input: any JSON; objects with the schema's keys and any values; and valid
// requests with one to three fields replaced by something plausible, something wild
// (any JSON, text with control characters) or nothing, so that it gets past the schema
// to the domain checks and the database.
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary-ascii", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const wild = fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText);
const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,10}$/);
const locationCode = fc.constantFrom(
  "DEPOT",
  "RAILHEAD",
  "HUB",
  "N1",
  "transit",
  "loss",
  "recipients:N1",
  donorOf(),
  "unit:24073082",
  "NOWHERE",
);
const eventTime = fc.oneof(
  fc
    .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("2027-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: -16, max: 16 }),
    )
    .map(
      ([y, m, d, off]) =>
        `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T10:00:00${off < 0 ? "-" : "+"}${String(Math.abs(off)).padStart(2, "0")}:00`,
    ),
);
const pastTime = fc
  .date({ min: new Date("2019-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const quantity = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.stringMatching(/^-?\d{1,17}(\.\d{1,8})?$/),
  fc.constantFrom("0", "1", "0.5", "1e3", " 7 "),
);

type Model = Record<string, fc.Arbitrary<unknown>>;
/** A valid body from `valid`, then up to three of its fields (or `lines/0/<field>`) set to a plausible or wild value, or removed. */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  plausible: Model,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(plausible);
  const change = fc
    .constantFrom(...keys)
    .chain((key) =>
      fc.tuple(
        fc.constant(key),
        fc.oneof(
          { weight: 3, arbitrary: plausible[key]! },
          { weight: 2, arbitrary: wild },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
      ),
    );
  return fc.tuple(valid, fc.array(change, { maxLength: 3 })).map(([body, changes]) => {
    const out: Record<string, unknown> = structuredClone(body);
    for (const [key, value] of changes) {
      const [field, sub] = key.startsWith("lines/0/") ? ["lines", key.slice(8)] : [key, undefined];
      const first: unknown = Array.isArray(out.lines) ? out.lines[0] : undefined;
      // An earlier change may have made `lines` (or its first entry) a wild non-object: then there is no line field to set.
      const target =
        sub === undefined ? out : typeof first === "object" && first !== null ? (first as Record<string, unknown>) : {};
      const name = sub ?? field;
      if (value === undefined) delete target[name];
      else target[name] = value;
    }
    return out;
  });
}
const keyed = (keys: readonly string[]) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, wild])), { requiredKeys: [] });

const lineModel: Model = {
  "lines/0/item": fc.constantFrom("LUMBER", "FLOUR", "CRANE", "CAVIAR"),
  "lines/0/quantity": quantity,
  "lines/0/expected": quantity,
  "lines/0/uom": fc.constantFrom("MTQ", "TNE", "H87", "KGM", "XYZ"),
  "lines/0/condition": fc.constantFrom(...CONDITIONS),
};
const eventModel: Model = {
  id: fc.oneof(
    fc.uuid({ version: 7 }),
    fc.uuid().map((u) => `urn:uuid:${u}`),
    fc.uuid().map((u) => u.toUpperCase()),
  ),
  type: fc.constantFrom(...EVENT_TYPES),
  eventTime,
  operation: fc.constantFrom(OP, "OTHER-OP"),
  location: locationCode,
  unit: fc.oneof(fc.constantFrom("24073082", "54512348", "11111111"), anyText),
  from: locationCode,
  to: locationCode,
  neighbourhood: fc.constantFrom("N1", "HUB"),
  team: code,
  lines: fc.array(fc.record({ item: fc.constantFrom("LUMBER", "FLOUR"), quantity }), { maxLength: 3 }),
  households: fc.integer({ min: -1, max: 20_000_000 }),
  people: fc.integer({ min: -1, max: 200_000_000 }),
  note: anyText,
  ...lineModel,
};
const goods = fc.array(
  fc.record({ item: fc.constantFrom("LUMBER", "FLOUR"), quantity: fc.stringMatching(/^[1-9]\d{0,3}(\.\d{1,2})?$/) }),
  { minLength: 1, maxLength: 3 },
);
const unit = fc.constantFrom("24073082", "54512348");
const validEvent = fc
  .record({ id: fc.uuid({ version: 7 }), eventTime: pastTime, lines: goods, unit })
  .chain(({ id, eventTime: at, lines, unit: u }) => {
    const shapes: Record<string, unknown>[] = [
      { type: "GoodsPledged", from: donorOf(), location: "DEPOT", lines },
      { type: "GoodsLoaded", unit: u, location: "DEPOT", lines },
      { type: "UnitDeparted", unit: u, location: "DEPOT" },
      { type: "UnitArrived", unit: u, location: "HUB" },
      { type: "GoodsUnloaded", unit: u, location: "HUB", lines },
      { type: "GoodsReceived", location: "HUB", lines: lines.map((l) => ({ ...l, expected: l.quantity })) },
      { type: "StockTransferred", from: "HUB", to: "RAILHEAD", lines },
      { type: "GoodsShipped", location: "HUB", unit: u, lines },
      { type: "GoodsDistributed", location: "HUB", neighbourhood: "N1", lines, households: 12, people: 40 },
      { type: "StockWrittenOff", location: "HUB", lines, note: "rain damage" },
    ];
    return fc.constantFrom(...shapes).map((shape) => ({ id, eventTime: at, ...shape }));
  });
const eventKeys = Object.keys(EventInput.properties);
const anyEvent = fc.oneof(
  { weight: 1, arbitrary: keyed(eventKeys) },
  { weight: 4, arbitrary: mutated(validEvent, eventModel) },
);

const locationModel: Model = {
  code: fc.oneof(code, locationCode),
  name: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), anyText),
  kind: fc.constantFrom(...LOCATION_KINDS),
  parent: fc.oneof(locationCode, fc.constant(null)),
  unlocode: fc.constantFrom("AM EVN", "AMEVN", null, "XX 000"),
  latitude: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constant(null)),
  longitude: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constant(null)),
  organisation: fc.constantFrom(`DONOR-${OP}`, "NO-ORG", null),
};
const validLocation = fc.record({
  code,
  name: fc.string({ minLength: 1, maxLength: 20 }),
  kind: fc.constantFrom("warehouse", "neighbourhood", "distribution-point", "city"),
});
const itemModel: Model = {
  code,
  name: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), anyText),
  uom: fc.constantFrom("KGM", "TNE", "MTQ", "H87", "XYZ", "ZZ"),
  kind: fc.constantFrom(...ITEM_KINDS),
  weightKg: fc.oneof(fc.stringMatching(/^\d{1,9}(\.\d{1,6})?$/), fc.constant(null)),
  volumeM3: fc.oneof(fc.stringMatching(/^\d{1,9}(\.\d{1,6})?$/), fc.constant(null)),
};
const validItem = fc.record({
  code,
  name: fc.string({ minLength: 1, maxLength: 20 }),
  uom: fc.constantFrom("KGM", "TNE", "LTR"),
  kind: fc.constantFrom(...ITEM_KINDS),
});

type Answer = { statusCode: number; json(): unknown };
const created = (res: Answer) => (res.json() as { status?: string }).status === "created";
const ROUTES = [
  {
    route: "POST /api/operations/:op/events",
    url: `/api/operations/${OP}/events`,
    keyed: anyEvent,
    grew: (res: Answer, b: State): Partial<State> =>
      created(res) ? { seq: b.seq + 1, events: b.events + 1, moves: expect.any(Number) as unknown as number } : {},
  },
  {
    route: "POST /api/operations/:op/events/batch",
    url: `/api/operations/${OP}/events/batch`,
    keyed: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          events: fc.array(fc.oneof({ weight: 3, arbitrary: validEvent }, { weight: 1, arbitrary: anyEvent }), {
            minLength: 1,
            maxLength: 4,
          }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ events: wild }) },
    ),
    grew: (res: Answer, b: State): Partial<State> => {
      const n = (res.json() as { created: number }).created;
      return { seq: b.seq + n, events: b.events + n, moves: expect.any(Number) as unknown as number };
    },
  },
  {
    route: "POST /api/operations/:op/locations",
    url: `/api/operations/${OP}/locations`,
    keyed: fc.oneof(
      keyed(Object.keys(NewLocation.properties)),
      mutated(validLocation, locationModel),
      mutated(validLocation, locationModel),
    ),
    grew: (res: Answer, b: State): Partial<State> => ({ locations: b.locations + (res.json() as unknown[]).length }),
  },
  {
    route: "POST /api/operations/:op/items",
    url: `/api/operations/${OP}/items`,
    keyed: fc.oneof(
      keyed(Object.keys(NewItem.properties)),
      mutated(validItem, itemModel),
      mutated(validItem, itemModel),
    ),
    grew: (_res: Answer, b: State): Partial<State> => ({ items: b.items + 1 }),
  },
];

for (const { route, url, keyed: keyedArb, grew } of ROUTES)
  describe(route, () => {
    it("never answers 5xx to any JSON value, and stores nothing when it refuses", async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), (body) => postAndCheck(url, body, grew)),
        { numRuns: RUNS },
      );
    });

    it("never answers 5xx to objects with the schema's keys and arbitrary or nearly valid values, and stores only on success", async () => {
      await fc.assert(
        fc.asyncProperty(keyedArb, (body) => postAndCheck(url, body, grew)),
        { numRuns: RUNS },
      );
    });
  });
