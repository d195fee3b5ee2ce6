// Names in the phone's language when the catalogue has them (core/names.ts forms).
import type { LocalisedNames } from "../../../../src/core/names.ts";

export const nameIn = (language: string, entity: { name: string; names?: LocalisedNames }): string =>
  entity.names?.[language]?.name ?? entity.name;

/** A decimal as typed ("18", "0,5") in the ledger's spelling, or undefined. */
export function parseDecimal(text: string): string | undefined {
  const t = text.trim().replace(",", ".");
  return /^\d{1,15}(\.\d{1,6})?$/.test(t) ? t.replace(/^0+(?=\d)/, "") : undefined;
}

export function parseCount(text: string): number | undefined {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
