// The origin story as data: the Emergencies Ministry's rail programme of 54 cars to
// Stepanakert, up to 19 December 2020. Stepanakert has had no working railway since
// the 1990s, so cars are unloaded at the Yerevan railhead and the cargo goes on by
// truck. Wagon numbers are constructed (valid check digits), not real vehicles;
// neighbourhood names and the first part's cargo are illustrative.
import { luhnCheckDigit } from "../core/identifiers.ts";
import type { NewLocation } from "../app/catalogue.ts";
import type { Item } from "../store/catalogue.sql.ts";

export const DEMO_OPERATION = {
  code: "STP-RAIL-2020",
  name: "Rail aid to Stepanakert, 2020",
  description:
    "Emergencies Ministry humanitarian programme: 54 rail cars sent in parts from the Moscow Region to the Yerevan railhead, then by road to the hub at Stepanakert, for distribution among its neighbourhoods.",
  timeZone: "Asia/Yerevan",
  names: {
    ru: {
      name: "Гуманитарная помощь Степанакерту по железной дороге, 2020",
      description:
        "Гуманитарная программа МЧС России: 54 вагона отправляются партиями из Московской области на грузовую станцию в Ереване, " +
        "далее автотранспортом на склад гуманитарной помощи в Степанакерте для распределения по районам города.",
    },
  },
};

export const DEMO_ORGANISATIONS = [
  {
    code: "MCHS",
    name: "Emergencies Ministry (EMERCOM of Russia)",
    kind: "government" as const,
    names: { ru: { name: "МЧС России" } },
  },
  {
    code: "STP-UTIL",
    name: "Stepanakert city utility service",
    kind: "local-authority" as const,
    names: { ru: { name: "Коммунальная служба Степанакерта" } },
  },
];

export const HUB = "STP-HUB";
export const RAILHEAD = "AM-EVN";
export const ORIGIN = "NOGINSK";
export const NEIGHBOURHOODS = [
  ["STP-CENTRE", "Centre", 39.8155, 46.7516, "Центр"],
  ["STP-KRKZHAN", "Krkzhan", 39.8277, 46.7695, "Кркжан"],
  ["STP-NORTH", "North district", 39.8323, 46.7481, "Северный район"],
  ["STP-SOUTH", "South district", 39.8021, 46.7523, "Южный район"],
  ["STP-EAST", "East district", 39.8164, 46.7702, "Восточный район"],
  ["STP-WEST", "West district", 39.8118, 46.7337, "Западный район"],
] as const;

export const DEMO_LOCATIONS: NewLocation[] = [
  {
    code: "donor:MCHS",
    name: "Emergencies Ministry (donor)",
    kind: "donor",
    organisation: "MCHS",
    names: { ru: { name: "МЧС России (донор)" } },
  },
  {
    code: ORIGIN,
    name: "Noginsk rescue centre logistics base, Moscow Region",
    kind: "origin-depot",
    latitude: "55.8520",
    longitude: "38.4410",
    names: {
      en: {
        name: "Noginsk rescue centre base",
        at: "at the logistics base of the Noginsk rescue centre",
        to: "to the logistics base of the Noginsk rescue centre",
      },
      ru: {
        name: "База Ногинского спасательного центра",
        at: "на базе Ногинского спасательного центра",
        to: "на базу Ногинского спасательного центра",
      },
    },
  },
  {
    code: RAILHEAD,
    name: "Yerevan freight station (railhead)",
    kind: "railhead",
    unlocode: "AM EVN",
    latitude: "40.1530",
    longitude: "44.4810",
    names: {
      en: {
        name: "Yerevan freight station",
        at: "at the freight station in Yerevan",
        to: "to the freight station in Yerevan",
      },
      ru: { name: "Грузовая станция Ереван", at: "на грузовой станции в Ереване", to: "на грузовую станцию в Ереване" },
    },
  },
  {
    code: "STP",
    name: "Stepanakert",
    kind: "city",
    latitude: "39.8150",
    longitude: "46.7520",
    names: {
      en: { name: "Stepanakert", at: "in Stepanakert", to: "to Stepanakert" },
      ru: { name: "Степанакерт", at: "в Степанакерте", to: "в Степанакерт" },
    },
  },
  {
    code: HUB,
    name: "Stepanakert humanitarian hub (warehouse)",
    kind: "hub-warehouse",
    parent: "STP",
    latitude: "39.8201",
    longitude: "46.7601",
    names: {
      en: {
        name: "Humanitarian hub, Stepanakert",
        at: "at the humanitarian aid warehouse in Stepanakert",
        to: "to the humanitarian aid warehouse in Stepanakert",
      },
      ru: {
        name: "Склад гуманитарной помощи, Степанакерт",
        at: "на складе гуманитарной помощи в Степанакерте",
        to: "на склад гуманитарной помощи в Степанакерте",
      },
    },
  },
  ...NEIGHBOURHOODS.map(([code, name, lat, lon, ru]) => ({
    code,
    name,
    kind: "neighbourhood" as const,
    parent: "STP",
    latitude: String(lat),
    longitude: String(lon),
    names: { ru: { name: ru } },
  })),
];

