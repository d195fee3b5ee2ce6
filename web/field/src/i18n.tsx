// The field app's words: English and Russian dictionaries (web/src/i18n/*-field.ts),
// plural forms by Intl.PluralRules in "{count, plural, one {# car} other {# cars}}".
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { enField, type FieldKey, type FieldMessages } from "../../src/i18n/en-field.ts";
import { ruField } from "../../src/i18n/ru-field.ts";
import { formatClock, formatTime } from "./lib/time.ts";
import { uomSymbol } from "../../../src/core/uom.ts";

export type Language = "en" | "ru";
export const LANGUAGES: Record<Language, string> = { en: "English", ru: "Русский" };
const DICTIONARIES: Record<Language, FieldMessages> = { en: enField, ru: ruField };
const STORAGE_KEY = "reliefline.field.language";
type Vars = Record<string, string | number>;

export interface FieldI18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: FieldKey, vars?: Vars): string;
  number(value: string | number): string;
  /** A UN/ECE Rec 20 unit of measure as its symbol in the phone's language (core/uom.ts): TNE → "t" / "т". */
  uom(code: string): string;
  /** A quantity with its unit's symbol: "60 t" / "60 т", "300 m³" / "300 м³". */
  quantity(value: string | number, uomCode: string): string;
  /** A moment with its date, 24-hour time and zone (lib/time.ts): pass the operation's zone. */
  time(iso: string, timeZone?: string): string;
  /**
   * A time of day to the second with its zone (lib/time.ts): when the next try comes. Pass the
   * moment by the server's clock (the phone's reading plus its measured offset) and the operation's zone.
   */
  clock(ms: number, timeZone?: string): string;
}

const PLURAL = /\{(\w+), plural, ((?:[a-z]+ \{[^}]*\}\s*)+)\}/g;

export function format(template: string, vars: Vars, language: Language): string {
  const rules = new Intl.PluralRules(language);
  const plural = template.replace(PLURAL, (_, name: string, branches: string) => {
    const value = Number(vars[name] ?? 0);
    const forms = Object.fromEntries([...branches.matchAll(/([a-z]+) \{([^}]*)\}/g)].map((m) => [m[1], m[2]]));
    return (forms[rules.select(value)] ?? forms.other ?? "").replace(/#/g, String(value));
  });
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function initial(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "ru") return stored;
  return navigator.language.toLowerCase().startsWith("ru") ? "ru" : "en";
}

const Context = createContext<FieldI18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initial);
  const value = useMemo<FieldI18n>(() => {
    const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setState(next);
      },
      t: (key, vars = {}) => format(DICTIONARIES[language][key], vars, language),
      number: (v) => numbers.format(Number(v)),
      uom: (code) => uomSymbol(code, language),
      quantity: (v, code) => `${numbers.format(Number(v))}\u00a0${uomSymbol(code, language)}`,
      time: (iso, timeZone) => formatTime(language, iso, timeZone),
      clock: (ms, timeZone) => formatClock(language, ms, timeZone),
    };
  }, [language]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useT(): FieldI18n {
  const value = useContext(Context);
  if (!value) throw new Error("useT outside I18nProvider");
  return value;
}
