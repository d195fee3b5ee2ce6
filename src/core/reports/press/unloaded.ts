// A day's unloading of one consignment, grouped from per-unit, per-item rows: units by
// category, parts, places, teams, and cargo per item with the units that carried it.
import { add } from "../../quantity.ts";
import type { CargoLine, ConsignmentDay, Named, UnitCategory } from "./statement.ts";
import { UNIT_CATEGORY_OF_KIND } from "./vocabulary.ts";

export interface UnloadedRow {
  part: number;
  unit: string;
  kind: string;
  location: string;
  team: string | null;
  item: string;
  quantity: string;
}

export const categoryOf = (kind: string): UnitCategory => UNIT_CATEGORY_OF_KIND[kind] ?? "unit";

export interface Catalogue {
  items: ReadonlyMap<string, CargoLine["item"]>;
  locations: ReadonlyMap<string, Named>;
  teams: ReadonlyMap<string, Named>;
}

const named = (map: ReadonlyMap<string, Named>, code: string): Named =>
  map.get(code) ?? { code, name: code, names: {} };

export function groupUnloaded(rows: readonly UnloadedRow[], catalogue: Catalogue): ConsignmentDay["unloaded"] {
  const unitsByCategory = new Map<UnitCategory, Set<string>>();
  const quantities = new Map<string, string>();
  const carriers = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    const cat = categoryOf(r.kind);
    unitsByCategory.set(cat, (unitsByCategory.get(cat) ?? new Set()).add(r.unit));
    quantities.set(r.item, add(quantities.get(r.item) ?? "0", r.quantity));
    const byKind = carriers.get(r.item) ?? new Map<string, Set<string>>();
    byKind.set(r.kind, (byKind.get(r.kind) ?? new Set()).add(r.unit));
    carriers.set(r.item, byKind);
  }
  const distinct = <T>(values: T[]) => [...new Set(values)].sort();
  return {
    units: [...unitsByCategory]
      .map(([category, units]) => ({ category, count: units.size }))
      .sort((a, b) => b.count - a.count),
    parts: distinct(rows.map((r) => r.part)).sort((a, b) => a - b),
    locations: distinct(rows.map((r) => r.location)).map((c) => named(catalogue.locations, c)),
    teams: distinct(rows.flatMap((r) => (r.team ? [r.team] : []))).map((c) => named(catalogue.teams, c)),
    cargo: [...quantities].map(([code, quantity]) => {
      const item = catalogue.items.get(code) ?? {
        code,
        name: code,
        names: {},
        uom: "H87",
        symbol: null,
        kind: "goods" as const,
      };
      const by =
        item.kind === "equipment"
          ? [...(carriers.get(code) ?? new Map<string, Set<string>>())].map(([kind, units]) => ({
              kind,
              units: units.size,
            }))
          : [];
      return { item, quantity, carriers: by };
    }),
  };
}
