// Cargo as a press service writes it: "300 cubic metres of lumber and a flatcar with a
// truck-mounted crane" / "300 кубометров пиломатериалов и автокран на платформе".
// Goods measured in a unit come first, then counted goods, then equipment.
import { COUNTED_UOMS } from "../../catalogue.ts";
import type { NameForms } from "../../names.ts";
import { counted, countedWords, formatNumber, joinList, NBSP, pick, type PluralForms } from "./lang.ts";
import type { CargoLine, Named, PressLang } from "./statement.ts";
import { CARRIER_NOUNS, UOM_WORDS } from "./vocabulary.ts";

export const formsOf = (named: Named, lang: PressLang): Partial<NameForms> => named.names[lang] ?? {};
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);
/** "a" or "an" before an English word (by its first letter: good enough for catalogue names). */
export const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

const countForms = (f: Partial<NameForms>): PluralForms | undefined => {
  const forms: PluralForms = {};
  for (const k of ["zero", "one", "two", "few", "many", "other"] as const) if (f[k]) forms[k] = f[k];
  return Object.keys(forms).length > 0 ? forms : undefined;
};

type Kind = "measured" | "counted" | "equipment";
export const kindOf = (line: CargoLine): Kind =>
  line.item.kind === "equipment" ? "equipment" : COUNTED_UOMS.has(line.item.uom) ? "counted" : "measured";
const ORDER: Record<Kind, number> = { measured: 0, counted: 1, equipment: 2 };

/** Lines in the order a sentence lists them. */
export const ordered = (lines: readonly CargoLine[]) =>
  [...lines].sort((a, b) => ORDER[kindOf(a)] - ORDER[kindOf(b)] || a.item.code.localeCompare(b.item.code));

function quantityWithUnit(lang: PressLang, line: CargoLine): string {
  const words = UOM_WORDS[lang][line.item.uom];
  return words
    ? counted(lang, line.quantity, words)
    : `${formatNumber(lang, line.quantity)}${NBSP}${line.item.symbol ?? line.item.uom}`;
}

function en(line: CargoLine): string {
  const f = formsOf(line.item, "en");
  const plain = lowerFirst(f.name ?? line.item.name);
  const kind = kindOf(line);
  if (kind === "measured") return `${quantityWithUnit("en", line)} of ${f.measured ?? plain}`;
  const forms = countForms(f);
  const whole = (q: string, f: PluralForms) =>
    /^\d+$/.test(q) ? countedWords("en", Number(q), f) : counted("en", q, f);
  if (kind === "counted")
    return forms ? whole(line.quantity, forms) : `${quantityWithUnit("en", line)} of ${f.measured ?? plain}`;
  const one = forms ? pick("en", 1, forms) : plain;
  const items =
    line.quantity === "1"
      ? `${article(one)} ${one}`
      : forms
        ? whole(line.quantity, forms)
        : `${formatNumber("en", line.quantity)} × ${plain}`;
  const [carrier, ...more] = line.carriers;
  if (!carrier) return items;
  if (more.length === 0 && carrier.units === 1 && line.quantity === "1") {
    const noun = pick("en", 1, CARRIER_NOUNS.en[carrier.kind]?.count ?? { one: carrier.kind });
    return `${article(noun)} ${noun} with ${items}`;
  }
  return `${items} on ${joinList(
    "en",
    line.carriers.map((c) => countedWords("en", c.units, CARRIER_NOUNS.en[c.kind]?.count ?? { other: c.kind })),
  )}`;
}

function ru(line: CargoLine): string {
  const f = formsOf(line.item, "ru");
  const kind = kindOf(line);
  if (kind === "measured")
    return f.measured
      ? `${quantityWithUnit("ru", line)} ${f.measured}`
      : `${quantityWithUnit("ru", line)} груза «${f.name ?? line.item.name}»`;
  const forms = countForms(f);
  if (kind === "counted")
    return forms
      ? counted("ru", line.quantity, forms)
      : `${quantityWithUnit("ru", line)} груза «${f.name ?? line.item.name}»`;
  const items = forms
    ? line.quantity === "1"
      ? pick("ru", 1, forms)
      : counted("ru", line.quantity, forms)
    : `оборудование «${f.name ?? line.item.name}»${line.quantity === "1" ? "" : ` (${formatNumber("ru", line.quantity)}${NBSP}шт.)`}`;
  if (line.carriers.length === 0) return items;
  const on = line.carriers.map((c) => {
    const noun = CARRIER_NOUNS.ru[c.kind];
    if (!noun?.prep) return `${formatNumber("ru", c.units)}${NBSP}ед. «${c.kind}»`;
    return c.units === 1 && line.carriers.length === 1 && line.quantity === "1"
      ? pick("ru", 1, noun.prep)
      : `${formatNumber("ru", c.units)}${NBSP}${pick("ru", c.units, noun.prep)}`;
  });
  return `${items} на ${joinList("ru", on)}`;
}

/** The cargo as one phrase in a list: "A, B and C". */
export function cargoPhrase(lang: PressLang, lines: readonly CargoLine[]): string {
  return joinList(lang, ordered(lines).map(lang === "en" ? en : ru));
}

/** Whether a list starts with a number ("300 кубометров …"): Russian verbs before it take the neuter. */
export function startsWithNumber(lang: PressLang, lines: readonly CargoLine[]): boolean {
  return /^\d/.test(cargoPhrase(lang, lines));
}