/** Items with their names in English and Russian, in the forms the press statement needs (core/names.ts). */
export const DEMO_ITEMS: Item[] = [
  {
    code: "LUMBER",
    name: "Lumber (sawn timber)",
    uom: "MTQ",
    kind: "goods",
    weightKg: "550",
    volumeM3: "1",
    names: {
      en: { name: "Lumber (sawn timber)", measured: "lumber" },
      ru: { name: "Пиломатериалы", measured: "пиломатериалов", gender: "pl" },
    },
  },
  {
    code: "CRANE",
    name: "Truck-mounted crane",
    uom: "H87",
    kind: "equipment",
    weightKg: "16500",
    volumeM3: "60",
    names: {
      en: { name: "Truck-mounted crane", one: "truck-mounted crane", other: "truck-mounted cranes" },
      ru: { name: "Автокран", one: "автокран", few: "автокрана", many: "автокранов", other: "автокрана", gender: "m" },
    },
  },
  {
    code: "CEMENT",
    name: "Cement, bagged",
    uom: "TNE",
    kind: "goods",
    weightKg: "1000",
    volumeM3: "0.8",
    names: {
      en: { name: "Cement, bagged", measured: "bagged cement" },
      ru: { name: "Цемент в мешках", measured: "цемента в мешках", gender: "m" },
    },
  },
  {
    code: "GLASS",
    name: "Window glass",
    uom: "MTK",
    kind: "goods",
    weightKg: "10",
    volumeM3: "0.004",
    names: {
      en: { name: "Window glass", measured: "window glass" },
      ru: { name: "Оконное стекло", measured: "оконного стекла", gender: "n" },
    },
  },
  {
    code: "BLANKET",
    name: "Blankets",
    uom: "H87",
    kind: "goods",
    weightKg: "1.5",
    volumeM3: "0.01",
    names: {
      en: { name: "Blankets", one: "blanket", other: "blankets" },
      ru: { name: "Одеяла", one: "одеяло", few: "одеяла", many: "одеял", other: "одеяла", gender: "n" },
    },
  },
  {
    code: "FLOUR",
    name: "Wheat flour",
    uom: "TNE",
    kind: "goods",
    weightKg: "1000",
    volumeM3: "1.6",
    names: {
      en: { name: "Wheat flour", measured: "wheat flour" },
      ru: { name: "Пшеничная мука", measured: "пшеничной муки", gender: "f" },
    },
  },
];

/** An 8-digit 1520 mm gauge wagon number with its check digit. */
export function wagonNumber(payload7: string): string {
  return payload7 + String(luhnCheckDigit(payload7));
}

export interface DemoCar {
  number: string;
  kind: "covered" | "gondola" | "flatcar";
  part: 1 | 2 | 3;
  cargo: { item: string; quantity: string }[];
}

/** The 54 cars: part 1 (9 covered wagons), part 2 (16 gondolas of lumber and a flatcar with the crane), part 3 (28 still planned). */
export const DEMO_CARS: DemoCar[] = [
  ...["CEMENT", "CEMENT", "GLASS", "GLASS", "BLANKET", "BLANKET", "BLANKET", "FLOUR", "FLOUR"].map(
    (item, i): DemoCar => ({
      number: wagonNumber(`24${String(10_731 + i * 7).padStart(5, "0")}`),
      kind: "covered",
      part: 1,
      cargo: [{ item, quantity: { CEMENT: "60", GLASS: "1500", BLANKET: "2000", FLOUR: "55" }[item]! }],
    }),
  ),
  ...Array.from({ length: 16 }, (_, i): DemoCar => ({
    number: wagonNumber(`60${String(52_118 + i * 13).padStart(5, "0")}`),
    kind: "gondola",
    part: 2,
    cargo: [{ item: "LUMBER", quantity: i < 12 ? "19" : "18" }],
  })),
  { number: wagonNumber("4054217"), kind: "flatcar", part: 2, cargo: [{ item: "CRANE", quantity: "1" }] },
  ...Array.from({ length: 28 }, (_, i): DemoCar => ({
    number: wagonNumber(`24${String(20_417 + i * 11).padStart(5, "0")}`),
    kind: "covered",
    part: 3,
    cargo: [{ item: i % 2 === 0 ? "FLOUR" : "CEMENT", quantity: i % 2 === 0 ? "55" : "60" }],
  })),
];

/** Trucks on the road leg Yerevan – Stepanakert (Armenian-style plates, illustrative). */
export const DEMO_TRUCKS = Array.from({ length: 12 }, (_, i) => `${35 + (i % 3)}-TR-${String(101 + i * 17)}`);
