// Discrepancies open now, per kind, explained in the report's language.
import type { Block } from "../document.ts";
import { explain } from "../../reconcile/explain.ts";
import { fill } from "./labels.ts";
import type { Ctx } from "./context.ts";

export function discrepancies(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.discrepancies };
  if (data.discrepancies.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.discrepanciesNone }];
  const kinds = Object.keys(L.discrepancyKinds);
  const present = [...new Set(data.discrepancies.map((d) => d.kind))].sort(
    (a, b) => kinds.indexOf(a) - kinds.indexOf(b),
  );
  const rows = present.map((kind) => {
    const of = data.discrepancies.filter((d) => d.kind === kind);
    const detail =
      of.length === 1
        ? of[0]!.facts
          ? explain(of[0]!.facts, ctx.d)
          : of[0]!.explanation
        : of
            .slice(0, 4)
            .map((d) => d.subject.replace(/^\w+:/, ""))
            .join(", ") + (of.length > 4 ? ` ${fill(L.andMore, { n: f.number(of.length - 4) })}` : "");
    return [L.discrepancyKinds[kind] ?? kind, f.number(of.length), detail];
  });
  return [
    head,
    { kind: "paragraph", text: L.discrepanciesIntro },
    {
      kind: "table",
      columns: [
        { header: L.col.kind, align: "left" },
        { header: L.col.count, align: "right" },
        { header: L.col.subject, align: "left" },
      ],
      rows,
      totals: [L.total, f.number(data.discrepancies.length), ""],
    },
  ];
}
