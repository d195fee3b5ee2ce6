// A fixed ledger for the claims checker's unit tests: the demo's story as a handful of
// per-unit steps and stock moves, answering each figure spec as the store would (same
// filters, in memory), so the corpus tests need no database.
import type { ClaimsCatalogue } from "../../src/core/claims/names.ts";
import { withDescendants } from "../../src/core/claims/names.ts";
import type { FigureSpec, LedgerFigure } from "../../src/core/claims/model.ts";
import {
  NEARBY_DAYS,
  specKey,
  type OpenDiscrepancy,
  type PlannedConsignment,
  type SpecResult,
} from "../../src/core/claims/specs.ts";
import { addDays } from "../../src/core/claims/dates.ts";
import { add } from "../../src/core/quantity.ts";
import { DEMO_ITEMS, DEMO_LOCATIONS } from "../../src/demo/origin.ts";

export const CATALOGUE: ClaimsCatalogue = {
  items: DEMO_ITEMS.map((i) => ({ code: i.code, name: i.name, uom: i.uom, kind: i.kind, names: i.names ?? {} })),
  locations: DEMO_LOCATIONS.filter((l) => l.kind !== "donor").map((l) => ({
    code: l.code,
    name: l.name,
    kind: l.kind,
    parent: l.parent ?? null,
    names: l.names ?? {},
  })),
};

type Step = "loaded" | "departed" | "arrived" | "unloaded" | "received";
interface Ev {
  unit: string;
  kind: string;
  consignment: boolean;
  step: Step;
  day: string;
  location: string;
  items: Record<string, string>;
}

const STEPS: Step[] = ["loaded", "departed", "arrived", "unloaded", "received"];
const events: Ev[] = [];
const car = (unit: string, kind: string, cargo: Record<string, string>, days: Partial<Record<Step, string>>) => {
  for (const step of STEPS) {
    const day = days[step];
    if (!day) continue;
    const location = step === "loaded" || step === "departed" ? "NOGINSK" : "AM-EVN";
    events.push({
      unit,
      kind,
      consignment: true,
      step,
      day,
      location,
      items: step === "loaded" || step === "unloaded" ? cargo : {},
    });
  }
};
// Part 1: nine covered wagons, arrived 6 Dec, unloaded 7 Dec.
const part1 = [
  ["CEMENT", "60"],
  ["CEMENT", "60"],
  ["GLASS", "1500"],
  ["GLASS", "1500"],
  ["BLANKET", "2000"],
  ["BLANKET", "2000"],
  ["BLANKET", "2000"],
  ["FLOUR", "55"],
  ["FLOUR", "55"],
];
part1.forEach(([item, q], i) =>
  car(
    `P1-${i}`,
    "covered-wagon",
    { [item!]: q! },
    { loaded: "2020-11-27", departed: "2020-11-28", arrived: "2020-12-06", unloaded: "2020-12-07" },
  ),
);
// Part 2: sixteen gondolas of lumber and a flatcar with the crane, unloaded 19 Dec with no arrival recorded.
for (let i = 0; i < 16; i++)
  car(
    `P2-${i}`,
    "gondola",
    { LUMBER: i < 12 ? "19" : "18" },
    { loaded: "2020-12-08", departed: "2020-12-09", unloaded: "2020-12-19" },
  );
car("P2-FLAT", "flatcar", { CRANE: "1" }, { loaded: "2020-12-08", departed: "2020-12-09", unloaded: "2020-12-19" });
// Trucks: six on 8 December (part 1's cargo), ten on 19 December (lumber).
const truck = (unit: string, day: string, cargo: Record<string, string>) => {
  for (const step of STEPS.slice(0, 4)) {
    const location = step === "loaded" || step === "departed" ? "AM-EVN" : "STP-HUB";
    events.push({
      unit,
      kind: "truck",
      consignment: false,
      step,
      day,
      location,
      items: step === "loaded" || step === "unloaded" ? cargo : {},
    });
  }
};
[
  ["CEMENT", "60"],
  ["CEMENT", "60"],
  ["GLASS", "3000"],
  ["BLANKET", "6000"],
  ["FLOUR", "55"],
  ["FLOUR", "55"],
].forEach(([item, q], i) => truck(`T${i}`, "2020-12-08", { [item!]: q! }));
for (let i = 0; i < 10; i++) truck(`T${i}`, "2020-12-19", { LUMBER: "30" });

interface Move {
  item: string;
  quantity: string;
  day: string;
  from: string;
  to: string;
}
const moves: Move[] = [
  ...events
    .filter((e) => e.kind === "truck" && e.step === "unloaded")
    .flatMap((e) =>
      Object.entries(e.items).map(([item, quantity]) => ({
        item,
        quantity,
        day: e.day,
        from: `unit:${e.unit}`,
        to: "STP-HUB",
      })),
    ),
  { item: "CRANE", quantity: "1", day: "2020-12-19", from: "AM-EVN", to: "STP-HUB" },
  { item: "BLANKET", quantity: "1200", day: "2020-12-15", from: "STP-CENTRE", to: "recipients:STP-CENTRE" },
  { item: "BLANKET", quantity: "6000", day: "2020-12-12", from: "STP-HUB", to: "STP-CENTRE" },
];

export const PLANNED: PlannedConsignment[] = [
  {
    code: "STP-54",
    name: "54 rail cars",
    plannedUnits: 54,
    destination: "STP-HUB",
    parts: [
      { number: 1, plannedUnits: 9, registered: { "covered-wagon": 9 } },
      { number: 2, plannedUnits: 17, registered: { gondola: 16, flatcar: 1 } },
      { number: 3, plannedUnits: 28, registered: { "covered-wagon": 28 } },
    ],
    registered: { "covered-wagon": 37, gondola: 16, flatcar: 1 },
    cargo: { CEMENT: "960", GLASS: "3000", BLANKET: "6000", FLOUR: "880", LUMBER: "300", CRANE: "1" },
  },
];

