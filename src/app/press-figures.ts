// The figures behind a press statement, each with the query that produced it, labelled
// in the statement's language: the figures table of the Reports page and of the PDF is
// read by the same people as the text. Quantities keep their Rec 20 code in `unit` (for
// machines) and carry the reader's symbol in `unitLabel`.
import type { Operation } from "../store/catalogue.sql.ts";
import * as store from "../store/press.sql.ts";
import { stageFigureSql } from "../store/progress.sql.ts";
import type { ConsignmentDay, Figure, Named, PressLang } from "../core/reports/press/statement.ts";
import { uomSymbol } from "../core/uom.ts";
import { UNIT_KIND_NAMES, UNIT_KIND_NAMES_RU, type UnitKind } from "../core/units.ts";

const dayParams = (operation: Operation, date: string) => [operation.id, date, operation.timeZone];

/** Words for what a figure counts, where it is not a quantity of goods. */
const COUNT_WORDS: Record<PressLang, Record<string, string>> = {
  en: { units: "units", events: "events", neighbourhoods: "neighbourhoods", ratio: "" },
  ru: { units: "ед.", events: "соб.", neighbourhoods: "районов", ratio: "" },
};
export const unitLabelOf = (unit: string, lang: PressLang): string => COUNT_WORDS[lang][unit] ?? uomSymbol(unit, lang);

const nameIn = (n: Pick<Named, "name"> & { names?: Named["names"] | undefined }, lang: PressLang) =>
  n.names?.[lang]?.name ?? n.name;
const kindName = (kind: string, lang: PressLang) =>
  (lang === "ru" ? UNIT_KIND_NAMES_RU : UNIT_KIND_NAMES)[kind as UnitKind] ?? kind;

