// Stock at the end of the period per place, and the hub's stock against the assessed need.
import type { Block } from "../document.ts";
import { VIRTUAL_KINDS, type LocationKind } from "../../catalogue.ts";
import { add, cmp, isZero, sum } from "../../quantity.ts";
import { fill } from "./labels.ts";
import { quantity, totals, type Ctx } from "./context.ts";
import { percentTicks } from "./ticks.ts";

export function stock(ctx: Ctx): Block[] {
  const { data, f, L, asOf } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.stock };
  const real = data.stock.filter(
    (b) => !isZero(b.quantity) && !VIRTUAL_KINDS.includes((ctx.kindOf(b.location) ?? "loss") as LocationKind),
  );
  if (real.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.stockNone }];
  const onUnits = new Map<string, string>();
  const rows: { place: string; item: string; quantity: string }[] = [];
  for (const b of real) {
    if (ctx.kindOf(b.location) === "transport-unit") onUnits.set(b.item, add(onUnits.get(b.item) ?? "0", b.quantity));
    else rows.push({ place: ctx.place(b.location), item: b.item, quantity: b.quantity });
  }
  rows.sort((a, b) => a.place.localeCompare(b.place) || ctx.item(a.item).name.localeCompare(ctx.item(b.item).name));
  for (const [item, q] of totals(
    ctx,
    [...onUnits].map(([item, quantity]) => ({ item, quantity })),
  ))
    rows.push({ place: L.stockOnUnits, item, quantity: q });
  const blocks: Block[] = [
    head,
    {
      kind: "paragraph",
      text: asOf
        ? fill(L.stockIntroAsOf, { day: f.day(data.period.to), time: asOf })
        : fill(L.stockIntro, { day: f.day(data.period.to) }),
    },
    {
      kind: "table",
      columns: [
        { header: L.col.location, align: "left" },
        { header: L.col.item, align: "left" },
        { header: L.col.quantity, align: "right" },
        { header: L.col.unit, align: "left" },
      ],
      rows: rows.map((r) => [r.place, ctx.item(r.item).name, f.number(r.quantity), ctx.item(r.item).uom]),
    },
  ];
  const hub = data.hub;
  const atHub = data.stock.filter((b) => b.location === hub && cmp(b.quantity, "0") > 0);
  if (hub && atHub.length > 0) {
    const needOf = (item: string) => sum(data.needs.filter((n) => n.item === item).map((n) => n.quantity));
    const ordered = [
      ...totals(
        ctx,
        atHub.map((b) => ({ item: b.item, quantity: b.quantity })),
      ),
    ];
    blocks.push({
      kind: "bars",
      title: fill(L.hubChart, { hub: ctx.place(hub) }),
      series: [L.hubSeries],
      max: 1,
      ticks: percentTicks(f),
      bars: ordered.map(([item, q]) => {
        const need = needOf(item);
        const share = isZero(need) ? 0 : Math.min(1, Number(q) / Number(need));
        return {
          label: ctx.item(item).name,
          values: [share],
          text: `${quantity(ctx, item, q)} · ${isZero(need) ? L.noNeed : f.percent(Number(q) / Number(need))}`,
        };
      }),
      note: L.hubNote,
    });
  }
  return blocks;
}
