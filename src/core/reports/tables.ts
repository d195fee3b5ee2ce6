// Stock and distribution tables for spreadsheets and HXL tools: pure, from balances,
// distribution events and the catalogue. Each column has a human header and an HXL
// hashtag (HXL 1.1 dictionary, ../shared/standards/hxl/core/hashtags.csv and
// attributes.csv); the hashtag row is written only when HXL is asked for.
//
// Why these hashtags:
// - #activity +programme +code: the operation. #activity is "a programme, project, or
//   other activity" and +programme marks the level; an operation is a whole response.
// - #loc +code / +name / +type: our places (hubs, railheads, wagons, neighbourhoods).
//   #loc is "any general location"; +type carries our location kind. Not #adm1: our
//   tree is depot › city › neighbourhood, with no administrative levels or P-codes, and
//   #adm1 promises a level-1 administrative area (default code list +v_pcode).
// - #org +code: the organisation that runs a place; #org +impl +code: the team that
//   handed goods out (+impl = implementing partner).
// - #item +code / +name (+provided on distributions): "physical things provided,
//   stored, shipped" (HXL 1.1).
// - Quantities: #indicator +num +x_stock for stock on hand and #output +num for
//   quantities distributed ("number of items delivered"). Not #value: the dictionary
//   defines it as a *monetary* value.
// - The unit: HXL has no hashtag for units of measure, so the UN/CEFACT Rec 20 code
//   goes in its own column with our extension attribute: #item +x_uom.
// - People: #reached +hh (households) and #reached +ind (individuals), per neighbourhood,
//   each distribution counted once, on the neighbourhood's first row only, so the column
//   sums to the true total; per item (+x_with_item) on every row, where a distribution of
//   several items counts its households under each item and the column must not be summed.
// - #date +reported (as-of time of a stock table), #date +start / +end (first and last
//   distribution), #meta +source (which ledger, up to which event).
import type { LedgerEvent } from "../events.ts";
import type { LocationKind } from "../catalogue.ts";
import { VIRTUAL_KINDS } from "../catalogue.ts";
import { add, isZero } from "../quantity.ts";

export interface Column {
  header: string;
  hxl: string;
}

export interface Table {
  columns: Column[];
  rows: string[][];
}

export interface TableLocation {
  code: string;
  name: string;
  kind: LocationKind;
  organisation?: string | null;
}

export interface TableItem {
  code: string;
  name: string;
  uom: string;
}

export interface TableContext {
  operation: string;
  locations: ReadonlyMap<string, TableLocation>;
  items: ReadonlyMap<string, TableItem>;
  /** The last event the figures include, for #meta +source. */
  lastSeq: number;
  now: Date;
}

const source = (ctx: TableContext) => `Reliefline ledger of ${ctx.operation}, events 1–${ctx.lastSeq}`;

export const STOCK_COLUMNS: Column[] = [
  { header: "Operation", hxl: "#activity +programme +code" },
  { header: "Location code", hxl: "#loc +code" },
  { header: "Location", hxl: "#loc +name" },
  { header: "Location type", hxl: "#loc +type" },
  { header: "Organisation", hxl: "#org +code" },
  { header: "Item code", hxl: "#item +code" },
  { header: "Item", hxl: "#item +name" },
  { header: "Quantity in stock", hxl: "#indicator +num +x_stock" },
  { header: "Unit (UN/CEFACT)", hxl: "#item +x_uom" },
  { header: "As of", hxl: "#date +reported" },
  { header: "Source", hxl: "#meta +source" },
];

/**
 * Stock on hand: non-zero balances at real places and on transport units. Virtual
 * locations (donors, transit, loss, recipients) are the other side of the double
 * entry, not stock, so they are left out (the API's /stock lists them).
 */
export function stockTable(
  balances: readonly { location: string; item: string; quantity: string }[],
  ctx: TableContext,
): Table {
  const rows = balances
    .filter((b) => !isZero(b.quantity) && !VIRTUAL_KINDS.includes(ctx.locations.get(b.location)?.kind ?? "loss"))
    .map((b) => {
      const place = ctx.locations.get(b.location)!;
      const item = ctx.items.get(b.item);
      return [
        ctx.operation,
        place.code,
        place.name,
        place.kind,
        place.organisation ?? "",
        b.item,
        item?.name ?? "",
        b.quantity,
        item?.uom ?? "",
        ctx.now.toISOString(),
        source(ctx),
      ];
    });
  return { columns: STOCK_COLUMNS, rows };
}

