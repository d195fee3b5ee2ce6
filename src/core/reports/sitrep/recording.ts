// How soon events were recorded, per team: one sentence a report can quote ("Joint grouping:
// 42 events recorded within 7 hours of happening (median 40 minutes; 12 recorded offline)").
import type { Block } from "../document.ts";
import { recordingDelayByTeam, roundDuration, roundUpDuration } from "../../recording-delay.ts";
import { fill } from "./labels.ts";
import { RECORDING_LABELS } from "./recording-labels.ts";
import { nameIn, type Ctx } from "./context.ts";

export function recording(ctx: Ctx): Block[] {
  const { data, f } = ctx;
  const R = RECORDING_LABELS[f.lang];
  const head: Block = { kind: "heading", level: 2, text: R.heading };
  if (data.recording.length === 0) return [head, { kind: "paragraph", tone: "muted", text: R.none }];
  const teams = new Map(data.teams.map((t) => [t.code, t]));
  const blocks: Block[] = [head, { kind: "paragraph", text: R.intro }];
  for (const row of recordingDelayByTeam(data.recording)) {
    const within = roundUpDuration(row.maxSeconds);
    const median = roundDuration(row.medianSeconds);
    const team = row.team === null ? R.noTeam : (nameIn(teams.get(row.team), f.lang) ?? row.team);
    const text = fill(f.plural(row.events, R.sentence), {
      team,
      events: f.count(row.events, R.events),
      within: f.count(within.n, R.within[within.unit]),
      median: median.n === 0 ? R.underAMinute : f.count(median.n, R.median[median.unit]),
      offline: f.number(row.offline),
    });
    blocks.push({ kind: "paragraph", text });
  }
  return blocks;
}
