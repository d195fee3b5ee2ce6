// A small typed i18n: dictionaries per language, plural forms by Intl.PluralRules,
// numbers and dates by Intl. The choice is kept in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en, type MessageKey, type Messages } from "./en.ts";
import { ru } from "./ru.ts";
import { sensibleDecimals, uomSymbol } from "../../../src/core/uom.ts";

export const LANGUAGES = { en: "English", ru: "Русский" } as const;
export type Language = keyof typeof LANGUAGES;
const DICTIONARIES: Record<Language, Messages> = { en, ru };
const STORAGE_KEY = "reliefline.language";

type Vars = Record<string, string | number>;

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Vars): string;
  /** An exact decimal string or a number, grouped for the language. */
  number(value: string | number): string;
  /** A timestamp shown in the given IANA time zone (the operation's; UTC when none), with that zone's
   * offset ("GMT+4", "UTC") so nobody reads the operation's local time as their own. */
  dateTime(iso: string, timeZone?: string): string;
  /** A label for a UN/CEFACT unit code (falls back to the code). */
  uom(code: string): string;
  /** A quantity with its unit, at the precision that unit is worth showing ("12.1 t", "5,960 pcs"). */
  quantity(value: string | number, uomCode: string): string;
  /** The number alone at that precision, for tables whose header carries the unit ("12.1"). */
  amount(value: string | number, uomCode: string): string;
  /** Translation if the key exists, otherwise the fallback. */
  maybe(key: string, fallback: string): string;
}

function initialLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "ru") return stored;
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("ru") ? "ru" : "en";
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const messages = DICTIONARIES[language];
    const plurals = new Intl.PluralRules(language);
    const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
    const dates = new Map<string, Intl.DateTimeFormat>();
    const fill = (text: string, vars: Vars = {}) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = vars[name];
        return v === undefined ? `{${name}}` : typeof v === "number" ? numbers.format(v) : v;
      });
    const amount = (value: string | number, uomCode: string) =>
      new Intl.NumberFormat(language, { maximumFractionDigits: sensibleDecimals(uomCode) }).format(
        typeof value === "number" ? value : (value as `${number}`),
      );
    const t = (key: MessageKey, vars?: Vars) => {
      const message = messages[key] ?? en[key];
      if (typeof message === "string") return fill(message, vars);
      const count = Number(vars?.count ?? 0);
      const form = plurals.select(count) as keyof typeof message;
      return fill(message[form] ?? message.other, vars);
    };
    return {
      language,
      setLanguage,
      t,
      number: (value) => numbers.format(typeof value === "number" ? value : (value as `${number}`)),
      dateTime: (iso, timeZone) => {
        const zone = timeZone ?? "UTC";
        let format = dates.get(zone);
        if (!format) {
          format = new Intl.DateTimeFormat(language, {
            year: "numeric",
            month: "short",
            day: "numeric",
            hour: "numeric",
            minute: "2-digit",
            timeZone: zone,
            timeZoneName: "short",
          });
          dates.set(zone, format);
        }
        return format.format(new Date(iso));
      },
      // One table of symbols for the room, the field app and the reports (core/uom.ts).
      uom: (code) => uomSymbol(code, language),
      quantity: (value, uomCode) => `${amount(value, uomCode)}\u00a0${uomSymbol(uomCode, language)}`,
      amount,
      maybe: (key, fallback) => (key in messages ? t(key as MessageKey) : fallback),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
