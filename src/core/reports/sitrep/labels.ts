// The situation report's words in English and Russian. Names from the catalogue
// (locations, items) and the reconciler's explanations are shown as recorded.
import type { Lang } from "../document.ts";
import type { PluralForms } from "./format.ts";

export interface SitrepLabels {
  title: string;
  operation: string;
  period: string;
  timeZone: string;
  generated: string;
  footer: string; // {operation} {seq} {hash}
  page: string; // {n} {total}
  noEvents: string; // {period}
  periodAsOf: string; // {period} {time}
  inProgress: string; // {time}
  summary: string;
  figArrived: string;
  figUnloaded: string;
  figDistributed: string;
  figDiscrepancies: string;
  /** {arrivedOf}: the lead figure in the dashboard's words (core/arrived-headline.ts, inline), e.g. "26 of 54 cars arrived". */
  progressNote: string; // {arrivedOf} {unloaded} {planned} {name}
  progressNoteInferred: string; // {arrivedOf} {recorded} {inferred} {unloaded} {planned} {name}
  figArrivedSplit: string; // {recorded} {inferred}
  arrivals: string;
  arrivalsNone: string;
  unloading: string;
  unloadingNone: string;
  unloadingChart: string;
  unloadingSeries: string;
  unloadingIntro: string;
  legEnd: string; // {mode} {from}
  modes: Record<string, string>;
  totalAt: string; // {place}
  intoHub: string; // {hub}
  intoHubIntro: string;
  noArrivalNote: string; // {units}
  stock: string;
  stockIntro: string; // {day}
  stockIntroAsOf: string; // {day} {time}
  stockNone: string;
  stockOnUnits: string;
  hubChart: string; // {hub}
  hubSeries: string;
  hubNote: string;
  noNeed: string;
  distributions: string;
  distributionsNone: string;
  coverage: string;
  coverageIntro: string;
  coverageNone: string;
  coverageChart: string;
  coverageDistributed: string;
  coveragePlanned: string; // {status} {day}
  planDraft: string;
  planApproved: string;
  noPlan: string;
  discrepancies: string;
  discrepanciesIntro: string;
  discrepanciesNone: string;
  andMore: string; // {n}
  total: string;
  col: {
    date: string;
    location: string;
    units: string;
    cargo: string;
    item: string;
    quantity: string;
    unit: string;
    neighbourhood: string;
    households: string;
    people: string;
    needed: string;
    distributed: string;
    covered: string;
    planned: string;
    kind: string;
    count: string;
    subject: string;
    consignment: string;
    arrived: string;
    unloaded: string;
  };
  unitKinds: Record<"rail" | "truck" | "container" | "other", PluralForms>;
  discrepancyKinds: Record<string, string>;
}

