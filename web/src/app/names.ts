// Names in the reader's language: the catalogue's name in that language when it has one
// (names.ru.name), otherwise the working name. Every page that shows a place, an item,
// the operation or a consignment goes through here, so the Russian UI reads in Russian.
import { useLocations, useItems } from "../api/catalogue.ts";
import type { Names } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";

export interface NamedEntry {
  code?: string;
  name: string;
  names?: Names | undefined;
}

/** The entry's name in a language, else its working name. */
export const nameIn = (entry: NamedEntry, language: string): string => entry.names?.[language]?.name ?? entry.name;

/** A description in a language, else the working one (operations). */
export const descriptionIn = (entry: NamedEntry & { description?: string }, language: string): string =>
  entry.names?.[language]?.description ?? entry.description ?? "";

/** The part of a long name before a comma or bracket: "Yerevan freight station (railhead)" → "Yerevan freight station". */
export const short = (name: string): string => name.split(/[,(]/)[0]!.trim();

/** Names of the operation's places and items in the UI's language. */
export function useNames(op: string, enabled = true) {
  const { language } = useI18n();
  const locations = useLocations(op, enabled);
  const items = useItems(op, enabled);
  const of = (rows: NamedEntry[] | undefined, code: string) => {
    const found = rows?.find((r) => r.code === code);
    return found ? nameIn(found, language) : code;
  };
  return {
    ready: locations.isSuccess && items.isSuccess,
    place: (code: string | undefined) => (code === undefined ? "" : of(locations.data, code)),
    item: (code: string) => of(items.data, code),
    name: (entry: NamedEntry) => nameIn(entry, language),
  };
}
