// The domain's words in English and Russian, written by hand: transport units (by kind,
// with every Russian case and number), units of measure, the lifecycle steps, and the
// small words that change what a figure means ("so far", "about", "not", "will").
// Catalogue names (items, locations) are not here: they are read from the operation's
// catalogue at run time (./names.ts).
import type { UnitKind } from "../units.ts";
import type { Token } from "./text.ts";

/** A phrase: each element is a set of accepted forms (normalised), or a RegExp on the normalised word. */
type Pattern = readonly (readonly string[] | RegExp)[];

const RAIL_KINDS: readonly UnitKind[] = ["covered-wagon", "flatcar", "gondola", "tank"];

/** Russian forms of a noun: stem + endings. */
const ru = (stem: string, endings: readonly string[]) => endings.map((e) => stem + e);
const M_HARD = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
const F_A = ["а", "ы", "е", "у", "ой", "ою", "", "ам", "ами", "ах"];
const ADJ = ["ый", "ого", "ому", "ым", "ом", "ые", "ых", "ым", "ыми", "ий", "ая", "ой", "ую", "ие", "их"];
const en = (...forms: string[]) => forms;

export interface UnitNoun {
  pattern: Pattern;
  /** null: any transport unit ("units", "транспортных единиц"). */
  kinds: readonly UnitKind[] | null;
  /** Label for a reading: "rail cars", "flatcars". */
  label: string;
}

export const UNIT_NOUNS: readonly UnitNoun[] = [
  {
    pattern: [en("covered", "box"), en("wagon", "wagons", "car", "cars")],
    kinds: ["covered-wagon"],
    label: "covered wagons",
  },
  { pattern: [en("boxcar", "boxcars")], kinds: ["covered-wagon"], label: "covered wagons" },
  { pattern: [ru("крыт", ADJ), ru("вагон", M_HARD)], kinds: ["covered-wagon"], label: "covered wagons" },
  {
    pattern: [en("flatcar", "flatcars", "flat-car", "flat-cars", "platform", "platforms")],
    kinds: ["flatcar"],
    label: "flatcars",
  },
  { pattern: [en("flat"), en("car", "cars", "wagon", "wagons")], kinds: ["flatcar"], label: "flatcars" },
  { pattern: [ru("платформ", F_A)], kinds: ["flatcar"], label: "flatcars" },
  { pattern: [en("gondola", "gondolas")], kinds: ["gondola"], label: "gondola wagons" },
  { pattern: [en("open"), en("wagon", "wagons")], kinds: ["gondola"], label: "gondola wagons" },
  { pattern: [ru("полувагон", M_HARD)], kinds: ["gondola"], label: "gondola wagons" },
  { pattern: [en("tank"), en("wagon", "wagons", "car", "cars")], kinds: ["tank"], label: "tank wagons" },
  { pattern: [ru("цистерн", F_A)], kinds: ["tank"], label: "tank wagons" },
  {
    pattern: [en("rail", "railway", "railroad", "train", "freight", "goods"), en("car", "cars", "wagon", "wagons")],
    kinds: RAIL_KINDS,
    label: "rail cars",
  },
  {
    pattern: [en("railcar", "railcars", "wagon", "wagons", "car", "cars", "carriage", "carriages")],
    kinds: RAIL_KINDS,
    label: "rail cars",
  },
  { pattern: [ru("железнодорожн", ADJ), ru("вагон", M_HARD)], kinds: RAIL_KINDS, label: "rail cars" },
  { pattern: [ru("грузов", ADJ), ru("вагон", M_HARD)], kinds: RAIL_KINDS, label: "rail cars" },
  { pattern: [ru("вагон", M_HARD)], kinds: RAIL_KINDS, label: "rail cars" },
  { pattern: [en("container", "containers")], kinds: ["container"], label: "containers" },
  { pattern: [ru("контейнер", M_HARD)], kinds: ["container"], label: "containers" },
  { pattern: [en("truck", "trucks", "lorry", "lorries")], kinds: ["truck"], label: "trucks" },
  {
    pattern: [ru("грузовик", ["", "а", "у", "ом", "е", "и", "ов", "ам", "ами", "ах"])],
    kinds: ["truck"],
    label: "trucks",
  },
  {
    pattern: [ru("грузов", ADJ), ru("автомобил", ["ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях"])],
    kinds: ["truck"],
    label: "trucks",
  },
  { pattern: [ru("фур", F_A)], kinds: ["truck"], label: "trucks" },
  { pattern: [en("transport"), en("unit", "units")], kinds: null, label: "transport units" },
  {
    pattern: [ru("транспортн", ADJ), ru("единиц", ["а", "ы", "е", "у", "ей", "", "ам", "ами", "ах"])],
    kinds: null,
    label: "transport units",
  },
];