const EN: SitrepLabels = {
  title: "Situation report",
  operation: "Operation",
  period: "Period",
  timeZone: "Time zone",
  generated: "Generated",
  footer: "Generated from the Reliefline ledger of {operation} at event {seq}, head hash {hash}",
  page: "Page {n} of {total}",
  noEvents:
    "No events were recorded for {period}. The figures below are the state of the operation at the end of the period.",
  periodAsOf: "{period} (to {time})",
  inProgress:
    "The period ends today, and today is not over: every figure stands at {time} local time, when this report was generated. “The end of the period” below means {time}.",
  summary: "Summary",
  figArrived: "Units arrived",
  figUnloaded: "Units unloaded",
  figDistributed: "Households reached",
  figDiscrepancies: "Open discrepancies",
  progressNote: "Consignment {name}: {arrivedOf} and {unloaded} of {planned} unloaded by the end of the period.",
  progressNoteInferred:
    "Consignment {name}: {arrivedOf} by the end of the period ({recorded} arrivals recorded; {inferred} inferred from their unloading); {unloaded} of {planned} unloaded.",
  figArrivedSplit: "{recorded} recorded; {inferred} inferred from their unloading",
  arrivals: "Arrivals",
  arrivalsNone: "No arrivals were recorded in this period.",
  unloading: "Unloading",
  unloadingNone: "No unloading was recorded in this period.",
  unloadingChart: "Transport units unloaded per day",
  unloadingSeries: "units unloaded",
  unloadingIntro:
    "Each place has its own total: goods unloaded from rail cars at the railhead travel on and are unloaded again from trucks at the hub, so the totals of different places are never added up. What reached the hub is counted once, at the end of this section.",
  legEnd: "end of the {mode} leg from {from}",
  modes: { rail: "rail", road: "road", air: "air", sea: "sea" },
  totalAt: "Total at {place}",
  intoHub: "Goods that reached {hub} in the period",
  intoHubIntro:
    "Every quantity that moved into the hub during the period, whatever carried it (unloaded from a truck, or driven in), counted once.",
  noArrivalNote:
    "Unloaded without a recorded arrival: {units}. Their arrival is counted, inferred from the unloading (see open discrepancies).",
  stock: "Stock by location",
  stockIntro: "Stock on hand at the end of {day}, at warehouses, railheads, on transport units and in custody.",
  stockIntroAsOf: "Stock on hand at {time} on {day}, at warehouses, railheads, on transport units and in custody.",
  stockNone: "No stock was on hand at the end of the period.",
  stockOnUnits: "On transport units",
  hubChart: "Stock at {hub} against assessed needs",
  hubSeries: "share of the assessed need the stock would cover",
  hubNote:
    "Each bar is the item's stock at the hub divided by the total assessed need for it; the figure is the quantity on hand.",
  noNeed: "no assessed need",
  distributions: "Distributions",
  distributionsNone: "No distributions were recorded in this period.",
  coverage: "Coverage by neighbourhood",
  coverageIntro:
    "Coverage is the average, over the items a neighbourhood needs, of the share of each item's assessed need distributed by the end of the period (each item capped at 100%).",
  coverageNone: "No needs have been assessed, so coverage cannot be measured.",
  coverageChart: "Coverage of assessed needs by neighbourhood",
  coverageDistributed: "distributed",
  coveragePlanned: "planned ({status} of {day})",
  planDraft: "draft plan",
  planApproved: "approved plan",
  noPlan: "No allocation plan has been made yet.",
  discrepancies: "Open discrepancies",
  discrepanciesIntro: "Facts the ledger cannot reconcile, open at the time of this report, by kind.",
  discrepanciesNone: "There are no open discrepancies.",
  andMore: "and {n} more",
  total: "Total",
  col: {
    date: "Date",
    location: "Location",
    units: "Units",
    cargo: "Cargo",
    item: "Item",
    quantity: "Quantity",
    unit: "Unit",
    neighbourhood: "Neighbourhood",
    households: "Households",
    people: "People",
    needed: "Needed",
    distributed: "Distributed",
    covered: "Covered",
    planned: "Planned",
    kind: "Kind",
    count: "Count",
    subject: "Details",
    consignment: "Consignment",
    arrived: "Arrived",
    unloaded: "Unloaded",
  },
  unitKinds: {
    rail: { one: "rail car", other: "rail cars" },
    truck: { one: "truck", other: "trucks" },
    container: { one: "container", other: "containers" },
    other: { one: "transport unit", other: "transport units" },
  },
  discrepancyKinds: {
    "unverified-number": "Unit number not verified",
    "unloaded-before-arrived": "Unloaded without a recorded arrival",
    "arrived-twice": "Arrived twice",
    "arrived-never-departed": "Arrived without a recorded departure",
    "unloaded-twice": "Unloaded twice",
    "more-units-than-planned": "More units than planned",
    "receipt-short": "Short on receipt",
    "receipt-over": "Over on receipt",
    "receipt-damaged": "Damaged on receipt",
    "stale-in-transit": "Stale in transit",
    "negative-stock": "Negative stock",
    "claim-differs": "Published figure differs from the ledger",
    "unloaded-never-loaded": "Unloaded from a unit never loaded",
  },
};

