// The situation report for a period as a document of blocks: a pure function of the
// data read from the ledger and the language. Every figure here is a sum or count
// over that data; nothing is read from a clock or a database.
import type { Block, Lang, ReportDocument } from "../document.ts";
import type { SitrepData } from "./data.ts";
import { formatter } from "./format.ts";
import { SITREP_LABELS, fill } from "./labels.ts";
import { describer } from "../../reconcile/describe.ts";
import { uomSymbol } from "../../uom.ts";
import { nameIn, type Ctx } from "./context.ts";
import { summary } from "./summary.ts";
import { arrivals } from "./arrivals.ts";
import { unloading } from "./unloading.ts";
import { stock } from "./stock.ts";
import { distributions } from "./distributions.ts";
import { coverage } from "./coverage.ts";
import { discrepancies } from "./discrepancies.ts";
import { recording } from "./recording.ts";
import { dayIn, timeIn } from "../../calendar.ts";

export { countTicks, niceMax } from "./ticks.ts";
export { unloadingsByPlace } from "./unloading.ts";

export function buildSitrep(data: SitrepData, lang: Lang): ReportDocument {
  const L = SITREP_LABELS[lang];
  const f = formatter(lang, data.operation.timeZone);
  const items = new Map(data.items.map((i) => [i.code, i]));
  const places = new Map(data.locations.map((l) => [l.code, l]));
  const asOf = asOfTime(data);
  const ctx: Ctx = {
    data,
    asOf,
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
  // A period that ends today is not over: its figures stand at the time the report was generated.
  const period = asOf ? fill(L.periodAsOf, { period: f.period(from, to), time: asOf }) : f.period(from, to);
  const blocks: Block[] = [];
  if (asOf) blocks.push({ kind: "paragraph", tone: "notice", text: fill(L.inProgress, { time: asOf }) });
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
    ...recording(ctx),
  );
  return {
    lang,
    title: L.title,
    subtitle: operationName,
    meta: [
      { label: L.operation, value: data.operation.code },
      { label: L.period, value: period },
      { label: L.timeZone, value: data.operation.timeZone },
      { label: L.generated, value: f.dateTime(data.generatedAt) },
    ],
    blocks,
    runningHead: `${L.title} · ${operationName} · ${period}`,
    footer: fill(L.footer, { operation: data.operation.code, seq: data.ledger.seq, hash: data.ledger.hash }),
    pageLabel: L.page,
    generatedAt: data.generatedAt,
    fileName: `sitrep-${data.operation.code}-${from}-${to}-${lang}`,
  };
}

/** The local time the figures stand at when the period ends on the day the report was generated, else null. */
export function asOfTime(data: Pick<SitrepData, "period" | "generatedAt" | "operation">): string | null {
  const tz = data.operation.timeZone;
  return dayIn(tz, data.generatedAt) === data.period.to ? timeIn(tz, data.generatedAt) : null;
}
