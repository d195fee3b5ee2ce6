// Plain-English sentences for a logistics officer. Percentages that promise a minimum are
// rounded down, so "at least 42.3%" is always true.
import { formatDec } from "./decimal.ts";
import type { PlanFigures, Sensitivity } from "./report.ts";
import type { NormProblem } from "./validate.ts";
import { type FillResult, type ItemCurve, usage } from "./waterfill.ts";

const atLeast = (v: number) => `${(Math.floor(v * 1000 + 1e-9) / 10).toFixed(1)}%`;
const about = (v: number) => `${(v * 100).toFixed(1)}%`;
const points = (v: number) => (v * 100 >= 0.01 ? `${(v * 100).toPrecision(3)}` : `${(v * 100).toExponential(2)}`);

function list(codes: string[], max = 6): string {
  if (codes.length <= max)
    return codes.length > 1 ? `${codes.slice(0, -1).join(", ")} and ${codes.at(-1)}` : (codes[0] ?? "");
  return `${codes.slice(0, max).join(", ")} and ${codes.length - max} more`;
}

/** Coverage that level T gives an item's requests: one figure, or a range when priorities differ. */
function shareOf(c: ItemCurve, level: number, one: string, many: string): string {
  const lo = Math.min(1, level / c.b[c.b.length - 1]!);
  const hi = Math.min(1, level / c.b[0]!);
  return lo === hi ? `${one} about ${about(lo)}` : `${many} between ${about(lo)} and ${about(hi)}, by priority`;
}

function summary(p: NormProblem, f: PlanFigures): string {
  if (f.minCoverage >= 1) return "Every need is covered in full.";
  const uniform = p.needs.every((nd) => nd.w === 1);
  const mean = f.byNeighbourhood.reduce((s, n) => s + n.coverage, 0) / f.byNeighbourhood.length;
  if (uniform) {
    return `Every need received at least ${atLeast(f.minCoverage)} of what was asked; across neighbourhoods the average coverage is ${about(mean)}.`;
  }
  return (
    `Top-priority needs received at least ${atLeast(f.fairShare)} of what was asked, and every other need at least that share ` +
    `scaled by its priority (half the priority, half the guaranteed share); the least-covered need got ${about(f.minCoverage)}.`
  );
}

/** Integer items where rounding left a need with nothing although the continuous plan gave it some. */
function wholeUnits(p: NormProblem, fill: FillResult, units: bigint[]): string[] {
  const empty = new Map<number, string[]>();
  p.needs.forEach((nd, j) => {
    if (!p.items[nd.item]!.integer || units[j]! > 0n || fill.x[j]! <= 0) return;
    empty.set(nd.item, [...(empty.get(nd.item) ?? []), nd.neighbourhood]);
  });
  return [...empty].map(([i, places]) => {
    const it = p.items[i]!;
    return `${it.code} comes in whole units only (${formatDec(it.stock)} in stock), so ${list(places)} ${places.length > 1 ? "get" : "gets"} none this round; the units went to the requests furthest below their share.`;
  });
}

export function explainPlan(
  p: NormProblem,
  fill: FillResult,
  f: PlanFigures,
  sens: Sensitivity,
  units: bigint[],
  handedOut: number,
): string[] {
  const out = [summary(p, f)];
  const adj = p.needs.every((nd) => nd.w === 1) ? "" : " (scaled by priority)";
  const short = fill.events
    .filter((e) => e.reason === "stock")
    .flatMap((e) => e.items.map((i) => ({ i, level: e.level })));
  for (const { i, level } of short.slice(0, 5)) {
    const it = p.items[i]!;
    const c = fill.curves[i]!;
    out.push(
      `${it.code} runs out: ${formatDec(it.stock)} in stock against ${+c.total.toPrecision(12)} asked for, so ${shareOf(c, level, "each request for it gets", "requests for it get")}.`,
    );
  }
  if (short.length > 5)
    out.push(`${short.length - 5} more items also run out: ${list(short.slice(5).map((s) => p.items[s.i]!.code))}.`);
  for (const e of fill.events) {
    if (e.reason !== "weight" && e.reason !== "volume") continue;
    const cap = e.reason === "weight" ? `${formatDec(p.capKg!)} kg` : `${formatDec(p.capM3!)} m³`;
    const cut = e.items.filter((i) => usage(fill.curves[i]!, e.level) < fill.curves[i]!.total);
    const c = cut.length === 1 ? fill.curves[cut[0]!]! : undefined;
    const share = c
      ? shareOf(c, e.level, "each request gets", "requests get")
      : `${adj ? "top-priority requests get" : "each request gets"} about ${about(Math.min(1, e.level))}${adj ? ", others less by priority" : ""}`;
    out.push(
      `The trucks are full by ${e.reason} (${cap} over all trips), so ${list(cut.map((i) => p.items[i]!.code))} could not all be moved: ${share}.`,
    );
  }
  const complete = fill.events
    .filter((e) => e.reason === "complete")
    .flatMap((e) => e.items.map((i) => p.items[i]!.code));
  if (complete.length) out.push(`${list(complete)} ${complete.length > 1 ? "cover" : "covers"} every request in full.`);
  const best = sens.shadow[0];
  if (sens.limiting.kind === "stock" && best && best.gainPerUnit > 0) {
    const per = Math.ceil(0.01 / best.gainPerUnit);
    out.push(
      `More ${best.item} would raise the minimum most: each extra unit adds ${points(best.gainPerUnit)} percentage points (about ${per} units per point).`,
    );
  } else if (
    (sens.limiting.kind === "weight" || sens.limiting.kind === "volume") &&
    sens.limiting.gainPerCapacityUnit
  ) {
    const unit = sens.limiting.kind === "weight" ? "kg" : "m³";
    const per = +(0.01 / sens.limiting.gainPerCapacityUnit).toPrecision(3);
    out.push(
      `Truck capacity, not stock, limits the minimum: about ${per} ${unit} more capacity (over all trips) raises it by one percentage point.`,
    );
  } else if (sens.limiting.kind === "tie") {
    const codes = sens.limiting.items.map((i) => p.items[i]!.code);
    out.push(
      `Several limits bind at the same level${codes.length ? ` (${list(codes)})` : ""}: more of just one of them would not raise the minimum.`,
    );
  }
  out.push(...wholeUnits(p, fill, units));
  const integer = p.items.some((it) => it.integer);
  out.push(
    `Quantities are rounded down to each item's precision${integer ? " (whole units where required)" : ""}, so the plan never exceeds stock, need or truck capacity` +
      (handedOut > 0
        ? "; what rounding freed was handed out one unit at a time to the needs furthest below their share."
        : "."),
  );
  return out;
}

export function explainNoStock(p: NormProblem): string[] {
  const codes = [...new Set(p.needs.map((nd) => p.items[nd.item]!.code))];
  return [
    `None of the requested items (${list(codes)}) has any stock at the hub, so nothing can be allocated.`,
    "Record incoming stock or a transfer from another hub, then plan again.",
  ];
}