export interface UomWord {
  pattern: Pattern;
  /** UN/CEFACT Rec 20 code. */
  uom: string;
}

const dot: readonly string[] = ["."];
export const UOM_WORDS: readonly UomWord[] = [
  { pattern: [en("m³", "m3", "cbm")], uom: "MTQ" },
  { pattern: [en("cubic"), en("metre", "metres", "meter", "meters", "m")], uom: "MTQ" },
  { pattern: [en("cu"), dot, en("m")], uom: "MTQ" },
  { pattern: [en("cu"), en("m")], uom: "MTQ" },
  { pattern: [en("м³", "м3")], uom: "MTQ" },
  { pattern: [ru("кубометр", M_HARD)], uom: "MTQ" },
  { pattern: [en("куб"), dot, en("м")], uom: "MTQ" },
  { pattern: [en("куб"), en("м")], uom: "MTQ" },
  { pattern: [ru("кубическ", ["ий", "ого", "их", "им", "ими", "ом"]), ru("метр", M_HARD)], uom: "MTQ" },
  { pattern: [en("куба", "кубов", "кубы")], uom: "MTQ" },
  { pattern: [en("m²", "m2")], uom: "MTK" },
  { pattern: [en("square", "sq"), en("metre", "metres", "meter", "meters", "m")], uom: "MTK" },
  { pattern: [en("sq"), dot, en("m")], uom: "MTK" },
  { pattern: [en("м²", "м2")], uom: "MTK" },
  { pattern: [en("кв"), dot, en("м")], uom: "MTK" },
  { pattern: [ru("квадратн", ["ый", "ого", "ых", "ым", "ыми", "ом"]), ru("метр", M_HARD)], uom: "MTK" },
  { pattern: [en("tonnes", "tonne", "tons", "ton", "t")], uom: "TNE" },
  { pattern: [en("metric"), en("tons", "ton", "tonnes", "tonne")], uom: "TNE" },
  { pattern: [ru("тонн", ["", "а", "ы", "е", "у", "ой", "ам", "ами", "ах"])], uom: "TNE" },
  { pattern: [en("т")], uom: "TNE" },
  { pattern: [en("kg", "kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo")], uom: "KGM" },
  { pattern: [en("кг")], uom: "KGM" },
  { pattern: [ru("килограмм", ["", "а", "ов", "ы", "ам", "ами", "ах"])], uom: "KGM" },
  { pattern: [en("litres", "litre", "liters", "liter", "l")], uom: "LTR" },
  { pattern: [ru("литр", M_HARD)], uom: "LTR" },
  { pattern: [en("л")], uom: "LTR" },
  { pattern: [en("pieces", "piece", "pcs", "pc", "items")], uom: "H87" },
  { pattern: [en("шт")], uom: "H87" },
  { pattern: [ru("штук", ["а", "и", "", "у", "ой", "ам", "ами", "ах"])], uom: "H87" },
];

/** Conversions between units of measure that differ only by a factor. */
export const UOM_FACTORS: Record<string, Record<string, string>> = {
  KGM: { TNE: "0.001" },
  TNE: { KGM: "1000" },
  LTR: { MTQ: "0.001" },
  MTQ: { LTR: "1000" },
};

export const STEPS = [
  "planned",
  "loaded",
  "departed",
  "arrived",
  "unloaded",
  "received",
  "delivered",
  "distributed",
] as const;
export type Step = (typeof STEPS)[number];