export const DISTRIBUTION_COLUMNS: Column[] = [
  { header: "Operation", hxl: "#activity +programme +code" },
  { header: "Neighbourhood code", hxl: "#loc +code" },
  { header: "Neighbourhood", hxl: "#loc +name" },
  { header: "Item code", hxl: "#item +code +provided" },
  { header: "Item", hxl: "#item +name +provided" },
  { header: "Quantity distributed", hxl: "#output +num" },
  { header: "Unit (UN/CEFACT)", hxl: "#item +x_uom" },
  { header: "Households reached with this item", hxl: "#reached +hh +x_with_item" },
  { header: "People reached with this item", hxl: "#reached +ind +x_with_item" },
  { header: "Households reached in the neighbourhood (each distribution once)", hxl: "#reached +hh" },
  { header: "People reached in the neighbourhood (each distribution once)", hxl: "#reached +ind" },
  { header: "Distributions", hxl: "#output +num +x_distributions" },
  { header: "Teams", hxl: "#org +impl +code" },
  { header: "First distribution", hxl: "#date +start" },
  { header: "Last distribution", hxl: "#date +end" },
  { header: "Source", hxl: "#meta +source" },
];

interface Tally {
  quantity: string;
  households: number;
  people: number;
  events: number;
  teams: Set<string>;
  first: string;
  last: string;
}

/**
 * Distributions by neighbourhood and item, summed over GoodsDistributed events. A
 * distribution of several items counts its households and people under each item it
 * included (the usual 3W reading: households reached *with this item*), so those
 * columns must not be summed across items. The neighbourhood columns count each
 * distribution once and stand on the neighbourhood's first row only (blank on the
 * others): they sum to the households and people reached. (Two distributions may reach
 * the same households; the ledger keeps no list of who, so they are counted twice.)
 */
export function distributionTable(events: readonly LedgerEvent[], ctx: TableContext): Table {
  const tallies = new Map<string, Tally>();
  const reached = new Map<string, { households: number; people: number }>();
  for (const e of events) {
    if (e.type !== "GoodsDistributed" || e.neighbourhood === undefined) continue;
    const n = reached.get(e.neighbourhood) ?? { households: 0, people: 0 };
    reached.set(e.neighbourhood, {
      households: n.households + (e.households ?? 0),
      people: n.people + (e.people ?? 0),
    });
    for (const line of e.lines ?? []) {
      const key = `${e.neighbourhood}\u0000${line.item}`;
      const t = tallies.get(key) ?? {
        quantity: "0",
        households: 0,
        people: 0,
        events: 0,
        teams: new Set<string>(),
        first: e.eventTime,
        last: e.eventTime,
      };
      t.quantity = add(t.quantity, line.quantity);
      t.households += e.households ?? 0;
      t.people += e.people ?? 0;
      t.events += 1;
      if (e.team) t.teams.add(e.team);
      if (Date.parse(e.eventTime) < Date.parse(t.first)) t.first = e.eventTime;
      if (Date.parse(e.eventTime) > Date.parse(t.last)) t.last = e.eventTime;
      tallies.set(key, t);
    }
  }
  let previous = "";
  const rows = [...tallies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, t]) => {
      const [neighbourhood, itemCode] = key.split("\u0000") as [string, string];
      const item = ctx.items.get(itemCode);
      const first = neighbourhood !== previous;
      previous = neighbourhood;
      const total = reached.get(neighbourhood)!;
      return [
        ctx.operation,
        neighbourhood,
        ctx.locations.get(neighbourhood)?.name ?? "",
        itemCode,
        item?.name ?? "",
        t.quantity,
        item?.uom ?? "",
        String(t.households),
        String(t.people),
        first ? String(total.households) : "",
        first ? String(total.people) : "",
        String(t.events),
        [...t.teams].sort().join(" "),
        t.first,
        t.last,
        source(ctx),
      ];
    });
  return { columns: DISTRIBUTION_COLUMNS, rows };
}