export const DISCREPANCIES: OpenDiscrepancy[] = Array.from({ length: 16 }, (_, i) => ({
  id: `d-${i}`,
  kind: "unloaded-before-arrived",
  subject: `unit:P2-${i}`,
  explanation: `Rail car P2-${i} was unloaded with no arrival recorded.`,
}));

const figure = (id: string, value: string, unit: string): LedgerFigure => ({
  id,
  label: id,
  value,
  unit,
  query: { description: id, sql: "-- fixed ledger", params: [] },
});
const inDays = (day: string, from: string | null, to: string) => (from === null || day >= from) && day <= to;
const kindOk = (e: Ev, kinds: readonly string[] | null, consignmentOnly: boolean) =>
  (kinds === null || kinds.includes(e.kind)) && (!consignmentOnly || e.consignment);
const places = (codes: readonly string[] | null) => (codes ? withDescendants(codes, CATALOGUE.locations) : null);
const uomOf = (item: string) => CATALOGUE.items.find((i) => i.code === item)!.uom;

export function answer(spec: FigureSpec): SpecResult {
  switch (spec.measure) {
    case "units-stepped": {
      const where = places(spec.locations);
      const hits = events.filter(
        (e) =>
          e.step === spec.step &&
          kindOk(e, spec.kinds, spec.consignmentOnly) &&
          inDays(e.day, spec.from, spec.to) &&
          (!where || where.includes(e.location)) &&
          (!spec.items || spec.items.some((i) => e.items[i] !== undefined)),
      );
      const values: Record<string, string> = {};
      for (const day of new Set(hits.map((e) => e.day)))
        values[day] = String(new Set(hits.filter((e) => e.day === day).map((e) => e.unit)).size);
      const day = addDays(spec.from, NEARBY_DAYS);
      return {
        measure: spec.measure,
        values,
        figure: figure(`units-${spec.step}`, values[day] ?? "0", "units"),
        events: [],
        units: [...new Set(hits.filter((e) => e.day === day).map((e) => e.unit))],
        unit: "units",
      };
    }
    case "units-reached": {
      const units = [
        ...new Set(
          events
            .filter((e) => (spec.kinds === null ? e.consignment : (spec.kinds as readonly string[]).includes(e.kind)))
            .map((e) => e.unit),
        ),
      ];
      const later = STEPS.slice(STEPS.indexOf(spec.step as Step));
      const has = (u: string, steps: Step[]) =>
        events.some((e) => e.unit === u && steps.includes(e.step) && e.day <= spec.date);
      const recorded = units.filter((u) => has(u, [spec.step as Step]));
      const reached = units.filter((u) => has(u, later));
      const implied = reached.filter((u) => !recorded.includes(u));
      return {
        measure: spec.measure,
        recorded: recorded.length,
        reached: reached.length,
        implied,
        evidence: implied.map((u) => `ev-${u}`),
        recordedFigure: figure("recorded", String(recorded.length), "units"),
        reachedFigure: figure("reached", String(reached.length), "units"),
      };
    }
    case "goods-stepped": {
      const where = places(spec.locations);
      const hits = events.filter(
        (e) =>
          e.step === spec.step &&
          kindOk(e, spec.kinds, spec.consignmentOnly) &&
          inDays(e.day, spec.from, spec.to) &&
          (!where || where.includes(e.location)) &&
          e.items[spec.item] !== undefined,
      );
      return series(
        spec.measure,
        hits.map((e) => ({ day: e.day, quantity: e.items[spec.item]!, unit: e.unit })),
        spec.from,
        spec.to,
        uomOf(spec.item),
      );
    }
    case "goods-into": {
      const into =
        spec.locations === "recipients"
          ? null
          : places(spec.locations === "destinations" ? ["STP-HUB"] : spec.locations)!;
      const hits = moves.filter(
        (m) =>
          m.item === spec.item &&
          inDays(m.day, spec.from, spec.to) &&
          (into === null ? m.to.startsWith("recipients:") : into.includes(m.to) && !into.includes(m.from)),
      );
      return series(
        spec.measure,
        hits.map((m) => ({ day: m.day, quantity: m.quantity, unit: m.from.replace("unit:", "") })),
        spec.from,
        spec.to,
        uomOf(spec.item),
      );
    }
    case "planned":
      return { measure: "planned", consignments: PLANNED, figure: figure("planned", "", "units") };
    default: {
      const never: never = spec;
      return never;
    }
  }
}

function series(
  measure: "goods-stepped" | "goods-into",
  rows: { day: string; quantity: string; unit: string }[],
  from: string | null,
  to: string,
  uom: string,
): SpecResult {
  const values: Record<string, string> = {};
  for (const r of rows) {
    const key = from === null ? to : r.day;
    values[key] = add(values[key] ?? "0", r.quantity);
  }
  const day = from === null ? to : addDays(from, NEARBY_DAYS);
  return {
    measure,
    values,
    figure: figure(measure, values[day] ?? "0", uom),
    events: [],
    units: [...new Set(rows.map((r) => r.unit))],
    unit: uom,
  };
}

export function answerAll(specs: readonly FigureSpec[]): Map<string, SpecResult> {
  const out = new Map<string, SpecResult>();
  for (const s of specs) out.set(specKey(s), answer(s));
  return out;
}
