// Пресс-релиз на русском: числительные согласуются через Intl.PluralRules (1 вагон,
// 2 вагона, 5 вагонов, 21 вагон), глагол при подлежащем-числительном — по его форме
// (выгружен 21 вагон, выгружено 17 вагонов), названия — в тех падежах, что даны в
// справочнике, иначе в кавычках в именительном падеже.
import { cargoPhrase, formsOf, ordered, startsWithNumber } from "./cargo.ts";
import {
  counted,
  formatDate,
  formatDayMonth,
  formatNumber,
  formatPercent,
  joinList,
  NBSP,
  pick,
  pluralCategory,
} from "./lang.ts";
import type { CargoLine, ConsignmentDay, DistributionOutlook, Named, PressFacts } from "./statement.ts";
import { MODE_WORDS, NEIGHBOURHOOD, PART_ORDINALS, UNIT_NOUNS, type Noun } from "./vocabulary.ts";

const at = (place: Named) => formsOf(place, "ru").at ?? `в пункте «${formsOf(place, "ru").name ?? place.name}»`;
const to = (place: Named) => formsOf(place, "ru").to ?? `в пункт «${formsOf(place, "ru").name ?? place.name}»`;
const agent = (team: Named) =>
  formsOf(team, "ru").agent ?? `специалисты команды «${formsOf(team, "ru").name ?? team.name}»`;
const capital = (s: string) => s.charAt(0).toLocaleUpperCase("ru") + s.slice(1);

/** A short participle agreeing with a counted subject: "выгружен 21 вагон", "выгружено 17 вагонов", "выгружена 1 платформа". */
function agreeing(stem: string, n: number, noun: Noun): string {
  if (pluralCategory("ru", n) !== "one") return `${stem}о`;
  return noun.gender === "f" ? `${stem}а` : noun.gender === "n" ? `${stem}о` : stem;
}

/** "прибыл 21 из 54", "прибыли 9 из 54", "прибыла 1 из 54 платформ". */
function arrivedVerb(n: number, noun: Noun): string {
  if (pluralCategory("ru", n) !== "one") return "прибыли";
  return noun.gender === "f" ? "прибыла" : noun.gender === "n" ? "прибыло" : "прибыл";
}

/** The verb before a cargo list: neuter before a number ("доставлено 300 кубометров"), otherwise as the item's gender says. */
function deliveredVerb(lines: readonly CargoLine[]): string {
  if (startsWithNumber("ru", lines) || lines.length === 0) return "доставлено";
  if (lines.length > 1) return "доставлены";
  const gender = formsOf(ordered(lines)[0]!.item, "ru").gender;
  return gender === "m" ? "доставлен" : gender === "f" ? "доставлена" : gender === "pl" ? "доставлены" : "доставлено";
}

function unloadedSentence(day: string, c: ConsignmentDay): string {
  const u = c.unloaded;
  const units = joinList(
    "ru",
    u.units.map((x) => counted("ru", x.count, UNIT_NOUNS.ru[x.category].count)),
  );
  const where = joinList("ru", u.locations.map(at));
  const cargo = cargoPhrase("ru", u.cargo);
  if (u.teams.length > 0)
    return `${day} ${joinList("ru", u.teams.map(agent))} выгрузили ${where} ${units} с гуманитарной помощью: ${cargo}.`;
  const first = u.units[0]!;
  return `${day} ${where} ${agreeing("выгружен", first.count, UNIT_NOUNS.ru[first.category])} ${units} с гуманитарной помощью: ${cargo}.`;
}

function onwardSentence(c: ConsignmentDay, asOf: string | null): string | undefined {
  if (!c.onward || c.onward.cargo.length === 0) return undefined;
  const mode = c.onward.mode && MODE_WORDS.ru[c.onward.mode];
  const delivered = `${asOf ? `к ${asOf}` : "к концу дня"} ${to(c.onward.destination)} ${deliveredVerb(c.onward.cargo)} ${cargoPhrase("ru", c.onward.cargo)}`;
  return mode ? `Далее груз следует ${mode}: ${delivered}.` : `${capital(delivered)}.`;
}

