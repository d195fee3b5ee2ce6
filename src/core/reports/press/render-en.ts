// The press statement in English (British conventions, as the ministry's English service writes).
import { cargoPhrase, formsOf } from "./cargo.ts";
import {
  countedWords,
  formatCount,
  formatDate,
  formatDayMonth,
  formatNumber,
  formatPercent,
  joinList,
  pick,
} from "./lang.ts";
import type { ConsignmentDay, DistributionOutlook, Named, PressFacts } from "./statement.ts";
import { MODE_WORDS, NEIGHBOURHOOD, PART_ORDINALS, UNIT_NOUNS } from "./vocabulary.ts";

const at = (place: Named) => formsOf(place, "en").at ?? `at ${formsOf(place, "en").name ?? place.name}`;
const to = (place: Named) => formsOf(place, "en").to ?? `to ${formsOf(place, "en").name ?? place.name}`;
const agent = (team: Named) => formsOf(team, "en").agent ?? `the team “${formsOf(team, "en").name ?? team.name}”`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function unloadedSentence(day: string, c: ConsignmentDay): string {
  const u = c.unloaded;
  const units = joinList(
    "en",
    u.units.map((x) => countedWords("en", x.count, UNIT_NOUNS.en[x.category].count)),
  );
  const where = joinList("en", u.locations.map(at));
  const cargo = cargoPhrase("en", u.cargo);
  const total = u.units.reduce((n, x) => n + x.count, 0);
  if (u.teams.length === 0)
    return `On ${day}, ${units} of humanitarian aid ${total === 1 ? "was" : "were"} unloaded ${where}: ${cargo}.`;
  return `On ${day}, ${joinList("en", u.teams.map(agent))} unloaded ${units} of humanitarian aid ${where}: ${cargo}.`;
}

function onwardSentence(c: ConsignmentDay, asOf: string | null): string | undefined {
  if (!c.onward || c.onward.cargo.length === 0) return undefined;
  const mode = c.onward.mode && MODE_WORDS.en[c.onward.mode];
  const delivered = `${cargoPhrase("en", c.onward.cargo)} had been delivered ${to(c.onward.destination)}`;
  const by = asOf ? `by ${asOf}` : "by the end of the day";
  return mode ? `The cargo was taken on ${mode}: ${by}, ${delivered}.` : `${capital(by)}, ${delivered}.`;
}

function progressSentences(c: ConsignmentDay): string[] {
  const noun = UNIT_NOUNS.en[c.category].count;
  const out: string[] = [];
  const parts = c.unloaded.parts;
  if (parts.length === 1) {
    const n = parts[0]!;
    const part = n <= PART_ORDINALS.en.length ? `the ${PART_ORDINALS.en[n - 1]} part` : `part ${formatNumber("en", n)}`;
    out.push(`This is ${part} of a consignment of ${countedWords("en", c.plannedUnits, noun)}.`);
  }
  const of = `the ${countedWords("en", c.plannedUnits, noun)}`;
  const { arrived, arrivedRecorded: recorded, arrivedInferred: inferred } = c.progress;
  if (arrived === 0) {
    out.push(`So far, none of ${of} has arrived.`);
  } else {
    // The lead figure is what the ledger implies; the recorded one and the gap stand beside it.
    const beside =
      inferred > 0
        ? ` (${recorded === 0 ? "no arrivals" : `${formatCount("en", recorded)} ${recorded === 1 ? "arrival" : "arrivals"}`} recorded; ${formatCount("en", inferred)} inferred from their unloading)`
        : "";
    out.push(`So far, ${formatCount("en", arrived)} of ${of} ${arrived === 1 ? "has" : "have"} arrived${beside}.`);
  }
  return out;
}

function outlookSentence(o: DistributionOutlook): string {
  const among = countedWords("en", o.neighbourhoods, NEIGHBOURHOOD.en);
  return o.status === "approved"
    ? `The aid will be distributed among ${among} under the approved distribution plan (minimum coverage of assessed needs: ${formatPercent("en", o.minCoverage)}).`
    : `The aid will be distributed among ${among}; a distribution plan has been drafted and awaits approval.`;
}

export function renderEnglish(facts: PressFacts): string {
  const date = formatDate("en", facts.date);
  const heading = `Press release, ${date}${facts.asOf ? ` (as of ${facts.asOf} local time)` : ""}`;
  // An empty ledger day says what was recorded, not that nothing happened.
  if (!facts.hasEvents)
    return facts.asOf
      ? `${heading}\n\nNo events have been recorded in operation ${facts.operation} on ${date} so far: as of ${facts.asOf}, the ledger holds no loading, transport, unloading or distribution dated today.\n`
      : `${heading}\n\nNo events were recorded in operation ${facts.operation} on ${date}: the ledger holds no loading, transport, unloading or distribution dated that day.\n`;
  const day = formatDayMonth("en", facts.date);
  const paragraphs: string[] = [];
  for (const c of facts.consignments) {
    if (c.unloaded.units.length === 0) {
      paragraphs.push(
        `No ${pick("en", 2, UNIT_NOUNS.en[c.category].count)} were unloaded on ${day}. ${progressSentences(c).join(" ")}`,
      );
      continue;
    }
    paragraphs.push(unloadedSentence(day, c));
    const onward = onwardSentence(c, facts.asOf);
    if (onward) paragraphs.push(onward);
    paragraphs.push(progressSentences(c).join(" "));
  }
  if (facts.consignments.length === 0) paragraphs.push(`No consignment units were unloaded on ${day}.`);
  if (facts.outlook && facts.outlook.neighbourhoods > 0) paragraphs.push(outlookSentence(facts.outlook));
  return `${heading}\n\n${paragraphs.map(capital).join("\n\n")}\n`;
}
