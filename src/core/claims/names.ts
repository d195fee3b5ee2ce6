// The operation's own names, read from its catalogue at run time: items and locations
// in every language they are named in (the working name and `names`, migration 006).
// Words are compared by Snowball stems (English and Russian), so "пиломатериалов" finds
// "Пиломатериалы" and "blankets" finds "Blankets"; a name matches when the text holds
// enough of its words (./extract.ts decides where to look).
import { stemmer as stemRu } from "@orama/stemmers/russian";
import { stemmer as stemEn } from "@orama/stemmers/english";
import type { LocalisedNames } from "../names.ts";
import type { ItemKind, LocationKind } from "../catalogue.ts";
import { normalise } from "./text.ts";
import { countSteps } from "./work.ts";

export interface CatalogueItem {
  code: string;
  name: string;
  uom: string;
  kind: ItemKind;
  names: LocalisedNames;
}

export interface CatalogueLocation {
  code: string;
  name: string;
  kind: LocationKind | string;
  parent: string | null;
  names: LocalisedNames;
}

export interface ClaimsCatalogue {
  items: readonly CatalogueItem[];
  locations: readonly CatalogueLocation[];
}

/** Words that say nothing about which item or place is meant. */
const STOP = new Set([
  "of",
  "the",
  "a",
  "an",
  "and",
  "in",
  "at",
  "to",
  "for",
  "on",
  "with",
  "by",
  "from",
  "в",
  "во",
  "на",
  "с",
  "со",
  "и",
  "для",
  "по",
  "к",
  "из",
  "от",
  "у",
]);
/** Place words shared by many locations: they never identify one alone. */
const GENERIC_PLACE = new Set([
  "station",
  "freight",
  "warehous",
  "hub",
  "humanitarian",
  "aid",
  "centr",
  "center",
  "district",
  "base",
  "region",
  "citi",
  "logist",
  "rescu",
  "north",
  "south",
  "east",
  "west",
  "railhead",
  "depot",
  "point",
  "distribut",
  "станц",
  "грузов",
  "склад",
  "гуманитарн",
  "помощ",
  "центр",
  "район",
  "баз",
  "област",
  "город",
  "север",
  "юг",
  "восток",
  "запад",
  "пункт",
]);

const CYRILLIC = /[\u0400-\u04ff]/;

/** The Snowball stem of one normalised word in its own script. */
const stems = new Map<string, string>();
export function stem(word: string): string {
  const w = normalise(word);
  let s = stems.get(w);
  if (s === undefined) {
    s = CYRILLIC.test(w) ? stemRu(w) : stemEn(w);
    if (stems.size > 50_000) stems.clear();
    stems.set(w, s);
  }
  return s;
}

/** Content stems of a name: hyphenated words count part by part ("truck-mounted" → truck, mount). */
export function stemsOf(text: string): string[] {
  const words = normalise(text)
    .split(/[^\p{L}\d]+/u)
    .filter((w) => w.length > 0 && !STOP.has(w));
  return [...new Set(words.map(stem).filter((s) => s.length > 0))];
}

/**
 * Two stems name the same word: equal, or one a prefix of the other by at most two
 * letters when the shorter has five or more (Snowball leaves "автокран" as "автокра" but
 * "автокраном" as "автокран").
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.length - short.length <= 2 && long.startsWith(short);
}

export interface NameEntry {
  code: string;
  /** Each spelling of the name (working name, each language's name and forms) as its content stems. */
  variants: string[][];
}

function variantsOf(name: string, names: LocalisedNames, keys: readonly string[]): string[][] {
  const texts = [name];
  for (const forms of Object.values(names)) {
    for (const key of keys) {
      const v = (forms as unknown as Record<string, unknown>)[key];
      if (typeof v === "string") texts.push(v);
    }
  }
  // "Lumber (sawn timber)": the bracketed words are another way to say it.
  const more = texts.flatMap((t) => [...t.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!));
  const all = [...texts.map((t) => t.replace(/\([^)]*\)/g, " ")), ...more].map(stemsOf).filter((v) => v.length > 0);
  const seen = new Set<string>();
  return all.filter((v) => (seen.has(v.join(" ")) ? false : (seen.add(v.join(" ")), true)));
}

