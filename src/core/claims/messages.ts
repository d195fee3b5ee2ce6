// The checker's answer for one claim in a sentence, in English or Russian: what the
// ledger says, by how much the claim differs, and what explains the difference.
import type { CheckedClaim } from "./judge.ts";
import type { CatalogueItem } from "./names.ts";

export type MessageLang = "en" | "ru";

const MONTHS = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  ru: [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
  ],
};
export function day(date: string, lang: MessageLang): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return lang === "en" ? `${d} ${MONTHS.en[m - 1]} ${y}` : `${d} ${MONTHS.ru[m - 1]} ${y} г.`;
}

const UOM: Record<MessageLang, Record<string, string>> = {
  en: { MTQ: "m³", MTK: "m²", TNE: "t", KGM: "kg", LTR: "l", H87: "pcs", units: "units" },
  ru: { MTQ: "м³", MTK: "м²", TNE: "т", KGM: "кг", LTR: "л", H87: "шт.", units: "ед." },
};
const STEP_WORDS: Record<MessageLang, Record<string, string>> = {
  en: {
    loaded: "loaded",
    departed: "departed",
    arrived: "arrived",
    unloaded: "unloaded",
    received: "received",
    delivered: "delivered",
    distributed: "distributed",
    planned: "planned",
  },
  ru: {
    loaded: "загружено",
    departed: "отправлено",
    arrived: "прибыло",
    unloaded: "выгружено",
    received: "принято",
    delivered: "доставлено",
    distributed: "распределено",
    planned: "запланировано",
  },
};

const num = (value: string, lang: MessageLang) => {
  const [int, frac] = value.replace(/^-/, "").split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : "\u00a0");
  const sign = value.startsWith("-") ? "−" : "";
  return `${sign}${grouped}${frac ? (lang === "en" ? "." : ",") + frac : ""}`;
};

/**
 * When the ledger's figure stands: "on 19 December 2020", "by the end of 19 December 2020"; for
 * today (`today` is its clock time, HH:MM), only as of that time: the day is not over.
 */
function whenOf(claim: CheckedClaim["claim"], lang: MessageLang, today?: { date: string; time: string }): string {
  const en = lang === "en";
  const { scope, date } = claim.when;
  const d = day(date, lang);
  if (today?.date === date)
    return scope === "on-day"
      ? en
        ? `on ${d} so far (as of ${today.time})`
        : `за ${d} на ${today.time}`
      : en
        ? `by ${today.time} on ${d}`
        : `к ${today.time} ${d}`;
  return scope === "on-day" ? (en ? `on ${d}` : `за ${d}`) : en ? `by the end of ${d}` : `к концу ${d}`;
}

/**
 * One or two sentences for a checked claim. `today` is the operation's current day and clock time:
 * a figure for today is stated as of that time, not "by the end of" a day still going on.
 */
export function explain(
  c: CheckedClaim,
  lang: MessageLang,
  items: readonly CatalogueItem[] = [],
  today?: { date: string; time: string },
): string {
  const en = lang === "en";
  const r = c.reason;
  const unit = c.figure ? (UOM[lang][c.figure.unit] ?? c.figure.unit) : "";
  const ledger = c.figure ? `${num(c.figure.value, lang)}${unit && c.figure.unit !== "units" ? ` ${unit}` : ""}` : "";
  const when = whenOf(c.claim, lang, today);
  const itemName = (code: string) => {
    const i = items.find((x) => x.code === code);
    return i ? (i.names[lang]?.name ?? i.name) : code;
  };
  switch (r.code) {
    case "matches":
      return en ? `The ledger agrees: ${ledger} ${when}.` : `Реестр подтверждает: ${ledger} ${when}.`;
    case "within-qualifier":
      return en
        ? `The ledger has ${ledger} ${when}, which fits "${r.qualifier.replace("-", " ")}".`
        : `В реестре ${ledger} ${when}, что соответствует оговорке («${c.claim.quote.split(/\s/)[0]}»).`;
    case "differs": {
      const diff = c.difference ?? "0";
      const by = num(diff.replace(/^-/, ""), lang);
      return en
        ? `The ledger has ${ledger} ${when}; the text says ${by} ${diff.startsWith("-") ? "fewer" : "more"}.`
        : `В реестре ${ledger} ${when}; в тексте на ${by} ${diff.startsWith("-") ? "меньше" : "больше"}.`;
    }
    case "counts-recorded-only":
      return en
        ? `The ledger implies ${r.reached} ${when}: ${r.recorded} with the step recorded and ${r.implied} more with a later step recorded, which implies this one. The text counts only the units with this very step recorded.`
        : `По реестру ${r.reached} ${when}: у ${r.recorded} этот этап зарегистрирован, ещё у ${r.implied} зарегистрирован более поздний этап (а он невозможен без этого). В тексте учтены только единицы, у которых зарегистрирован именно этот этап.`;
    case "other-days":
      return en
        ? `The ledger has ${ledger} ${when}, but the claimed figure on ${r.days.map((d) => day(d, lang)).join(", ")}: check the date.`
        : `В реестре ${ledger} ${when}, а названная цифра — за ${r.days.map((d) => day(d, lang)).join(", ")}: проверьте дату.`;
    case "carrier-differs":
      return en
        ? `The cargo agrees, but the ledger has it on ${r.carriers} ${c.claim.type === "goods" ? (c.claim.carrier?.label ?? "units") : "units"}, not ${r.claimed}.`
        : `Груз совпадает, но по реестру его везли ${r.carriers} ед. транспорта, а не ${r.claimed}.`;
    case "no-step":
      return en
        ? "The text does not say what happened (arrived, unloaded, delivered…)."
        : "В тексте не сказано, что произошло (прибыло, выгружено, доставлено…).";
    case "no-figure":
      return en
        ? "The ledger has no figure of this kind (no consignment, part or cargo to compare with)."
        : "В реестре нет такой цифры (нет партии или груза для сравнения).";
    case "unreadable":
      switch (r.reason) {
        case "negated":
          return en
            ? "Not checked: the sentence says it did not happen (a negation)."
            : "Не проверяется: в предложении отрицание.";
        case "future":
          return en ? "Not checked: the sentence is about the future." : "Не проверяется: речь о будущем.";
        case "no-item":
          return en
            ? `Not checked: "${r.words || "this"}" is not an item in the catalogue.`
            : `Не проверяется: «${r.words || "это"}» нет в каталоге.`;
        case "ambiguous-item":
          return en
            ? `Not checked: could be any of ${r.candidates.map(itemName).join(", ")}.`
            : `Не проверяется: подходит несколько позиций: ${r.candidates.map(itemName).join(", ")}.`;
        case "uom-mismatch":
          return en
            ? `Not checked: the ledger counts ${itemName(r.item)} in ${UOM.en[r.itemUom] ?? r.itemUom}, not ${UOM.en[r.claimedUom] ?? r.claimedUom}.`
            : `Не проверяется: ${itemName(r.item)} учитывается в ${UOM.ru[r.itemUom] ?? r.itemUom}, а не в ${UOM.ru[r.claimedUom] ?? r.claimedUom}.`;
        default: {
          const never: never = r;
          return never;
        }
      }
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The claim's reading in the reader's language: "17 rail cars unloaded on 19 December 2020". */
export function stepWord(step: string | null, lang: MessageLang): string {
  return step ? (STEP_WORDS[lang][step] ?? step) : "";
}
