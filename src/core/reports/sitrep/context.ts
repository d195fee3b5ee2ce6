// What every section of the situation report shares: the data, the language's formatter
// and words, names from the catalogue in the report's language, and the phrases sections
// build from them ("17 rail cars, 10 trucks", "Lumber 300 m³").
import type { LocalisedNames } from "../../names.ts";
import type { Lang } from "../document.ts";
import { add } from "../../quantity.ts";
import type { SitrepData, SitrepLine } from "./data.ts";
import type { Formatter } from "./format.ts";
import { dayIn } from "../../calendar.ts";
import type { SitrepLabels } from "./labels.ts";
import type { Describe } from "../../reconcile/describe.ts";

type UnitGroup = keyof SitrepLabels["unitKinds"];
const RAIL_KINDS = ["covered-wagon", "gondola", "flatcar", "tank"];
const unitGroup = (kind: string | null): UnitGroup =>
  kind === null
    ? "other"
    : RAIL_KINDS.includes(kind)
      ? "rail"
      : kind === "truck"
        ? "truck"
        : kind === "container"
          ? "container"
          : "other";
const GROUP_ORDER: UnitGroup[] = ["rail", "truck", "container", "other"];

export interface Ctx {
  data: SitrepData;
  f: Formatter;
  L: SitrepLabels;
  item(code: string): { name: string; uom: string };
  place(code: string): string;
  kindOf(code: string): string | undefined;
  /** The local time (HH:MM) the figures stand at when the period ends today; null when it is over. */
  asOf: string | null;
  /** Explanations of discrepancies in the report's language, from their facts. */
  d: Describe;
}

/** The entry's name in the report's language when the catalogue has one, else its working name. */
export const nameIn = (
  entry: { name: string; names?: LocalisedNames | undefined } | undefined,
  lang: Lang,
): string | undefined => entry && (entry.names?.[lang]?.name ?? entry.name);

/** "17 rail cars, 10 trucks". */
export function unitsPhrase(ctx: Ctx, kinds: readonly (string | null)[]): string {
  const counts = new Map<UnitGroup, number>();
  for (const k of kinds) counts.set(unitGroup(k), (counts.get(unitGroup(k)) ?? 0) + 1);
  return GROUP_ORDER.filter((g) => counts.has(g))
    .map((g) => ctx.f.count(counts.get(g)!, ctx.L.unitKinds[g]))
    .join(", ");
}

/** Quantities summed per item, in order of the items' names. */
export function totals(ctx: Ctx, lines: readonly SitrepLine[]): Map<string, string> {
  const byItem = new Map<string, string>();
  for (const l of lines) byItem.set(l.item, add(byItem.get(l.item) ?? "0", l.quantity));
  return new Map([...byItem].sort(([a], [b]) => ctx.item(a).name.localeCompare(ctx.item(b).name)));
}

export const quantity = (ctx: Ctx, item: string, q: string) => `${ctx.f.number(q)} ${ctx.item(item).uom}`.trim();

/** "Lumber (sawn timber) 300 m³; Truck-mounted crane 1 pcs". */
export function cargoPhrase(ctx: Ctx, lines: readonly SitrepLine[]): string {
  return [...totals(ctx, lines)].map(([item, q]) => `${ctx.item(item).name} ${quantity(ctx, item, q)}`).join("; ");
}

/** Rows grouped by (local day, location), in order of day then location name. */
export function byDayAndPlace<T extends { eventTime: string; location: string }>(
  ctx: Ctx,
  rows: readonly T[],
): { day: string; location: string; rows: T[] }[] {
  const groups = new Map<string, { day: string; location: string; rows: T[] }>();
  for (const r of rows) {
    const day = dayIn(ctx.data.operation.timeZone, r.eventTime);
    const key = `${day}\u0000${r.location}`;
    const g = groups.get(key) ?? { day, location: r.location, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const first = (g: { rows: T[] }) => Math.min(...g.rows.map((r) => Date.parse(r.eventTime)));
  return [...groups.values()].sort((a, b) => (a.day === b.day ? first(a) - first(b) : a.day < b.day ? -1 : 1));
}

export const households = (d: SitrepData) => d.distributions.reduce((n, x) => n + (x.households ?? 0), 0);
