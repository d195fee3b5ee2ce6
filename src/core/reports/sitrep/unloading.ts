// Unloading per place and day, the day-by-day chart, and what reached the hub.
import type { Block } from "../document.ts";
import type { SitrepData } from "./data.ts";
import { dayIn } from "../../calendar.ts";
import { fill } from "./labels.ts";
import { byDayAndPlace, cargoPhrase, totals, unitsPhrase, type Ctx } from "./context.ts";
import { countTicks, niceMax } from "./ticks.ts";

/** Where a place stands on the consignments' legs: "end of the rail leg from Noginsk". */
function legNote(ctx: Ctx, place: string): string | undefined {
  const leg = ctx.data.legs.find((l) => l.to === place);
  if (!leg) return undefined;
  return fill(ctx.L.legEnd, { mode: ctx.L.modes[leg.mode] ?? leg.mode, from: ctx.place(leg.from) });
}

/**
 * Unloading per place, each with its own total: goods unloaded from the rail cars at the
 * railhead and the same goods unloaded from the trucks at the hub are two legs of one
 * journey, so no total adds them up. What reached the hub is counted once, below.
 */
export function unloading(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.unloading };
  if (data.unloadings.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.unloadingNone }];
  const blocks: Block[] = [head, { kind: "paragraph", text: L.unloadingIntro }];
  for (const [place, rows] of unloadingsByPlace(data)) {
    const leg = legNote(ctx, place);
    blocks.push({ kind: "heading", level: 3, text: leg ? `${ctx.place(place)} (${leg})` : ctx.place(place) });
    const groups = byDayAndPlace(ctx, rows);
    blocks.push({
      kind: "table",
      columns: [
        { header: L.col.date, align: "left" },
        { header: L.col.units, align: "right" },
        { header: L.col.cargo, align: "left" },
      ],
      rows: groups.map((g) => [
        f.shortDay(g.day),
        unitsPhrase(
          ctx,
          g.rows.map((r) => r.unitKind),
        ),
        cargoPhrase(
          ctx,
          g.rows.flatMap((r) => r.lines),
        ),
      ]),
      totals: [
        fill(L.totalAt, { place: ctx.place(place) }),
        unitsPhrase(
          ctx,
          rows.map((u) => u.unitKind),
        ),
        cargoPhrase(
          ctx,
          rows.flatMap((u) => u.lines),
        ),
      ],
    });
  }
  const days = new Map<string, (string | null)[]>();
  for (const u of data.unloadings) {
    const day = dayIn(data.operation.timeZone, u.eventTime);
    days.set(day, [...(days.get(day) ?? []), u.unitKind]);
  }
  const ordered = [...days].sort(([a], [b]) => (a < b ? -1 : 1));
  const max = Math.max(...ordered.map(([, k]) => k.length));
  blocks.push({
    kind: "bars",
    title: L.unloadingChart,
    series: [L.unloadingSeries],
    max: niceMax(max),
    ticks: countTicks(f, niceMax(max)),
    bars: ordered.map(([day, kinds]) => ({
      label: f.shortDay(day),
      values: [kinds.length],
      text: unitsPhrase(ctx, kinds),
    })),
  });
  if (data.inferredArrivals.length > 0) {
    blocks.push({
      kind: "paragraph",
      tone: "notice",
      text: fill(L.noArrivalNote, {
        units: unitsPhrase(
          ctx,
          data.inferredArrivals.map((u) => u.unitKind),
        ),
      }),
    });
  }
  if (data.hub && data.intoHub.length > 0) {
    blocks.push({ kind: "heading", level: 3, text: fill(L.intoHub, { hub: ctx.place(data.hub) }) });
    blocks.push({ kind: "paragraph", text: L.intoHubIntro });
    blocks.push({
      kind: "table",
      columns: [
        { header: L.col.item, align: "left" },
        { header: L.col.quantity, align: "right" },
        { header: L.col.unit, align: "left" },
      ],
      rows: [...totals(ctx, data.intoHub)].map(([item, q]) => [ctx.item(item).name, f.number(q), ctx.item(item).uom]),
    });
  }
  return blocks;
}

/** Unloadings grouped by place, places in the order of their first unloading. */
export function unloadingsByPlace(data: Pick<SitrepData, "unloadings">): Map<string, SitrepData["unloadings"]> {
  const out = new Map<string, SitrepData["unloadings"]>();
  for (const u of [...data.unloadings].sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime)))
    out.set(u.location, [...(out.get(u.location) ?? []), u]);
  return out;
}
