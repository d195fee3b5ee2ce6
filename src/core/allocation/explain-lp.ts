// Plain-English sentences for a plan solved by HiGHS: coverage per neighbourhood, the
// constraints that bind, and what more stock (or truck capacity) would raise the minimum
// most, read from the first round's duals.
import type { LexResult } from "./lexmaxmin.ts";
import type { PlanFigures } from "./report.ts";
import type { BindingConstraint } from "./types.ts";
import type { NormProblem } from "./validate.ts";
import { MIP_MAX_NEEDS, type WholeUnitsMip } from "./whole-units.ts";

const atLeast = (v: number) => `${(Math.floor(v * 1000 + 1e-9) / 10).toFixed(1)}%`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const points = (v: number) => (v * 100 >= 0.01 ? (v * 100).toPrecision(3) : (v * 100).toExponential(2));

export interface LpExplainInput {
  lex: LexResult;
  binding: BindingConstraint[];
  shadow: { item: string; gainPerUnit: number }[];
  mip: WholeUnitsMip;
  handedOut: number;
  unserved: string[];
}

export function explainLp(p: NormProblem, f: PlanFigures, e: LpExplainInput): string[] {
  const out: string[] = [];
  const weighted = p.needs.some((nd) => nd.w !== 1);
  out.push(
    f.minCoverage >= 1
      ? "Every need is covered in full."
      : `Every need received at least ${atLeast(f.minCoverage)} of what was asked` +
          (weighted
            ? ` (top-priority needs at least ${atLeast(f.fairShare)}, others that share scaled by their priority).`
            : "."),
  );
  out.push(
    `Coverage by neighbourhood: ${f.byNeighbourhood.map((n) => `${n.neighbourhood} ${pct(n.coverage)}`).join(", ")}.`,
  );
  const lp = `${e.lex.rounds.length} max-min round${e.lex.rounds.length === 1 ? "" : "s"}${e.lex.stage2 ? " and a final total-coverage LP" : ""}`;
  const cols = `${e.lex.columns} LP column${e.lex.columns === 1 ? "" : "s"} (requests of one item and one priority share a column)`;
  out.push(
    `Solved by HiGHS (simplex, each round warm-started from the last): ${lp} over ${cols}, ${e.lex.solves + (e.mip ? 2 : 0)} solves in all.`,
  );
  for (const code of e.unserved)
    out.push(
      `${code} cannot be handed out at all (no stock at the hub, or the trucks cannot carry it), so its requests get 0%.`,
    );
  const real = e.binding.filter((b) => !(b.item && e.unserved.includes(b.item)));
  if (real.length > 0)
    out.push(`Binding constraints, in the order they stop needs: ${real.map((b) => b.constraint).join(", ")}.`);
  const best = e.shadow[0];
  if (best && best.gainPerUnit > 0) {
    out.push(
      `More ${best.item} would raise the minimum most: each extra unit adds ${points(best.gainPerUnit)} percentage points (about ${Math.ceil(0.01 / best.gainPerUnit)} units per point).`,
    );
  } else if (e.lex.kgGain > 0 || e.lex.m3Gain > 0) {
    const [gain, unit] = e.lex.kgGain >= e.lex.m3Gain ? [e.lex.kgGain, "kg"] : [e.lex.m3Gain, "m³"];
    out.push(
      `Truck capacity, not stock, limits the minimum: about ${+(0.01 / gain).toPrecision(3)} ${unit} more capacity over all trips raises it by one percentage point.`,
    );
  }
  const whole = p.items.filter((it) => it.decimals === 0 && p.needs.some((nd) => p.items[nd.item] === it));
  if (whole.length > 0) {
    const codes = whole.map((it) => it.code).join(", ");
    out.push(
      e.mip === "all"
        ? `${codes} ${whole.length > 1 ? "are" : "is"} handed out in whole units, placed with the other goods at each item's precision by a mixed-integer programme, so no truck room is stranded by rounding.`
        : e.mip === "whole"
          ? `${codes} ${whole.length > 1 ? "are" : "is"} handed out in whole units, placed by a mixed-integer programme on the stock and truck room the other goods leave.`
          : `${codes} ${whole.length > 1 ? "are" : "is"} handed out in whole units; with more than ${MIP_MAX_NEEDS} such requests the LP quantities are rounded down and the freed units handed out one at a time.`,
    );
  }
  out.push(
    (e.mip === "all"
      ? "Quantities are placed at each item's precision by a mixed-integer programme (the best minimum any plan at that precision reaches), the finest goods rounded down, so the plan never exceeds stock, need or truck capacity"
      : "Quantities are rounded down to each item's precision, so the plan never exceeds stock, need or truck capacity") +
      (e.handedOut > 0
        ? "; what rounding freed was handed out one unit at a time to the needs furthest below their share."
        : "."),
  );
  return out;
}
