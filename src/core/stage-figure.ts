// Which units count as having reached a step of their trip: the rule behind every
// "26 of 54 arrived" the system writes. A unit reached a step when that step or any later
// one is recorded by the cutoff (an unloading means the car arrived); `recorded` counts the
// step itself, and the gap is what the ledger implies but nobody recorded. The database
// evaluates it for progress, the press statement, the sitrep and the claims check
// (`stageFigureSql` in store/progress.sql.ts, built from `stepsFrom`); the field phone
// evaluates it here over the unit states it holds offline. Both read the same per-unit
// times (the unit_states projection of each unit's latest trip). Pure.
import { UNIT_STATUSES, type UnitStatus } from "./unit-history.ts";

export type Stage = Exclude<UnitStatus, "planned">;

/** The steps of a trip in order: the lifecycle without "planned". */
export const STAGES: readonly Stage[] = UNIT_STATUSES.filter((s): s is Stage => s !== "planned");

/** The step and every later one: a unit that reached any of them reached the step. */
export const stepsFrom = (stage: Stage): Stage[] => STAGES.slice(STAGES.indexOf(stage));

/** When each step of a unit's latest trip was first recorded (absent or null: not recorded). */
export type StageTimes = { [S in Stage as `${S}At`]?: string | null | undefined };

export interface StageCount {
  /** Units with the step or a later one recorded by the cutoff: what the ledger implies happened. */
  reached: number;
  /** Units with the step itself recorded by the cutoff. */
  recorded: number;
  /** reached − recorded: units whose later step implies this one. */
  implied: number;
}

const timeOf = (unit: StageTimes, stage: Stage): string | null | undefined => unit[`${stage}At`];

/**
 * Counts the units that reached `stage` by the cutoff. `before(instant)` says whether an
 * instant falls before it (for "by the end of a day", whether its calendar day in the
 * operation's time zone is that day or earlier).
 */
export function countStage(
  units: Iterable<StageTimes>,
  stage: Stage,
  before: (instant: string) => boolean,
): StageCount {
  const steps = stepsFrom(stage);
  const by = (t: string | null | undefined) => typeof t === "string" && before(t);
  let reached = 0;
  let recorded = 0;
  for (const unit of units) {
    if (steps.some((s) => by(timeOf(unit, s)))) reached++;
    if (by(timeOf(unit, stage))) recorded++;
  }
  return { reached, recorded, implied: reached - recorded };
}