/** Step words, matched as prefixes of a normalised word. */
const STEP_PREFIXES: readonly [Step, readonly string[]][] = [
  ["unloaded", ["unload", "offload", "off-load", "discharg", "выгруз", "выгруж", "разгруз", "разгруж"]],
  ["loaded", ["load", "загруз", "загруж", "погруз", "погруж"]],
  [
    "departed",
    ["depart", "dispatch", "despatch", "отправ", "убыл", "убыв", "отбыл", "отбыв", "отгруз", "отгруж", "вышл", "вышел"],
  ],
  ["arrived", ["arriv", "прибыл", "прибыв", "прибыт", "пришл", "пришед", "прибуд"]],
  ["delivered", ["deliver", "достав", "завез", "завоз", "поступ"]],
  ["received", ["receiv", "accept", "получ", "принят", "приня", "оприход"]],
  [
    "distributed",
    ["distribut", "hand out", "handed", "распредел", "розда", "раздал", "раздав", "выдан", "выдал", "выдач", "вруч"],
  ],
  ["planned", ["plan", "schedul", "запланир", "планир", "предусмотр"]],
];
/** Whole words that name a step but would be ambiguous as prefixes. */
const STEP_WORDS: Record<string, Step> = {
  sent: "departed",
  send: "departed",
  left: "departed",
  shipped: "departed",
  reached: "arrived",
  came: "arrived",
};
/** Words that start like a step word but are not one. */
const NOT_STEPS = new Set([
  "loading-bay",
  "прибыль",
  "прибыли?",
  "planet",
  "plants",
  "plant",
  "planes",
  "plane",
  "получатель",
  "получатели",
  "получателей",
  "получателям",
]);

export function stepOf(t: Token): Step | undefined {
  if (t.kind !== "word" || NOT_STEPS.has(t.norm)) return undefined;
  if (STEP_WORDS[t.norm]) return STEP_WORDS[t.norm];
  return STEP_PREFIXES.find(([, prefixes]) => prefixes.some((p) => t.norm.startsWith(p)))?.[0];
}

/** Negation: a claim in a negative clause is not read as asserting the figure. */
export const NEGATIONS = new Set(["not", "no", "never", "n't", "none", "нет", "не", "ни", "ещё", "yet"]);
export const isNegation = (t: Token) =>
  t.kind === "word" && (NEGATIONS.has(t.norm) || t.norm.endsWith("n't")) && t.norm !== "yet" && t.norm !== "ещё";

/** The future and intentions: "will be unloaded", "будет выгружено", "are expected to arrive". */
export const FUTURE = new Set([
  "will",
  "shall",
  "'ll",
  "expected",
  "due",
  "soon",
  "будет",
  "будут",
  "буду",
  "предстоит",
  "ожидается",
  "ожидаются",
  "планируется",
  "планируются",
]);

/** Words that make a figure cumulative: "so far", "to date", "в общей сложности". */
export const CUMULATIVE_PHRASES: Pattern[] = [
  [en("so", "thus"), en("far")],
  [en("to"), en("date")],
  [en("in"), en("total", "all")],
  [en("altogether", "overall", "already", "cumulatively", "total")],
  [en("by"), en("now")],
  [en("as"), en("of"), en("today", "now")],
  [en("к"), en("настоящему"), en("времени", "моменту")],
  [en("на"), en("сегодня", "сегодняшний", "данный", "настоящий")],
  [en("всего", "итого", "уже")],
  [en("в"), en("общей"), en("сложности")],
  [en("общее"), en("количество")],
  [en("за"), en("все"), en("время")],
];
/** "by 19 December", "as of 19 December", "к 19 декабря", "по состоянию на 19 декабря": cumulative to the date that follows. */
export const BY_DATE_PHRASES: Pattern[] = [
  [en("by")],
  [en("as"), en("of")],
  [en("к")],
  [en("по"), en("состоянию"), en("на")],
  [en("до")],
  [en("until", "till")],
];
/** "by the end of the day", "к концу дня", "that day": the day already in context. */
export const SAME_DAY_PHRASES: Pattern[] = [
  [en("by"), en("the"), en("end"), en("of"), en("the", "that"), en("day")],
  [en("that", "the", "same"), en("day")],
  [en("the"), en("same"), en("day")],
  [en("к"), en("концу"), en("дня")],
  [en("в"), en("тот", "этот"), en("же"), en("день")],
  [en("в"), en("тот", "этот"), en("день")],
  [en("за"), en("день", "сутки")],
];

