// The field app's words: English and Russian dictionaries (web/src/i18n/*-field.ts),
// plural forms by Intl.PluralRules in "{count, plural, one {# car} other {# cars}}".
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { enField, type FieldKey, type FieldMessages } from "../../src/i18n/en-field.ts";
import { ruField } from "../../src/i18n/ru-field.ts";
import { formatTime } from "./lib/time.ts";

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
  /** A moment with its date, 24-hour time and zone (lib/time.ts): pass the operation's zone. */
  time(iso: string, timeZone?: string): string;
  /** A time of day to the second on the phone's clock (ms since the epoch): when the next try comes. */
  clock(ms: number): string;
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
    const clock = new Intl.DateTimeFormat(language, { timeStyle: "medium" });
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setState(next);
      },
      t: (key, vars = {}) => format(DICTIONARIES[language][key], vars, language),
      number: (v) => numbers.format(Number(v)),
      time: (iso, timeZone) => formatTime(language, iso, timeZone),
      clock: (ms) => clock.format(new Date(ms)),
    };
  }, [language]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useT(): FieldI18n {
  const value = useContext(Context);
  if (!value) throw new Error("useT outside I18nProvider");
  return value;
}
