// Arrivals recorded in the period, per day and place.
import type { Block } from "../document.ts";
import { byDayAndPlace, unitsPhrase, type Ctx } from "./context.ts";

export function arrivals(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.arrivals };
  if (data.arrivals.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.arrivalsNone }];
  const groups = byDayAndPlace(ctx, data.arrivals);
  return [
    head,
    {
      kind: "table",
      columns: [
        { header: L.col.date, align: "left" },
        { header: L.col.location, align: "left" },
        { header: L.col.units, align: "right" },
      ],
      rows: groups.map((g) => [
        f.shortDay(g.day),
        ctx.place(g.location),
        unitsPhrase(
          ctx,
          g.rows.map((r) => r.unitKind),
        ),
      ]),
      totals: [
        L.total,
        "",
        unitsPhrase(
          ctx,
          data.arrivals.map((a) => a.unitKind),
        ),
      ],
    },
  ];
}
