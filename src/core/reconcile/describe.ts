// How explanations name things in one language: places, items and consignments by their
// names in that language (the working name when the catalogue has none), transport units
// by kind and number, quantities with the unit's symbol (never a Rec 20 code), and times
// in the operation's time zone with the zone written out ("19 Dec 2020 16:00 UTC+4").
import type { LocalisedNames } from "../names.ts";
import { uomSymbol } from "../uom.ts";
import type { UnitRef } from "./facts.ts";

export type ExplainLang = "en" | "ru";

/** A catalogue entry with its names in other languages (items add their unit of measure). */
export interface NamedEntry {
  name: string;
  names?: LocalisedNames | undefined;
}

export interface Describe {
  lang: ExplainLang;
  /** A place as a name ("Yerevan freight station"), or a marker when none was recorded. */
  place(code: string | undefined): string;
  /** Where something happened, with its preposition: "at the freight station in Yerevan", "на грузовой станции в Ереване". */
  at(code: string | undefined): string;
  item(code: string): string;
  consignment(code: string): string;
  /** "5,960 pcs", "5 960 шт.". */
  quantity(value: string, uom: string): string;
  number(value: string | number): string;
  unit(ref: UnitRef): string;
  /** An instant in the operation's time zone, with its offset from UTC. */
  time(iso: string): string;
}

export interface DescribeCatalogue {
  places?: ReadonlyMap<string, NamedEntry>;
  items?: ReadonlyMap<string, NamedEntry>;
  consignments?: ReadonlyMap<string, NamedEntry>;
}

const LOCALES: Record<ExplainLang, string> = { en: "en-GB", ru: "ru-RU" };
const RAIL = new Set(["covered-wagon", "gondola", "flatcar", "tank"]);
const UNIT_WORDS: Record<ExplainLang, Record<"rail" | "container" | "truck" | "unit", string>> = {
  en: { rail: "Rail car", container: "Container", truck: "Truck", unit: "Unit" },
  ru: { rail: "Вагон", container: "Контейнер", truck: "Грузовик", unit: "Транспортная единица" },
};

const nameIn = (entry: NamedEntry | undefined, lang: ExplainLang): string | undefined =>
  entry && (entry.names?.[lang]?.name ?? entry.name);

// Making an Intl formatter costs far more than using one, and every append that finds something describes it.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

/** "UTC+4", "UTC−3:30", "UTC" for an instant in a time zone. */
export function utcOffset(iso: string, timeZone: string): string {
  const offsets = cached(
    `offset|${timeZone}`,
    () => new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" }),
  );
  const part = offsets.formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName");
  return (part?.value ?? "GMT").replace("GMT", "UTC");
}

export function describer(catalogue: DescribeCatalogue, timeZone: string, lang: ExplainLang = "en"): Describe {
  const locale = LOCALES[lang];
  const stamp = cached(
    `stamp|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
  );
  const numbers = cached(`number|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }));
  const number = (value: string | number) => numbers.format(value as unknown as number);
  const place = (code: string | undefined) => {
    if (code === undefined) return lang === "ru" ? "место не указано" : "an unrecorded place";
    return nameIn(catalogue.places?.get(code), lang) ?? code;
  };
  return {
    lang,
    place,
    at: (code) => {
      const forms = code === undefined ? undefined : catalogue.places?.get(code)?.names?.[lang];
      if (forms?.at) return forms.at;
      if (code === undefined) return lang === "ru" ? "(место не указано)" : "at an unrecorded place";
      return lang === "ru" ? `в пункте «${place(code)}»` : `at ${place(code)}`;
    },
    item: (code) => nameIn(catalogue.items?.get(code), lang) ?? code,
    consignment: (code) => nameIn(catalogue.consignments?.get(code), lang) ?? code,
    quantity: (value, uom) => `${number(value)}\u00a0${uomSymbol(uom, lang)}`,
    number,
    unit: (ref) => {
      const group =
        ref.kind === undefined
          ? "unit"
          : RAIL.has(ref.kind)
            ? "rail"
            : ref.kind === "container"
              ? "container"
              : ref.kind === "truck"
                ? "truck"
                : "rail";
      return `${UNIT_WORDS[lang][group]} ${ref.number}`;
    },
    time: (iso) => `${stamp.format(new Date(iso)).replace(",", "")} ${utcOffset(iso, timeZone)}`,
  };
}
