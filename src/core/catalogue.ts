// Locations and items of an operation, as the domain sees them.

export const LOCATION_KINDS = [
  "country",
  "region",
  "city",
  "neighbourhood",
  "origin-depot",
  "rail-station",
  "railhead",
  "hub-warehouse",
  "warehouse",
  "distribution-point",
  "transport-unit",
  "donor",
  "transit",
  "loss",
  "recipients",
  "custody",
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** Kinds that hold no physical place: the ledger's other side of every move. */
export const VIRTUAL_KINDS: readonly LocationKind[] = ["donor", "transit", "loss", "recipients"];
export const ITEM_KINDS = ["goods", "equipment"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Units of measure whose quantities are whole numbers (piece, pair, set, unit, number of articles). */
export const COUNTED_UOMS: ReadonlySet<string> = new Set(["H87", "PR", "SET", "C62", "NAR", "NPR"]);

export interface LocationRef {
  code: string;
  kind: LocationKind;
}

export interface ItemRef {
  code: string;
  uom: string;
  kind: ItemKind;
}

/** Whether an item is counted in whole pieces (equipment, or a piece-like unit). */
export const isWholeItem = (item: ItemRef): boolean => item.kind === "equipment" || COUNTED_UOMS.has(item.uom);

export const CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$";