const WORDS = {
  en: {
    within: (op: Operation, date: string) =>
      `dated ${date} (midnight to midnight, ${op.timeZone}) in operation ${op.code}`,
    byEnd: (code: string, date: string, tz: string) =>
      `of consignment ${code} by the end of ${date} (${tz}), from the unit_states projection`,
    events: (date: string) => `Events recorded for ${date}`,
    eventsQuery: (w: string) => `events ${w}`,
    unloadedUnits: (c: string, date: string) => `Units of ${c} unloaded on ${date}`,
    unloadedQuery: (what: string, code: string, w: string) =>
      `${what} of consignment ${code} with a GoodsUnloaded event ${w}`,
    distinctUnits: "distinct transport units",
    lineSum: (item: string) => `sum of the ${item} lines on the units`,
    unloadedItem: (item: string, date: string, carried: string) =>
      `${item} unloaded on ${date}${carried ? ` (on ${carried})` : ""}`,
    delivered: (item: string, place: string, date: string) => `${item} delivered to ${place} on ${date}`,
    deliveredQuery: (item: string, place: string, w: string) => `sum of stock moves of ${item} into ${place} ${w}`,
    planned: (c: string) => `Units planned for ${c}`,
    plannedQuery: (code: string) => `consignments.planned_units of ${code}`,
    arrived: (c: string, date: string) =>
      `Units of ${c} that had arrived by the end of ${date} (arrival recorded, or a later step recorded)`,
    arrivedQuery: "units with an arrival, unloading or receipt recorded (column reached)",
    arrivedRecorded: (c: string, date: string) => `Units of ${c} with a recorded arrival by the end of ${date}`,
    arrivedRecordedQuery: "units with an arrival recorded (column recorded)",
    arrivedInferred: (c: string, date: string) =>
      `Units of ${c} whose arrival is inferred from their unloading by the end of ${date}`,
    arrivedInferredQuery: "units unloaded or received with no arrival recorded (column implied)",
    inferredNote: (n: number) =>
      `${n} ${n === 1 ? "arrival was" : "arrivals were"} not recorded but follow from the unloading — see discrepancies (kind unloaded-before-arrived). The statement leads with what the ledger implies and gives the recorded figure beside it.`,
    unloadedByEnd: (c: string, date: string) => `Units of ${c} unloaded by the end of ${date}`,
    unloadedByEndQuery: "units with an unloading or receipt recorded (column reached)",
    planNeighbourhoods: (status: string) => `Neighbourhoods the ${status} distribution plan sends goods to`,
    planCoverage: (status: "draft" | "approved") =>
      `Lowest priority-weighted coverage of needs under the ${status} plan`,
    planQuery: (op: string, id: string) =>
      `the operation's distribution plan of record (latest approved, else latest draft) in operation ${op}: plan ${id}`,
    status: { draft: "draft", approved: "approved" },
  },
  ru: {
    within: (op: Operation, date: string) =>
      `с датой ${date} (от полуночи до полуночи, ${op.timeZone}) в операции ${op.code}`,
    byEnd: (code: string, date: string, tz: string) =>
      `груза ${code} на конец ${date} (${tz}), по проекции unit_states`,
    events: (date: string) => `Событий за ${date}`,
    eventsQuery: (w: string) => `события ${w}`,
    unloadedUnits: (c: string, date: string) => `Единиц груза «${c}», выгруженных ${date}`,
    unloadedQuery: (what: string, code: string, w: string) => `${what} груза ${code} с событием GoodsUnloaded ${w}`,
    distinctUnits: "различные транспортные единицы",
    lineSum: (item: string) => `сумма строк «${item}» по этим единицам`,
    unloadedItem: (item: string, date: string, carried: string) =>
      `${item}: выгружено ${date}${carried ? ` (${carried})` : ""}`,
    delivered: (item: string, place: string, date: string) => `${item}: доставлено в пункт «${place}» ${date}`,
    deliveredQuery: (item: string, place: string, w: string) => `сумма перемещений «${item}» в пункт «${place}» ${w}`,
    planned: (c: string) => `Запланировано единиц груза «${c}»`,
    plannedQuery: (code: string) => `consignments.planned_units груза ${code}`,
    arrived: (c: string, date: string) =>
      `Единиц груза «${c}», прибывших к концу ${date} (прибытие или более поздний этап зарегистрированы)`,
    arrivedQuery: "единицы с зарегистрированным прибытием, выгрузкой или приёмкой (столбец reached)",
    arrivedRecorded: (c: string, date: string) => `Единиц груза «${c}» с зарегистрированным прибытием к концу ${date}`,
    arrivedRecordedQuery: "единицы с зарегистрированным прибытием (столбец recorded)",
    arrivedInferred: (c: string, date: string) =>
      `Единиц груза «${c}», прибытие которых следует из их выгрузки, к концу ${date}`,
    arrivedInferredQuery: "единицы, выгруженные или принятые без зарегистрированного прибытия (столбец implied)",
    inferredNote: (n: number) =>
      `Прибытие ${n} ед. не зарегистрировано, но следует из их выгрузки — см. расхождения (вид unloaded-before-arrived). Релиз называет то, что следует из журнала, и рядом — зарегистрированную цифру.`,
    unloadedByEnd: (c: string, date: string) => `Единиц груза «${c}», выгруженных к концу ${date}`,
    unloadedByEndQuery: "единицы с зарегистрированной выгрузкой или приёмкой (столбец reached)",
    planNeighbourhoods: (status: string) => `Районов, куда направляет груз ${status} план распределения`,
    planCoverage: (status: "draft" | "approved") =>
      `Наименьшее взвешенное покрытие потребностей по ${status === "approved" ? "утверждённому плану" : "проекту плана"}`,
    planQuery: (op: string, id: string) =>
      `действующий план распределения операции ${op} (последний утверждённый, иначе последний проект): план ${id}`,
    status: { draft: "проект", approved: "утверждённый" },
  },
} as const;

const figure = (lang: PressLang, f: Omit<Figure, "unitLabel">): Figure => ({
  ...f,
  unitLabel: unitLabelOf(f.unit, lang),
});

export function dayFigures(operation: Operation, date: string, events: number, lang: PressLang): Figure[] {
  const W = WORDS[lang];
  return [
    figure(lang, {
      id: "events",
      label: W.events(date),
      value: String(events),
      unit: "events",
      query: {
        description: W.eventsQuery(W.within(operation, date)),
        sql: store.EVENTS_ON_DAY_SQL,
        params: dayParams(operation, date),
      },
    }),
  ];
}

