// The performance targets of issue 14 as verdicts: each a ratio or rate measured in the
// same run, with its goal, printed one line each at the end of `npm run bench`.
import type { PhaseResult } from "./ingest.ts";
import type { PhonesResult } from "./concurrent-append.ts";
import type { TrackingResult } from "./tracking.ts";
import type { ReadResult } from "./reads.ts";
import { int, pct } from "./table.ts";

export interface Verdict {
  target: string;
  /** Whether the goal was reached; "measured" where there is no goal (a ceiling); undefined when not run. */
  met: boolean | "measured" | undefined;
  figure: string;
  goal: string;
}

export const INGEST_GOAL = 0.5;
export const PHONES_GOAL = 1000;
/** The large ledger's batch rate over the fresh one's that counts as not slowing down (noise allowed). */
export const GROWTH_GOAL = 0.8;
export const READS_GOAL = 0.4;
/** Reads count as flat when the slowest size's rate is at least this share of the fastest's. */
export const FLAT_GOAL = 0.8;

const VERDICT_WORDS = { true: "MET     ", false: "NOT MET ", measured: "MEASURED", undefined: "NOT RUN " } as const;

export const verdictLine = (v: Verdict): string =>
  `${VERDICT_WORDS[`${v.met}`]}  ${v.target}: ${v.figure} (goal ${v.goal})`;

/** API ÷ COPY over all ingestion phases of one engine. */
export function ingestVerdict(engine: string, phases: readonly PhaseResult[]): Verdict {
  const events = phases.reduce((s, p) => s + p.events, 0);
  const ratio = phases.reduce((s, p) => s + p.copySeconds, 0) / phases.reduce((s, p) => s + p.seconds, 0);
  return {
    target: `ingestion through the API vs raw COPY, ${engine}`,
    met: events > 0 ? ratio >= INGEST_GOAL : undefined,
    figure: events > 0 ? `${pct(ratio)} (${int(events)} events)` : "— (not run)",
    goal: `≥ ${pct(INGEST_GOAL, 0)}`,
  };
}

export function phonesVerdict(engine: string, r: PhonesResult | undefined, goal?: number): Verdict {
  const figure = r ? `${int(r.eventsPerSecond)} events/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms)` : "—";
  return {
    target: `single events from ${r?.clients ?? 10} concurrent clients, ${engine}`,
    met: !r ? undefined : goal === undefined ? "measured" : r.eventsPerSecond >= goal,
    figure,
    goal: goal ? `≥ ${int(goal)} events/s` : "measured, no goal",
  };
}

export function growthVerdict(
  engine: string,
  fresh: { events: number; rate: number } | undefined,
  large: { events: number; rate: number } | undefined,
): Verdict {
  const ratio = fresh && large ? large.rate / fresh.rate : undefined;
  return {
    target: `batch ingestion as the ledger grows, ${engine}`,
    met: ratio === undefined ? undefined : ratio >= GROWTH_GOAL,
    figure:
      fresh && large
        ? `${int(fresh.rate)} events/s at ${int(fresh.events)} events, ${int(large.rate)} at ${int(large.events)} (${pct(ratio!)})`
        : "—",
    goal: `large ≥ ${pct(GROWTH_GOAL, 0)} of fresh`,
  };
}

/** The rounds' ratios behind a median, when there were several. */
const roundsOf = (ratios: readonly number[] | undefined): string =>
  ratios && ratios.length > 1 ? ` (median of ${ratios.map((r) => pct(r)).join(", ")})` : "";

/** Per read endpoint on one engine: each size's rate against the hello-world measured just before it, and flatness across sizes. */
export function readVerdicts(engine: string, results: readonly TrackingResult[], goal?: number): Verdict[] {
  const measured = results.filter((r) => r.engine === engine && r.reads);
  const endpoints = [...new Set(measured.flatMap((r) => r.reads!.map((x) => x.endpoint)))];
  return endpoints.map((endpoint) => {
    const points = measured.map((r) => {
      const read = r.reads!.find((x) => x.endpoint === endpoint)!;
      return {
        events: r.events,
        rate: read.load.requestsPerSecond,
        ratio: read.load.requestsPerSecond / read.hello.requestsPerSecond,
        rounds: read.ratios,
        kb: read.bytes / 1024,
      };
    });
    const flat = Math.min(...points.map((p) => p.ratio)) / Math.max(...points.map((p) => p.ratio));
    const figure =
      points
        .map((p) => `${int(p.rate)}/s = ${pct(p.ratio)} of hello at ${int(p.events)} events${roundsOf(p.rounds)}`)
        .join("; ") + ` (${points[0]!.kb.toFixed(1)} KB; slowest/fastest ${pct(flat)})`;
    const met =
      points.length === 0
        ? undefined
        : goal === undefined
          ? "measured"
          : points.every((p) => p.ratio >= goal) && flat >= FLAT_GOAL;
    return {
      target: `GET …/${endpoint} under load, ${engine}`,
      met,
      figure,
      goal:
        goal === undefined
          ? "measured: the ceiling"
          : `≥ ${pct(goal, 0)} of hello at every size, flat (≥ ${pct(FLAT_GOAL, 0)})`,
    };
  });
}

/** Per read endpoint on the demo operation: its rate against the hello-world measured just before. */
export function demoReadVerdicts(engine: string, demo: readonly ReadResult[], goal?: number): Verdict[] {
  return demo.map((r) => {
    const ratio = r.load.requestsPerSecond / r.hello.requestsPerSecond;
    return {
      target: `GET …/${r.endpoint} on the demo operation, ${engine}`,
      met: goal === undefined ? "measured" : ratio >= goal,
      figure: `${int(r.load.requestsPerSecond)}/s = ${pct(ratio)} of hello${roundsOf(r.ratios)} (${(r.bytes / 1024).toFixed(1)} KB)`,
      goal: goal === undefined ? "measured: the ceiling" : `≥ ${pct(goal, 0)} of hello`,
    };
  });
}
