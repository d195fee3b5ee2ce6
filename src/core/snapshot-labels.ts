// The labels of a snapshot's figures, in either language, from the figure's id and the
// snapshot itself: the publish guard stores them in the publication's language, and the
// public page says them again in its reader's, so a Russian page never lists "Progress of
// 54 rail cars" beside a Russian explanation. Pure.
import { nameIn, type PublicationLanguage, type SnapshotContent } from "./publication.ts";

export const SNAPSHOT_LABELS = {
  en: {
    progress: (name: string) => `Progress of ${name}: units at each step`,
    cargo: (name: string) => `Cargo of ${name}: planned, unloaded, received per unit`,
    stock: (item: string, place: string) => `${item} in stock at ${place}`,
    neighbourhood: (name: string) => `Needs and distributions in ${name}`,
  },
  ru: {
    progress: (name: string) => `Ход доставки груза «${name}»: единиц на каждом этапе`,
    cargo: (name: string) => `Груз «${name}»: запланировано, выгружено, принято по единицам`,
    stock: (item: string, place: string) => `${item}: запас в пункте «${place}»`,
    neighbourhood: (name: string) => `Потребности и раздача: ${name}`,
  },
} as const satisfies Record<PublicationLanguage, unknown>;

/**
 * The label of the snapshot figure `id` (`<consignment>/progress`, `<consignment>/cargo`,
 * `stock/<place>/<item>`, `neighbourhood/<code>`) in `lang`; undefined for an id the
 * snapshot does not hold.
 */
export function snapshotFigureLabel(
  id: string,
  content: SnapshotContent,
  lang: PublicationLanguage,
): string | undefined {
  const L = SNAPSHOT_LABELS[lang];
  const [head = "", ...rest] = id.split("/");
  if (head === "stock" && rest.length === 2) {
    const b = content.stock.find((s) => s.location.code === rest[0] && s.item.code === rest[1]);
    return b && L.stock(nameIn(b.item, lang), nameIn(b.location, lang));
  }
  if (head === "neighbourhood" && rest.length === 1) {
    const n = content.neighbourhoods.find((h) => h.neighbourhood.code === rest[0]);
    return n && L.neighbourhood(nameIn(n.neighbourhood, lang));
  }
  const c = content.consignments.find((x) => x.code === head);
  if (!c || rest.length !== 1) return undefined;
  if (rest[0] === "progress") return L.progress(nameIn(c, lang));
  if (rest[0] === "cargo") return L.cargo(nameIn(c, lang));
  return undefined;
}