function progressSentences(c: ConsignmentDay): string[] {
  const noun = UNIT_NOUNS.ru[c.category];
  const out: string[] = [];
  const parts = c.unloaded.parts;
  if (parts.length === 1) {
    const n = parts[0]!;
    const part =
      n <= PART_ORDINALS.ru.length ? `${PART_ORDINALS.ru[n - 1]} партия` : `партия №${NBSP}${formatNumber("ru", n)}`;
    out.push(
      `Это ${part} груза; всего ${agreeing("запланирован", c.plannedUnits, noun)} ${counted("ru", c.plannedUnits, noun.count)}.`,
    );
  }
  const of = `из ${formatNumber("ru", c.plannedUnits)}${NBSP}${pick("ru", c.plannedUnits, noun.gen!)}`;
  const { arrived, arrivedRecorded: recorded, arrivedInferred: inferred } = c.progress;
  if (arrived === 0) {
    out.push(
      `К настоящему времени ${noun.gender === "f" ? "ни одна" : "ни один"} ${of} ещё не ${arrivedVerb(1, noun)}.`,
    );
  } else {
    // Ведущая цифра — то, что следует из журнала; зарегистрированная цифра и разница — рядом.
    const beside =
      inferred === 0
        ? ""
        : recorded === 0
          ? `: прибытие ни одного из них не зарегистрировано, оно следует из их выгрузки`
          : `: прибытие ${formatNumber("ru", recorded)} из них зарегистрировано, прибытие ещё ${formatNumber("ru", inferred)} следует из их выгрузки`;
    out.push(`К настоящему времени ${arrivedVerb(arrived, noun)} ${formatNumber("ru", arrived)} ${of}${beside}.`);
  }
  return out;
}

function outlookSentence(o: DistributionOutlook): string {
  const among = `по ${counted("ru", o.neighbourhoods, NEIGHBOURHOOD.ru)}`;
  return o.status === "approved"
    ? `Помощь будет распределена ${among} в соответствии с утверждённым планом распределения (минимальное покрытие потребностей${NBSP}— ${formatPercent("ru", o.minCoverage)}).`
    : `Помощь будет распределена ${among}; план распределения подготовлен и ожидает утверждения.`;
}

export function renderRussian(facts: PressFacts): string {
  const date = formatDate("ru", facts.date);
  const heading = `Пресс-релиз, ${date}${facts.asOf ? ` (по состоянию на ${facts.asOf} по местному времени)` : ""}`;
  // Пустой день в журнале — это отсутствие записей, а не утверждение, что ничего не происходило.
  if (!facts.hasEvents)
    return facts.asOf
      ? `${heading}\n\n${date} в операции ${facts.operation} на ${facts.asOf} не зарегистрировано ни одного события: в журнале пока нет записей о погрузке, перевозке, выгрузке или распределении за сегодняшний день.\n`
      : `${heading}\n\n${date} в операции ${facts.operation} не зарегистрировано ни одного события: в журнале нет записей о погрузке, перевозке, выгрузке или распределении за этот день.\n`;
  const day = formatDayMonth("ru", facts.date);
  const paragraphs: string[] = [];
  for (const c of facts.consignments) {
    if (c.unloaded.units.length === 0) {
      paragraphs.push(`${day} ${UNIT_NOUNS.ru[c.category].plural} не выгружались. ${progressSentences(c).join(" ")}`);
      continue;
    }
    paragraphs.push(unloadedSentence(day, c));
    const onward = onwardSentence(c, facts.asOf);
    if (onward) paragraphs.push(onward);
    paragraphs.push(progressSentences(c).join(" "));
  }
  if (facts.consignments.length === 0) paragraphs.push(`${day} транспортные единицы с грузами не выгружались.`);
  if (facts.outlook && facts.outlook.neighbourhoods > 0) paragraphs.push(outlookSentence(facts.outlook));
  return `${heading}\n\n${paragraphs.map(capital).join("\n\n")}\n`;
}
