// Coverage of the assessed needs per neighbourhood and item: distributed, and as planned.
import type { Block } from "../document.ts";
import { isZero, sum } from "../../quantity.ts";
import type { SitrepData } from "./data.ts";
import { dayIn } from "../../calendar.ts";
import { fill } from "./labels.ts";
import { totals, type Ctx } from "./context.ts";
import { percentTicks } from "./ticks.ts";

/** Mean over a neighbourhood's needs of min(1, given / needed). */
function meanCoverage(needs: SitrepData["needs"], given: (item: string) => string): number {
  const counted = needs.filter((n) => !isZero(n.quantity));
  if (counted.length === 0) return 0;
  return counted.reduce((s, n) => s + Math.min(1, Number(given(n.item)) / Number(n.quantity)), 0) / counted.length;
}

export function coverage(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  const head: Block = { kind: "heading", level: 2, text: L.coverage };
  if (data.needs.length === 0) return [head, { kind: "paragraph", tone: "muted", text: L.coverageNone }];
  const hoods = [...new Set(data.needs.map((n) => n.neighbourhood))].sort((a, b) =>
    ctx.place(a).localeCompare(ctx.place(b)),
  );
  const qty =
    (rows: readonly { neighbourhood: string; item: string; quantity: string }[], n: string) => (item: string) =>
      sum(rows.filter((r) => r.neighbourhood === n && r.item === item).map((r) => r.quantity));
  const plan = data.plan;
  const figures = hoods.map((n) => {
    const needs = data.needs.filter((x) => x.neighbourhood === n);
    return {
      n,
      households: Math.max(0, ...needs.map((x) => x.households ?? 0)),
      people: Math.max(0, ...needs.map((x) => x.people ?? 0)),
      covered: meanCoverage(needs, qty(data.distributedToDate, n)),
      planned: plan ? meanCoverage(needs, qty(plan.lines, n)) : null,
    };
  });
  const planLabel =
    plan &&
    fill(L.coveragePlanned, {
      status: plan.status === "approved" ? L.planApproved : L.planDraft,
      day: f.day(dayIn(data.operation.timeZone, plan.createdAt)),
    });
  const columns = [
    { header: L.col.neighbourhood, align: "left" as const },
    { header: L.col.households, align: "right" as const },
    { header: L.col.people, align: "right" as const },
    { header: L.col.covered, align: "right" as const },
  ];
  const blocks: Block[] = [
    head,
    { kind: "paragraph", text: L.coverageIntro },
    {
      kind: "table",
      columns: plan ? [...columns, { header: L.col.planned, align: "right" }] : columns,
      rows: figures.map((x) => [
        ctx.place(x.n),
        f.number(x.households),
        f.number(x.people),
        f.percent(x.covered),
        ...(x.planned === null ? [] : [f.percent(x.planned)]),
      ]),
    },
  ];
  blocks.push({
    kind: "bars",
    title: L.coverageChart,
    series: plan ? [L.coverageDistributed, planLabel!] : [L.coverageDistributed],
    max: 1,
    ticks: percentTicks(f),
    bars: figures.map((x) => ({
      label: ctx.place(x.n),
      values: x.planned === null ? [x.covered] : [x.covered, x.planned],
      text:
        x.planned === null
          ? f.percent(x.covered)
          : `${f.percent(x.covered)} · ${L.col.planned.toLowerCase()} ${f.percent(x.planned)}`,
    })),
  });
  if (!plan) blocks.push({ kind: "paragraph", tone: "muted", text: L.noPlan });
  const itemsNeeded = [...totals(ctx, data.needs)];
  blocks.push({
    kind: "table",
    columns: [
      { header: L.col.item, align: "left" },
      { header: L.col.needed, align: "right" },
      { header: L.col.distributed, align: "right" },
      { header: L.col.covered, align: "right" },
      { header: L.col.unit, align: "left" },
    ],
    rows: itemsNeeded.map(([item, need]) => {
      const given = sum(data.distributedToDate.filter((d) => d.item === item).map((d) => d.quantity));
      return [
        ctx.item(item).name,
        f.number(need),
        f.number(given),
        f.percent(isZero(need) ? 0 : Math.min(1, Number(given) / Number(need))),
        ctx.item(item).uom,
      ];
    }),
  });
  return blocks;
}