export const itemEntries = (items: readonly CatalogueItem[]): NameEntry[] =>
  items.map((i) => ({
    code: i.code,
    variants: variantsOf(i.name, i.names, ["name", "measured", "one", "few", "many", "other", "zero", "two"]),
  }));

/** Real places only: virtual locations and transport units are not named in a text. */
export const locationEntries = (locations: readonly CatalogueLocation[]): NameEntry[] =>
  locations
    .filter((l) => !["donor", "transit", "loss", "recipients", "transport-unit", "custody"].includes(l.kind))
    .map((l) => ({ code: l.code, variants: variantsOf(l.name, l.names, ["name", "at", "to"]) }));

export interface NameMatch {
  code: string;
  /** How many of the text's stems the best variant matched. */
  score: number;
}

const covered = (variant: readonly string[], stems: readonly string[]) => {
  countSteps(variant.length * stems.length);
  return variant.filter((v) => stems.some((s) => sameStem(s, v))).length;
};

/**
 * Items a noun phrase names: the variant with the most of its words present wins; a
 * single shared word ("мука" for two flours) is ambiguous and returns several.
 */
export function matchItems(phrase: readonly string[], entries: readonly NameEntry[]): NameMatch[] {
  // A text repeats its words: each phrase is scored once per catalogue (a long text of the same few words is cheap).
  let known = itemMatches.get(entries);
  if (!known) itemMatches.set(entries, (known = new Map()));
  const key = phrase.join(" ");
  const hit = known.get(key);
  if (hit) return hit;
  const found = scoreItems(phrase, entries);
  if (known.size > 10_000) known.clear();
  known.set(key, found);
  return found;
}

const itemMatches = new WeakMap<readonly NameEntry[], Map<string, NameMatch[]>>();

function scoreItems(phrase: readonly string[], entries: readonly NameEntry[]): NameMatch[] {
  const scored = entries
    .map((e) => ({ code: e.code, score: Math.max(0, ...e.variants.map((v) => covered(v, phrase))) }))
    .filter((m) => m.score > 0);
  const best = Math.max(0, ...scored.map((m) => m.score));
  return scored.filter((m) => m.score === best);
}

/**
 * Places a sentence names: every content word of a variant present, or a distinctive word
 * (one only this place has, not a generic "station" or "district"). The most specific wins.
 */
export function matchLocations(sentenceStems: readonly string[], entries: readonly NameEntry[]): NameMatch[] {
  const owners = new Map<string, Set<string>>();
  for (const e of entries)
    for (const v of e.variants) for (const s of v) owners.set(s, (owners.get(s) ?? new Set()).add(e.code));
  const out: NameMatch[] = [];
  for (const e of entries) {
    let score = 0;
    for (const v of e.variants) {
      const n = covered(v, sentenceStems);
      if (n === v.length) score = Math.max(score, n + 1);
      const distinctive = v.filter(
        (s) => !GENERIC_PLACE.has(s) && owners.get(s)?.size === 1 && sentenceStems.some((t) => sameStem(t, s)),
      );
      if (distinctive.length > 0) score = Math.max(score, distinctive.length);
    }
    if (score > 0) out.push({ code: e.code, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** These places and every place under them (a claim about Stepanakert covers its hub and neighbourhoods). */
export function withDescendants(
  codes: readonly string[],
  locations: readonly Pick<CatalogueLocation, "code" | "parent">[],
): string[] {
  const out = new Set(codes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of locations) {
      if (l.parent !== null && out.has(l.parent) && !out.has(l.code)) {
        out.add(l.code);
        grew = true;
      }
    }
  }
  return [...out].sort();
}