const RU: SitrepLabels = {
  title: "Оперативная сводка",
  operation: "Операция",
  period: "Период",
  timeZone: "Часовой пояс",
  generated: "Сформирована",
  footer: "Сформировано по журналу Reliefline операции {operation} на событии № {seq}, хеш вершины {hash}",
  page: "Страница {n} из {total}",
  noEvents: "За период {period} события не зарегистрированы. Ниже приведено состояние операции на конец периода.",
  periodAsOf: "{period} (по состоянию на {time})",
  inProgress:
    "Период заканчивается сегодня, и день ещё не завершён: все показатели приведены по состоянию на {time} по местному времени, когда сформирована сводка. «Конец периода» ниже означает {time}.",
  summary: "Основные показатели",
  figArrived: "Прибыло единиц",
  figUnloaded: "Разгружено единиц",
  figDistributed: "Охвачено домохозяйств",
  figDiscrepancies: "Открытых расхождений",
  progressNote: "Груз {name}: к концу периода {arrivedOf}, разгружено {unloaded} из {planned}.",
  progressNoteInferred:
    "Груз {name}: к концу периода {arrivedOf} (прибытие {recorded} зарегистрировано, ещё {inferred} следует из их выгрузки), разгружено {unloaded} из {planned}.",
  figArrivedSplit: "зарегистрировано {recorded}; ещё {inferred} следует из выгрузки",
  arrivals: "Прибытие",
  arrivalsNone: "За период прибытие не зарегистрировано.",
  unloading: "Разгрузка",
  unloadingNone: "За период разгрузка не зарегистрирована.",
  unloadingChart: "Разгружено транспортных единиц по дням",
  unloadingSeries: "разгружено единиц",
  unloadingIntro:
    "У каждого пункта свой итог: груз, выгруженный из вагонов на станции, едет дальше и снова выгружается из грузовиков на складе, поэтому итоги разных пунктов не складываются. Что дошло до склада, посчитано один раз в конце раздела.",
  legEnd: "конец {mode} участка из пункта «{from}»",
  modes: { rail: "железнодорожного", road: "автомобильного", air: "воздушного", sea: "морского" },
  totalAt: "Итого: {place}",
  intoHub: "Груз, поступивший в пункт «{hub}» за период",
  intoHubIntro:
    "Всё, что за период поступило на склад, чем бы ни было доставлено (выгружено из грузовика или доставлено своим ходом), — каждое количество один раз.",
  noArrivalNote:
    "Разгружено без зарегистрированного прибытия: {units}. Их прибытие учтено как следующее из выгрузки (см. открытые расхождения).",
  stock: "Запасы по местам хранения",
  stockIntro:
    "Остатки на конец дня {day}: на складах, на станциях выгрузки, в транспортных единицах и на ответственном хранении.",
  stockIntroAsOf:
    "Остатки на {time} {day}: на складах, на станциях выгрузки, в транспортных единицах и на ответственном хранении.",
  stockNone: "На конец периода запасов нет.",
  stockOnUnits: "В транспортных единицах",
  hubChart: "Запасы в пункте «{hub}» относительно оценённых потребностей",
  hubSeries: "доля оценённой потребности, которую покрывает запас",
  hubNote:
    "Длина полосы — запас товара в хабе, делённый на всю оценённую потребность в нём; подпись — количество в наличии.",
  noNeed: "потребность не оценена",
  distributions: "Раздача",
  distributionsNone: "За период раздача не зарегистрирована.",
  coverage: "Покрытие потребностей по районам",
  coverageIntro:
    "Покрытие — среднее по нужным району товарам значение доли оценённой потребности, розданной к концу периода (по каждому товару не более 100 %).",
  coverageNone: "Потребности не оценены, покрытие измерить нельзя.",
  coverageChart: "Покрытие оценённых потребностей по районам",
  coverageDistributed: "роздано",
  coveragePlanned: "запланировано ({status} от {day})",
  planDraft: "проект плана",
  planApproved: "утверждённый план",
  noPlan: "План распределения ещё не составлен.",
  discrepancies: "Открытые расхождения",
  discrepanciesIntro: "Факты, которые журнал не может согласовать, открытые на момент составления сводки, по видам.",
  discrepanciesNone: "Открытых расхождений нет.",
  andMore: "и ещё {n}",
  total: "Итого",
  col: {
    date: "Дата",
    location: "Место",
    units: "Единиц",
    cargo: "Груз",
    item: "Товар",
    quantity: "Количество",
    unit: "Ед. изм.",
    neighbourhood: "Район",
    households: "Домохозяйств",
    people: "Человек",
    needed: "Потребность",
    distributed: "Роздано",
    covered: "Покрыто",
    planned: "По плану",
    kind: "Вид",
    count: "Число",
    subject: "Подробности",
    consignment: "Груз",
    arrived: "Прибыло",
    unloaded: "Разгружено",
  },
  unitKinds: {
    rail: { one: "вагон", few: "вагона", many: "вагонов", other: "вагона" },
    truck: { one: "грузовик", few: "грузовика", many: "грузовиков", other: "грузовика" },
    container: { one: "контейнер", few: "контейнера", many: "контейнеров", other: "контейнера" },
    other: {
      one: "транспортная единица",
      few: "транспортные единицы",
      many: "транспортных единиц",
      other: "транспортной единицы",
    },
  },
  discrepancyKinds: {
    "unverified-number": "Номер единицы не проверен",
    "unloaded-before-arrived": "Разгрузка без зарегистрированного прибытия",
    "arrived-twice": "Повторное прибытие",
    "arrived-never-departed": "Прибытие без зарегистрированного отправления",
    "unloaded-twice": "Повторная разгрузка",
    "more-units-than-planned": "Единиц больше, чем запланировано",
    "receipt-short": "Недостача при приёмке",
    "receipt-over": "Излишек при приёмке",
    "receipt-damaged": "Повреждение при приёмке",
    "stale-in-transit": "Задержка в пути",
    "negative-stock": "Отрицательный остаток",
    "claim-differs": "Опубликованная цифра расходится с журналом",
    "unloaded-never-loaded": "Разгрузка единицы, погрузка которой не зарегистрирована",
  },
};

export const SITREP_LABELS: Record<Lang, SitrepLabels> = { en: EN, ru: RU };

export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
