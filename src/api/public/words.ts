// The public view's words in English and Russian, and how a reader's language is chosen:
// ?lang=en|ru first, then the browser's Accept-Language, then English.
import { SITREP_LABELS } from "../../core/reports/sitrep/labels.ts";
import { arrivedHeadline } from "../../core/arrived-headline.ts";

export type PublicLang = "en" | "ru";
export const PUBLIC_LANGS: readonly PublicLang[] = ["en", "ru"];

/** ?lang= when it names a language we write, else the best of Accept-Language (by q), else English. */
export function readerLanguage(query: string | undefined, acceptLanguage: string | undefined): PublicLang {
  if (query === "en" || query === "ru") return query;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.split("-")[0]!, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((x) => x.lang === "en" || x.lang === "ru")?.lang as PublicLang | undefined) ?? "en";
}

const ruPlural = (n: number, one: string, few: string, many: string) => {
  const form = new Intl.PluralRules("ru").select(n);
  return form === "one" ? one : form === "few" ? few : many;
};
const ruNumber = (n: number) => new Intl.NumberFormat("ru-RU").format(n);

const EN = {
  self: "English",
  language: "Language",
  footer:
    "Published with Reliefline. Every figure is computed from the operation's tamper-evident ledger at the sequence number and hash shown beside it.",
  allOperations: "All operations with published figures",
  nothingYet: "Nothing has been published yet.",
  publishedCount: (n: number, latest: string) => `${n} published, latest ${latest}`,
  indexTitle: "Published figures — Reliefline",
  indexHeading: "Published figures",
  indexIntro: "Operations whose press office has published figures from their ledger.",
  operation: "Operation",
  feed: "Atom feed",
  latest: "Latest figures",
  publications: "Publications",
  operationTitle: (name: string) => `${name} — published figures`,
  published: (at: string) => `Published ${at}`,
  computedAt: (seq: number, hash: string) => `computed from ledger event <strong>${seq}</strong>, chain hash ${hash}`,
  howToCheck: "How to check this",
  checkIntro: "Get an export of the operation's ledger (<code>reliefline export ledger</code>) and run:",
  checkResult: (seq: number) =>
    `It recomputes every hash in the export and confirms that this hash is the ledger's head at event ${seq}.`,
  acknowledgedLabel: "Open discrepancies at publication",
  publishedWith: (n: number) =>
    `Published with ${n} open ${n === 1 ? "discrepancy" : "discrepancies"} that touch these figures, acknowledged by the press office:`,
  touches: "touches:",
  acknowledgedLine: (n: number) =>
    `When these figures were published, ${n} open ${n === 1 ? "discrepancy" : "discrepancies"} touching them ${n === 1 ? "was" : "were"} acknowledged by the press office: see the list below.`,
  note: "The press office's note",
  snapshotAbove: "Snapshot of the figures; the latest is shown above.",
  /** The lead figure in the dashboard's words (core/arrived-headline.ts): "26 of 54 cars arrived". */
  arrivedOf: (mode: string, reached: number, planned: number) => arrivedHeadline("en", mode, reached, planned),
  arrivedSplit: (recorded: number, inferred: number) =>
    `${recorded} ${recorded === 1 ? "arrival" : "arrivals"} recorded; ${inferred} inferred from their unloading`,
  unitsCaption: (code: string, planned: number) => `Transport units of ${code}, ${planned} planned`,
  step: "Step",
  reached: "At this step or later",
  recorded: "Recorded",
  ofPlanned: (n: number, planned: number) => `${n} of ${planned}`,
  steps: {
    loaded: "loaded",
    departed: "departed",
    arrived: "arrived",
    unloaded: "unloaded",
    received: "received (counted per unit)",
  },
  modes: { rail: "rail", road: "road", air: "air", sea: "sea", multimodal: "rail and road" } as Record<string, string>,
  cargoCaption: (name: string) => `Cargo of ${name}`,
  item: "Item",
  planned: "Planned",
  unloaded: "Unloaded",
  received: "Received per unit",
  noStock: "No stock held at the hubs.",
  stockCaption: "Stock at the hubs",
  location: "Location",
  quantity: "Quantity",
  noNeeds: "No needs or distributions recorded yet.",
  needsCaption: "Needs and distributions by neighbourhood",
  neighbourhood: "Neighbourhood",
  needed: "Needed",
  delivered: "Delivered",
  distributed: "Distributed",
  stillNeeded: "Still needed",
  reachedPeople: (households: string, people: string) =>
    `Households reached: ${households}; people reached: ${people}.`,
  asOf: (title: string, seq: number, at: string) => `${title} — as of ledger event ${seq} (computed ${at}).`,
  stock: "Stock",
  neighbourhoods: "Neighbourhoods",
  withdrawn: "Withdrawn",
  notPublished: "Not published",
  nothingPublishedFor: (code: string) => `Nothing is published for operation ${code}.`,
  kinds: SITREP_LABELS.en.discrepancyKinds,
};

