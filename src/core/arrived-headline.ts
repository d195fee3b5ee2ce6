// The lead figure in words: "26 of 54 cars arrived" / "Прибыло 26 из 54 вагонов". One rule for
// every place a reader meets it first (the dashboard's progress headline, the public page and its
// feed, the situation report): the noun follows the consignment's mode (`unitNounOfMode`: rail
// cars, road trucks, otherwise units), and the number's plural form picks the noun's form. Pure.
import { unitNounOfMode } from "./not-loaded.ts";

export type HeadlineLang = "en" | "ru";
type Noun = ReturnType<typeof unitNounOfMode>;

/** The noun after "of 54": English singular and plural; Russian genitive singular and plural ("из 21 вагона", "из 54 вагонов"). */
const NOUNS: Record<HeadlineLang, Record<Noun, { one: string; other: string }>> = {
  en: {
    car: { one: "car", other: "cars" },
    truck: { one: "truck", other: "trucks" },
    unit: { one: "unit", other: "units" },
  },
  ru: {
    car: { one: "вагона", other: "вагонов" },
    truck: { one: "грузовика", other: "грузовиков" },
    unit: { one: "единицы", other: "единиц" },
  },
};

export interface HeadlineOptions {
  /** How a number is written (default: Intl in the language). */
  number?: (n: number) => string;
  /** "start" (default): a sentence of its own, capitalised; "inline": inside a longer sentence. */
  position?: "start" | "inline";
}

/** How many of the consignment's planned units arrived, in the words of its mode. */
export function arrivedHeadline(
  lang: HeadlineLang,
  mode: string,
  arrived: number,
  planned: number,
  options: HeadlineOptions = {},
): string {
  const number = options.number ?? ((n: number) => new Intl.NumberFormat(lang).format(n));
  const forms = NOUNS[lang][unitNounOfMode(mode)];
  const noun = new Intl.PluralRules(lang).select(planned) === "one" ? forms.one : forms.other;
  if (lang === "en") return `${number(arrived)} of ${number(planned)} ${noun} arrived`;
  return `${options.position === "inline" ? "прибыло" : "Прибыло"} ${number(arrived)} из ${number(planned)} ${noun}`;
}
