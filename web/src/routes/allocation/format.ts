// Shares as localised percentages ("34.4 %" / "34,4 %"), from the solver's 0..1 fractions.
import type { Language } from "../../i18n/i18n.tsx";

const formats = new Map<string, Intl.NumberFormat>();

export function percent(language: Language, share: number, digits = 1): string {
  const key = `${language}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: "percent",
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    formats.set(key, format);
  }
  return format.format(share);
}

/** Field errors from problem+json, keyed by JSON pointer, for quick lookup in forms. */
export function errorsAt(errors: { field: string; message: string }[] | undefined, pointer: string): string[] {
  return (errors ?? []).filter((e) => e.field === pointer).map((e) => e.message);
}