export type PublicWords = typeof EN;

const RU: PublicWords = {
  self: "Русский",
  language: "Язык",
  footer:
    "Опубликовано с помощью Reliefline. Каждая цифра вычислена по защищённому от подделки журналу операции на указанных рядом номере события и хеше.",
  allOperations: "Все операции с опубликованными цифрами",
  nothingYet: "Пока ничего не опубликовано.",
  publishedCount: (n, latest) => `опубликовано: ${ruNumber(n)}, последняя публикация ${latest}`,
  indexTitle: "Опубликованные цифры — Reliefline",
  indexHeading: "Опубликованные цифры",
  indexIntro: "Операции, пресс-службы которых опубликовали цифры из своего журнала.",
  operation: "Операция",
  feed: "Лента Atom",
  latest: "Последние цифры",
  publications: "Публикации",
  operationTitle: (name) => `${name} — опубликованные цифры`,
  published: (at) => `Опубликовано ${at}`,
  computedAt: (seq, hash) => `вычислено по журналу на событии № <strong>${seq}</strong>, хеш цепочки ${hash}`,
  howToCheck: "Как это проверить",
  checkIntro: "Получите выгрузку журнала операции (<code>reliefline export ledger</code>) и выполните:",
  checkResult: (seq) =>
    `Команда заново вычисляет каждый хеш выгрузки и подтверждает, что этот хеш — вершина журнала на событии № ${seq}.`,
  acknowledgedLabel: "Открытые расхождения на момент публикации",
  publishedWith: (n) =>
    `Опубликовано при ${ruNumber(n)} ${ruPlural(n, "открытом расхождении", "открытых расхождениях", "открытых расхождениях")}, затрагивающих эти цифры; пресс-служба с ними ознакомлена:`,
  touches: "затрагивает:",
  acknowledgedLine: (n) =>
    `На момент публикации эти цифры затрагивали ${ruNumber(n)} ${ruPlural(n, "открытое расхождение", "открытых расхождения", "открытых расхождений")}; пресс-служба с ними ознакомлена: список ниже.`,
  note: "Примечание пресс-службы",
  snapshotAbove: "Снимок цифр; последний показан выше.",
  arrivedOf: (mode, reached, planned) => arrivedHeadline("ru", mode, reached, planned, { number: ruNumber }),
  arrivedSplit: (recorded, inferred) =>
    `прибытие ${ruNumber(recorded)} зарегистрировано, ещё ${ruNumber(inferred)} следует из их выгрузки`,
  unitsCaption: (code, planned) => `Транспортные единицы груза ${code}, запланировано ${ruNumber(planned)}`,
  step: "Этап",
  reached: "На этом этапе или дальше",
  recorded: "Зарегистрировано",
  ofPlanned: (n, planned) => `${ruNumber(n)} из ${ruNumber(planned)}`,
  steps: {
    loaded: "погружено",
    departed: "отправлено",
    arrived: "прибыло",
    unloaded: "выгружено",
    received: "принято (пересчитано по единицам)",
  },
  modes: {
    rail: "железная дорога",
    road: "автодорога",
    air: "авиа",
    sea: "море",
    multimodal: "железная дорога и автодорога",
  },
  cargoCaption: (name) => `Груз «${name}»`,
  item: "Товар",
  planned: "Запланировано",
  unloaded: "Выгружено",
  received: "Принято по единицам",
  noStock: "На складах запасов нет.",
  stockCaption: "Запасы на складах",
  location: "Место",
  quantity: "Количество",
  noNeeds: "Потребности и раздача пока не зарегистрированы.",
  needsCaption: "Потребности и раздача по районам",
  neighbourhood: "Район",
  needed: "Потребность",
  delivered: "Доставлено",
  distributed: "Роздано",
  stillNeeded: "Осталось",
  reachedPeople: (households, people) => `Охвачено домохозяйств: ${households}; человек: ${people}.`,
  asOf: (title, seq, at) => `${title} — на событии журнала № ${seq} (вычислено ${at}).`,
  stock: "Запасы",
  neighbourhoods: "Районы",
  withdrawn: "Отозвано",
  notPublished: "Не опубликовано",
  nothingPublishedFor: (code) => `По операции ${code} ничего не опубликовано.`,
  kinds: SITREP_LABELS.ru.discrepancyKinds,
};

export const PUBLIC_WORDS: Record<PublicLang, PublicWords> = { en: EN, ru: RU };
