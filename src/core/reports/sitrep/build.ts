// The situation report for a period as a document of blocks: a pure function of the
// data read from the ledger and the language. Every figure here is a sum or count
// over that data; nothing is read from a clock or a database.
import type { LocalisedNames } from "../../names.ts";
import type { Block, Lang, ReportDocument, Tick } from "../document.ts";
import { VIRTUAL_KINDS, type LocationKind } from "../../catalogue.ts";
import { add, cmp, isZero, sum } from "../../quantity.ts";
import type { SitrepData, SitrepLine } from "./data.ts";
import { formatter, localDay, type Formatter } from "./format.ts";
import { SITREP_LABELS, fill, type SitrepLabels } from "./labels.ts";
import { describer, type Describe } from "../../reconcile/describe.ts";
import { explain } from "../../reconcile/explain.ts";
import { uomSymbol } from "../../uom.ts";

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

interface Ctx {
  data: SitrepData;
  f: Formatter;
  L: SitrepLabels;
  item(code: string): { name: string; uom: string };
  place(code: string): string;
  kindOf(code: string): string | undefined;
  /** Explanations of discrepancies in the report's language, from their facts. */
  d: Describe;
}

/** The entry's name in the report's language when the catalogue has one, else its working name. */
const nameIn = (
  entry: { name: string; names?: LocalisedNames | undefined } | undefined,
  lang: Lang,
): string | undefined => entry && (entry.names?.[lang]?.name ?? entry.name);

export function buildSitrep(data: SitrepData, lang: Lang): ReportDocument {
  const L = SITREP_LABELS[lang];
  const f = formatter(lang, data.operation.timeZone);
  const items = new Map(data.items.map((i) => [i.code, i]));
  const places = new Map(data.locations.map((l) => [l.code, l]));
  const ctx: Ctx = {
    data,
    f,
    L,
    item: (code) => ({ name: nameIn(items.get(code), lang) ?? code, uom: uomSymbol(items.get(code)?.uom ?? "", lang) }),
    place: (code) => nameIn(places.get(code), lang) ?? code,
    kindOf: (code) => places.get(code)?.kind,
    d: describer(
      { places, items, consignments: new Map(data.progress.map((c) => [c.code, c])) },
      data.operation.timeZone,
      lang,
    ),
  };
  const { from, to } = data.period;
  const operationName = nameIn(data.operation, lang) ?? data.operation.name;
  const blocks: Block[] = [];
  if (data.eventsInPeriod === 0)
    blocks.push({ kind: "paragraph", tone: "notice", text: fill(L.noEvents, { period: f.period(from, to) }) });
  blocks.push(
    ...summary(ctx),
    ...arrivals(ctx),
    ...unloading(ctx),
    ...stock(ctx),
    ...distributions(ctx),
    ...coverage(ctx),
    ...discrepancies(ctx),
  );
  return {
    lang,
    title: L.title,
    subtitle: operationName,
    meta: [
      { label: L.operation, value: data.operation.code },
      { label: L.period, value: f.period(from, to) },
      { label: L.timeZone, value: data.operation.timeZone },
      { label: L.generated, value: f.dateTime(data.generatedAt) },
    ],
    blocks,
    runningHead: `${L.title} · ${operationName} · ${f.period(from, to)}`,
    footer: fill(L.footer, { operation: data.operation.code, seq: data.ledger.seq, hash: data.ledger.hash }),
    pageLabel: L.page,
    generatedAt: data.generatedAt,
    fileName: `sitrep-${data.operation.code}-${from}-${to}-${lang}`,
  };
}

/** "17 rail cars, 10 trucks". */
function unitsPhrase(ctx: Ctx, kinds: readonly (string | null)[]): string {
  const counts = new Map<UnitGroup, number>();
  for (const k of kinds) counts.set(unitGroup(k), (counts.get(unitGroup(k)) ?? 0) + 1);
  return GROUP_ORDER.filter((g) => counts.has(g))
    .map((g) => ctx.f.count(counts.get(g)!, ctx.L.unitKinds[g]))
    .join(", ");
}

/** Quantities summed per item, in order of the items' names. */
function totals(ctx: Ctx, lines: readonly SitrepLine[]): Map<string, string> {
  const byItem = new Map<string, string>();
  for (const l of lines) byItem.set(l.item, add(byItem.get(l.item) ?? "0", l.quantity));
  return new Map([...byItem].sort(([a], [b]) => ctx.item(a).name.localeCompare(ctx.item(b).name)));
}

const quantity = (ctx: Ctx, item: string, q: string) => `${ctx.f.number(q)} ${ctx.item(item).uom}`.trim();