export function consignmentFigures(operation: Operation, date: string, c: ConsignmentDay, lang: PressLang): Figure[] {
  const W = WORDS[lang];
  const name = nameIn(c, lang);
  const unloadedQuery = (what: string) => ({
    description: W.unloadedQuery(what, c.code, W.within(operation, date)),
    sql: store.UNLOADED_SQL,
    params: [...dayParams(operation, date), c.code],
  });
  const stageQuery = (stage: "arrived" | "unloaded", what: string) => ({
    description: `${what} ${W.byEnd(c.code, date, operation.timeZone)}`,
    sql: stageFigureSql(stage),
    params: [operation.id, c.code, date, operation.timeZone],
  });
  const out: Figure[] = [];
  const total = c.unloaded.units.reduce((n, u) => n + u.count, 0);
  out.push(
    figure(lang, {
      id: `${c.code}/unloaded-units`,
      label: W.unloadedUnits(name, date),
      value: String(total),
      unit: "units",
      query: unloadedQuery(W.distinctUnits),
    }),
  );
  for (const line of c.unloaded.cargo) {
    const carried = line.carriers
      .map((k) => (lang === "ru" ? `${kindName(k.kind, lang)}: ${k.units}` : `${k.units} ${kindName(k.kind, lang)}`))
      .join(", ");
    out.push(
      figure(lang, {
        id: `${c.code}/unloaded/${line.item.code}`,
        label: W.unloadedItem(nameIn(line.item, lang), date, carried),
        value: line.quantity,
        unit: line.item.uom,
        query: unloadedQuery(W.lineSum(nameIn(line.item, lang))),
      }),
    );
  }
  if (c.onward) {
    const place = nameIn(c.onward.destination, lang);
    for (const line of c.onward.cargo) {
      out.push(
        figure(lang, {
          id: `${c.code}/delivered/${line.item.code}`,
          label: W.delivered(nameIn(line.item, lang), place, date),
          value: line.quantity,
          unit: line.item.uom,
          query: {
            description: W.deliveredQuery(nameIn(line.item, lang), place, W.within(operation, date)),
            sql: store.DELIVERED_SQL,
            params: [...dayParams(operation, date), c.onward.destination.code, c.onward.cargo.map((l) => l.item.code)],
          },
        }),
      );
    }
  }
  out.push(
    figure(lang, {
      id: `${c.code}/planned-units`,
      label: W.planned(name),
      value: String(c.plannedUnits),
      unit: "units",
      query: { description: W.plannedQuery(c.code), sql: store.PLANNED_UNITS_SQL, params: [operation.id, c.code] },
    }),
  );
  const { arrived, arrivedRecorded, arrivedInferred, unloaded } = c.progress;
  out.push(
    figure(lang, {
      id: `${c.code}/arrived`,
      label: W.arrived(name, date),
      value: String(arrived),
      unit: "units",
      query: stageQuery("arrived", W.arrivedQuery),
    }),
  );
  out.push(
    figure(lang, {
      id: `${c.code}/arrived-recorded`,
      label: W.arrivedRecorded(name, date),
      value: String(arrivedRecorded),
      unit: "units",
      query: stageQuery("arrived", W.arrivedRecordedQuery),
    }),
  );
  out.push(
    figure(lang, {
      id: `${c.code}/arrived-inferred`,
      label: W.arrivedInferred(name, date),
      value: String(arrivedInferred),
      unit: "units",
      query: stageQuery("arrived", W.arrivedInferredQuery),
      ...(arrivedInferred > 0 && { note: W.inferredNote(arrivedInferred) }),
    }),
  );
  out.push(
    figure(lang, {
      id: `${c.code}/unloaded-by-end-of-day`,
      label: W.unloadedByEnd(name, date),
      value: String(unloaded),
      unit: "units",
      query: stageQuery("unloaded", W.unloadedByEndQuery),
    }),
  );
  return out;
}

export function planOfRecordFigures(
  operation: Operation,
  plan: { id: string; status: "draft" | "approved"; minCoverage: number; neighbourhoods: number },
  lang: PressLang,
): Figure[] {
  const W = WORDS[lang];
  const status = W.status[plan.status];
  const query = { description: W.planQuery(operation.code, plan.id), sql: store.PLAN_SQL, params: [operation.id] };
  return [
    figure(lang, {
      id: "plan/neighbourhoods",
      label: W.planNeighbourhoods(status),
      value: String(plan.neighbourhoods),
      unit: "neighbourhoods",
      query,
    }),
    figure(lang, {
      id: "plan/min-coverage",
      label: W.planCoverage(plan.status),
      value: plan.minCoverage.toFixed(4),
      unit: "ratio",
      query,
    }),
  ];
}
