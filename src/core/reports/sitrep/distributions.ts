// Distributions in the period per neighbourhood: cargo, households and people (counts only).
import type { Block } from "../document.ts";
import { cargoPhrase, households, type Ctx } from "./context.ts";

export function distributions(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.distributions };
  if (data.distributions.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.distributionsNone }];
  const hoods = [...new Set(data.distributions.map((d) => d.neighbourhood))].sort((a, b) =>
    ctx.place(a).localeCompare(ctx.place(b)),
  );
  const rows = hoods.map((n) => {
    const of = data.distributions.filter((d) => d.neighbourhood === n);
    return [
      ctx.place(n),
      cargoPhrase(
        ctx,
        of.flatMap((d) => d.lines),
      ),
      f.number(of.reduce((s, d) => s + (d.households ?? 0), 0)),
      f.number(of.reduce((s, d) => s + (d.people ?? 0), 0)),
    ];
  });
  return [
    head,
    {
      kind: "table",
      columns: [
        { header: L.col.neighbourhood, align: "left" },
        { header: L.col.cargo, align: "left" },
        { header: L.col.households, align: "right" },
        { header: L.col.people, align: "right" },
      ],
      rows,
      totals: [
        L.total,
        "",
        f.number(households(data)),
        f.number(data.distributions.reduce((s, d) => s + (d.people ?? 0), 0)),
      ],
    },
  ];
}
