// Words the press statement needs besides the catalogue's names: what transport units are
// called, units of measure written out, transport modes. A press service writes units in
// words in running text ("300 cubic metres", "300 кубометров"); the figures table keeps
// the UN/CEFACT code and symbol.
import type { PluralForms } from "./lang.ts";
import type { PressLang, UnitCategory } from "./statement.ts";

/** A noun in the forms a sentence needs. `gen`: Russian genitive after "из N" / "N из …" (one: singular, other: plural). */
export interface Noun {
  count: PluralForms;
  gen?: PluralForms;
  /** Russian prepositional after "на"/"в" with a number (one: singular, other: plural). */
  prep?: PluralForms;
  gender: "m" | "f" | "n";
  /** Nominative plural without a number: "rail cars", "вагоны". */
  plural: string;
}

const ruNoun = (
  one: string,
  few: string,
  many: string,
  gen1: string,
  prep1: string,
  prepN: string,
  plural: string,
  gender: Noun["gender"] = "m",
): Noun => ({
  count: { one, few, many, other: few },
  plural,
  gen: { one: gen1, other: many },
  prep: { one: prep1, other: prepN },
  gender,
});
const enNoun = (one: string, other: string): Noun => ({ count: { one, other }, gender: "n", plural: other });

export const UNIT_NOUNS: Record<PressLang, Record<UnitCategory, Noun>> = {
  en: {
    "rail-car": enNoun("rail car", "rail cars"),
    container: enNoun("container", "containers"),
    truck: enNoun("truck", "trucks"),
    unit: enNoun("transport unit", "transport units"),
  },
  ru: {
    "rail-car": ruNoun("вагон", "вагона", "вагонов", "вагона", "вагоне", "вагонах", "вагоны"),
    container: ruNoun(
      "контейнер",
      "контейнера",
      "контейнеров",
      "контейнера",
      "контейнере",
      "контейнерах",
      "контейнеры",
    ),
    truck: ruNoun("грузовик", "грузовика", "грузовиков", "грузовика", "грузовике", "грузовиках", "грузовики"),
    unit: ruNoun(
      "транспортная единица",
      "транспортные единицы",
      "транспортных единиц",
      "транспортной единицы",
      "транспортной единице",
      "транспортных единицах",
      "транспортные единицы",
      "f",
    ),
  },
};

/** Transport unit kinds (core/units.ts) as carriers of equipment: "a flatcar with a crane", "автокран на платформе". */
export const CARRIER_NOUNS: Record<PressLang, Record<string, Noun>> = {
  en: {
    "covered-wagon": enNoun("covered wagon", "covered wagons"),
    flatcar: enNoun("flatcar", "flatcars"),
    gondola: enNoun("gondola wagon", "gondola wagons"),
    tank: enNoun("tank wagon", "tank wagons"),
    container: enNoun("container", "containers"),
    truck: enNoun("truck", "trucks"),
  },
  ru: {
    "covered-wagon": ruNoun(
      "крытый вагон",
      "крытых вагона",
      "крытых вагонов",
      "крытого вагона",
      "крытом вагоне",
      "крытых вагонах",
      "крытые вагоны",
    ),
    flatcar: ruNoun("платформа", "платформы", "платформ", "платформы", "платформе", "платформах", "платформы", "f"),
    gondola: ruNoun("полувагон", "полувагона", "полувагонов", "полувагона", "полувагоне", "полувагонах", "полувагоны"),
    tank: ruNoun("цистерна", "цистерны", "цистерн", "цистерны", "цистерне", "цистернах", "цистерны", "f"),
    container: ruNoun(
      "контейнер",
      "контейнера",
      "контейнеров",
      "контейнера",
      "контейнере",
      "контейнерах",
      "контейнеры",
    ),
    truck: ruNoun("грузовик", "грузовика", "грузовиков", "грузовика", "грузовике", "грузовиках", "грузовики"),
  },
};

export const UNIT_CATEGORY_OF_KIND: Record<string, UnitCategory> = {
  "covered-wagon": "rail-car",
  flatcar: "rail-car",
  gondola: "rail-car",
  tank: "rail-car",
  container: "container",
  truck: "truck",
};

/** Units of measure in words, by UN/CEFACT Rec 20 code. Russian "other" is the form after a fraction: 0,5 кубометра. */
export const UOM_WORDS: Record<PressLang, Record<string, PluralForms>> = {
  en: {
    MTQ: { one: "cubic metre", other: "cubic metres" },
    MTK: { one: "square metre", other: "square metres" },
    TNE: { one: "tonne", other: "tonnes" },
    KGM: { one: "kilogram", other: "kilograms" },
    LTR: { one: "litre", other: "litres" },
    MTR: { one: "metre", other: "metres" },
    H87: { one: "piece", other: "pieces" },
  },
  ru: {
    MTQ: { one: "кубометр", few: "кубометра", many: "кубометров", other: "кубометра" },
    MTK: { one: "квадратный метр", few: "квадратных метра", many: "квадратных метров", other: "квадратного метра" },
    TNE: { one: "тонна", few: "тонны", many: "тонн", other: "тонны" },
    KGM: { one: "килограмм", few: "килограмма", many: "килограммов", other: "килограмма" },
    LTR: { one: "литр", few: "литра", many: "литров", other: "литра" },
    MTR: { one: "метр", few: "метра", many: "метров", other: "метра" },
    H87: { one: "штука", few: "штуки", many: "штук", other: "штуки" },
  },
};

export const MODE_WORDS: Record<PressLang, Record<string, string>> = {
  en: { road: "by road", rail: "by rail", air: "by air", sea: "by sea" },
  ru: { road: "автотранспортом", rail: "по железной дороге", air: "авиатранспортом", sea: "морским транспортом" },
};

/** Ordinals for "the second part" / "вторая партия"; beyond ten, "part 11" / "партия № 11". */
export const PART_ORDINALS: Record<PressLang, readonly string[]> = {
  en: ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
  ru: ["первая", "вторая", "третья", "четвёртая", "пятая", "шестая", "седьмая", "восьмая", "девятая", "десятая"],
};

export const NEIGHBOURHOOD: Record<PressLang, PluralForms> = {
  en: { one: "neighbourhood", other: "neighbourhoods" },
  /** Dative after "по": по 1 району, по 6 районам, по 21 району. */
  ru: { one: "району", other: "районам" },
};
