// The words of the situation report's recording-delay section, in English and Russian.
// Russian needs two cases of the units of time ("через 1 минуту", but "медиана — 1 минута")
// and a verb that agrees with the count of events, so each has its plural forms.
import type { Lang } from "../document.ts";
import type { DurationUnit } from "../../recording-delay.ts";
import type { PluralForms } from "./format.ts";

export interface RecordingLabels {
  heading: string;
  intro: string;
  none: string;
  /** One sentence per team, chosen by the plural category of the count of events. */
  sentence: PluralForms; // {team} {events} {within} {median} {offline}
  events: PluralForms;
  /** "within 7 hours": the bound, rounded up. */
  within: Record<DurationUnit, PluralForms>;
  /** "median 40 minutes". */
  median: Record<DurationUnit, PluralForms>;
  underAMinute: string;
  noTeam: string;
}

const EN_UNITS: Record<DurationUnit, PluralForms> = {
  minute: { one: "minute", other: "minutes" },
  hour: { one: "hour", other: "hours" },
  day: { one: "day", other: "days" },
};

const EN_SENTENCE =
  "{team}: {events} recorded within {within} of happening (median {median}; {offline} recorded offline).";

const EN: RecordingLabels = {
  heading: "How soon events were recorded",
  intro:
    "Per team, the delay between when something happened and when the ledger recorded it, for the events that happened in the period. Events queued on a phone without a connection are recorded when it syncs.",
  none: "No events happened in this period.",
  sentence: { one: EN_SENTENCE, other: EN_SENTENCE },
  events: { one: "event", other: "events" },
  within: EN_UNITS,
  median: EN_UNITS,
  underAMinute: "under a minute",
  noTeam: "Events naming no team",
};

const RU: RecordingLabels = {
  heading: "Как быстро события вносились в журнал",
  intro:
    "По каждой команде — время от события до его записи в журнал, для событий, произошедших за период. События, накопленные на телефоне без связи, записываются при синхронизации.",
  none: "За период событий не было.",
  sentence: {
    one: "{team}: {events} внесено в журнал не позднее чем через {within} после того, как произошло (медиана — {median}; записано без связи: {offline}).",
    other:
      "{team}: {events} внесены в журнал не позднее чем через {within} после того, как произошли (медиана — {median}; записано без связи: {offline}).",
  },
  events: { one: "событие", few: "события", many: "событий", other: "события" },
  within: {
    minute: { one: "минуту", few: "минуты", many: "минут", other: "минуты" },
    hour: { one: "час", few: "часа", many: "часов", other: "часа" },
    day: { one: "день", few: "дня", many: "дней", other: "дня" },
  },
  median: {
    minute: { one: "минута", few: "минуты", many: "минут", other: "минуты" },
    hour: { one: "час", few: "часа", many: "часов", other: "часа" },
    day: { one: "день", few: "дня", many: "дней", other: "дня" },
  },
  underAMinute: "меньше минуты",
  noTeam: "События без указания команды",
};

export const RECORDING_LABELS: Record<Lang, RecordingLabels> = { en: EN, ru: RU };
