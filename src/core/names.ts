// Names in other languages. A catalogue entry keeps its own `name` (the working name, in
// whatever language the operation works in) and, in `names`, a map from a language code
// to the forms that language's sentences need. Reports fall back to a construction that
// needs no declension when a form is missing, so every form but `name` is optional.

/** Forms of one name in one language. Which keys matter depends on what is named. */
export interface NameForms {
  /** The name as a heading or list shows it: "Lumber (sawn timber)", "Пиломатериалы". */
  name: string;
  /** Items measured in a unit, after "300 m³ of": "lumber"; Russian genitive: "пиломатериалов". */
  measured?: string;
  /** Counted items, by plural category (Intl.PluralRules): en one/other, ru one/few/many/other. */
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other?: string;
  /** Grammatical gender of the one-form (m, f, n; pl for plural-only nouns): Russian verbs agree with it. */
  gender?: "m" | "f" | "n" | "pl";
  /** Locations: where something happened, with its preposition: "at the Yerevan freight station", "на грузовой станции в Ереване". */
  at?: string;
  /** Locations: where something went, with its preposition: "to the hub in Stepanakert", "на склад в Степанакерте". */
  to?: string;
  /** Teams: the people who did it, as a plural subject: "specialists of the joint grouping", "специалисты Объединённой группировки". */
  agent?: string;
  /** Operations: the description in this language. */
  description?: string;
}

export type LocalisedNames = Record<string, NameForms>;

export const NAME_FORM_KEYS = [
  "name",
  "measured",
  "zero",
  "one",
  "two",
  "few",
  "many",
  "other",
  "gender",
  "at",
  "to",
  "agent",
] as const;
export const GENDERS = ["m", "f", "n", "pl"] as const;
/** A language code as BCP 47 starts it: "en", "ru", "hy". */
export const LANGUAGE_PATTERN = "^[a-z]{2,3}$";