/** "Lumber (sawn timber) 300 m³; Truck-mounted crane 1 pcs". */
function cargoPhrase(ctx: Ctx, lines: readonly SitrepLine[]): string {
  return [...totals(ctx, lines)].map(([item, q]) => `${ctx.item(item).name} ${quantity(ctx, item, q)}`).join("; ");
}

/** Rows grouped by (local day, location), in order of day then location name. */
function byDayAndPlace<T extends { eventTime: string; location: string }>(
  ctx: Ctx,
  rows: readonly T[],
): { day: string; location: string; rows: T[] }[] {
  const groups = new Map<string, { day: string; location: string; rows: T[] }>();
  for (const r of rows) {
    const day = localDay(r.eventTime, ctx.data.operation.timeZone);
    const key = `${day}\u0000${r.location}`;
    const g = groups.get(key) ?? { day, location: r.location, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const first = (g: { rows: T[] }) => Math.min(...g.rows.map((r) => Date.parse(r.eventTime)));
  return [...groups.values()].sort((a, b) => (a.day === b.day ? first(a) - first(b) : a.day < b.day ? -1 : 1));
}

const households = (d: SitrepData) => d.distributions.reduce((n, x) => n + (x.households ?? 0), 0);

function summary(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  // Units that arrived in the period: the arrivals recorded and those the unloading implies.
  const arrived = [...data.arrivals, ...data.inferredArrivals];
  const arrivedNote = [
    ...(data.inferredArrivals.length > 0
      ? [
          fill(L.figArrivedSplit, {
            recorded: f.number(data.arrivals.length),
            inferred: f.number(data.inferredArrivals.length),
          }),
        ]
      : []),
    ...(arrived.length > 0
      ? [
          unitsPhrase(
            ctx,
            arrived.map((a) => a.unitKind),
          ),
        ]
      : []),
  ].join(" · ");
  const blocks: Block[] = [
    { kind: "heading", level: 2, text: L.summary },
    {
      kind: "figures",
      figures: [
        { label: L.figArrived, value: f.number(arrived.length), ...(arrivedNote && { note: arrivedNote }) },
        {
          label: L.figUnloaded,
          value: f.number(data.unloadings.length),
          ...(data.unloadings.length > 0 && {
            note: unitsPhrase(
              ctx,
              data.unloadings.map((u) => u.unitKind),
            ),
          }),
        },
        { label: L.figDistributed, value: f.number(households(data)) },
        { label: L.figDiscrepancies, value: f.number(data.discrepancies.length) },
      ],
    },
  ];
  for (const c of data.progress) {
    const values = {
      name: `${c.code} (${nameIn(c, ctx.f.lang) ?? c.name})`,
      arrived: f.number(c.arrived.reached),
      recorded: f.number(c.arrived.recorded),
      inferred: f.number(c.arrived.inferred),
      unloaded: f.number(c.unloaded),
      planned: f.number(c.planned),
    };
    blocks.push({
      kind: "paragraph",
      text: fill(c.arrived.inferred > 0 ? L.progressNoteInferred : L.progressNote, values),
    });
  }
  return blocks;
}

function arrivals(ctx: Ctx): Block[] {
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
function unloading(ctx: Ctx): Block[] {
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
    const day = localDay(u.eventTime, data.operation.timeZone);
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

function stock(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
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
    { kind: "paragraph", text: fill(L.stockIntro, { day: f.day(data.period.to) }) },
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

function distributions(ctx: Ctx): Block[] {
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

/** Mean over a neighbourhood's needs of min(1, given / needed). */
function meanCoverage(needs: SitrepData["needs"], given: (item: string) => string): number {
  const counted = needs.filter((n) => !isZero(n.quantity));
  if (counted.length === 0) return 0;
  return counted.reduce((s, n) => s + Math.min(1, Number(given(n.item)) / Number(n.quantity)), 0) / counted.length;
}

function coverage(ctx: Ctx): Block[] {
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
      day: f.day(localDay(plan.createdAt, data.operation.timeZone)),
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

function discrepancies(ctx: Ctx): Block[] {
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

/** A round upper bound for a count axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= n)!;
}

/** Ticks at 1, 2 or 5 × 10ⁿ, at most six of them, up to a nice maximum. */
export function countTicks(f: Formatter, max: number): Tick[] {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, max / 5)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => max / s <= 5)!;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => ({ value: i * step, label: f.number(i * step) }));
}

const percentTicks = (f: Formatter): Tick[] => [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: f.percent(v) }));