export type Qualifier = "about" | "more-than" | "at-least" | "less-than" | "up-to";
export const QUALIFIERS: [Pattern, Qualifier][] = [
  [
    [en("about", "around", "approximately", "approx", "roughly", "some", "nearly", "almost", "circa", "~", "≈")],
    "about",
  ],
  [[en("около", "примерно", "приблизительно", "порядка", "почти", "ориентировочно")], "about"],
  [[en("more", "over"), en("than")], "more-than"],
  [[en("over", "above")], "more-than"],
  [[en("более", "свыше", "больше")], "more-than"],
  [[en("at"), en("least")], "at-least"],
  [[en("не"), en("менее", "меньше")], "at-least"],
  [[en("как"), en("минимум")], "at-least"],
  [[en("less", "fewer"), en("than")], "less-than"],
  [[en("under", "below")], "less-than"],
  [[en("менее", "меньше")], "less-than"],
  [[en("up"), en("to")], "up-to"],
  [[en("до")], "up-to"],
  [[en("не"), en("более", "больше")], "up-to"],
];

/** Ordinals for parts of a consignment: "the second part", "вторая партия". */
const ORDINALS: [RegExp, number][] = [
  [/^(first|1st|перв(ый|ая|ое|ого|ой|ую|ом))$/, 1],
  [/^(second|2nd|втор(ой|ая|ое|ого|ую|ом))$/, 2],
  [/^(third|3rd|трет(ий|ья|ье|ьего|ьей|ью|ьем))$/, 3],
  [/^(fourth|4th|четверт(ый|ая|ое|ого|ой|ую|ом))$/, 4],
  [/^(fifth|5th|пят(ый|ая|ое|ого|ой|ую|ом))$/, 5],
  [/^(sixth|6th|шест(ой|ая|ое|ого|ую|ом))$/, 6],
];
export const ordinalOf = (t: Token | undefined): number | undefined =>
  t?.kind === "word" ? ORDINALS.find(([re]) => re.test(t.norm))?.[1] : undefined;
export const isPartNoun = (t: Token | undefined): boolean =>
  t?.kind === "word" &&
  /^(part|batch|shipment|consignment|train|trainload|echelon|парти[яиюей]|част[ьию]|эшелон[аеуом]?|состав[аеуом]?)$/.test(
    t.norm,
  );

/** Words that join an equipment item to the unit that carries it. */
export const WITH_WORDS = new Set(["with", "carrying", "bearing", "с", "со"]);
export const ON_WORDS = new Set(["on", "aboard", "atop", "на"]);
/** "of" between a measure and what is measured ("300 m³ of lumber"); "out of"/"из" in ratios. */
export const OF_WORDS = new Set(["of"]);
export const RATIO_WORDS: Pattern[] = [
  [en("out"), en("of")],
  [en("of"), en("the")],
  [en("of")],
  [en("из"), en("числа")],
  [en("из")],
];

/** Matches a pattern at token i; returns the index after it, or undefined. */
export function matchAt(tokens: readonly Token[], i: number, pattern: Pattern): number | undefined {
  let j = i;
  for (const part of pattern) {
    const t = tokens[j];
    if (!t) return undefined;
    const ok = part instanceof RegExp ? part.test(t.norm) : part.includes(t.norm);
    if (!ok) return undefined;
    j += 1;
  }
  return j;
}

/** The longest of several patterns matching at i. */
export function longestAt<T extends { pattern: Pattern }>(
  tokens: readonly Token[],
  i: number,
  entries: readonly T[],
): { entry: T; next: number } | undefined {
  let best: { entry: T; next: number } | undefined;
  for (const entry of entries) {
    const next = matchAt(tokens, i, entry.pattern);
    if (next !== undefined && (!best || next > best.next)) best = { entry, next };
  }
  return best;
}

export function phraseAt(tokens: readonly Token[], i: number, patterns: readonly Pattern[]): number | undefined {
  let best: number | undefined;
  for (const p of patterns) {
    const next = matchAt(tokens, i, p);
    if (next !== undefined && (best === undefined || next > best)) best = next;
  }
  return best;
}

export function qualifierAt(tokens: readonly Token[], i: number): { qualifier: Qualifier; next: number } | undefined {
  let best: { qualifier: Qualifier; next: number } | undefined;
  for (const [pattern, qualifier] of QUALIFIERS) {
    const next = matchAt(tokens, i, pattern);
    if (next !== undefined && (!best || next > best.next)) best = { qualifier, next };
  }
  return best;
}
