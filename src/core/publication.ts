// What the public view shows: a snapshot of an operation's figures computed from the
// ledger at one head (seq, hash), or a press statement. Pure: the figures arrive as
// plain data read in one transaction; nothing here reads a clock or a database.
import type { ChainHead } from "./chain.ts";
import type { LocalisedNames } from "./names.ts";
import { add, sum } from "./quantity.ts";

export const PUBLICATION_KINDS = ["snapshot", "statement"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const PUBLICATION_LANGUAGES = ["en", "ru"] as const;
export type PublicationLanguage = (typeof PUBLICATION_LANGUAGES)[number];

/** Location kinds that hold stock physically and are shown in a snapshot ("at the hubs"). */
export const STORE_KINDS: ReadonlySet<string> = new Set(["hub-warehouse", "warehouse", "distribution-point"]);

export interface Stages {
  loaded: number;
  departed: number;
  arrived: number;
  unloaded: number;
  received: number;
}

// ---- Input: plain data, as read from the store ----

export interface SnapshotInput {
  operation: { code: string; name: string; timeZone: string; names?: LocalisedNames | undefined };
  head: ChainHead;
  computedAt: string;
  locations: readonly { code: string; name: string; kind: string; names?: LocalisedNames | undefined }[];
  items: readonly { code: string; name: string; uom: string; names?: LocalisedNames | undefined }[];
  consignments: readonly {
    code: string;
    name: string;
    names?: LocalisedNames | undefined;
    origin: string;
    destination: string;
    mode: string;
    plannedUnits: number;
    registered: number;
    recorded: Stages;
    reached: Stages;
    cargo: readonly { item: string; planned: string; unloaded: string; received: string }[];
  }[];
  balances: readonly { location: string; item: string; quantity: string }[];
  coverage: readonly {
    neighbourhood: string;
    item: string;
    needed: string;
    dispatched: string;
    distributed: string;
    gap: string;
  }[];
  /** GoodsDistributed events reduced to their counts: never a note, never a person. */
  distributions: readonly {
    neighbourhood: string;
    households?: number;
    people?: number;
    lines: readonly { item: string; quantity: string }[];
  }[];
}

// ---- Output: the content stored and shown ----

export interface Named {
  code: string;
  name: string;
  /** The name in other languages ({"ru": "Пиломатериалы"}), so the public view reads in its reader's language. */
  names?: Record<string, string>;
}

/** A name in a language, else the working name. */
export const nameIn = (n: Named, lang: string): string => n.names?.[lang] ?? n.name;

/** Just the `name` of each language's forms. */
export const plainNames = (names: LocalisedNames | undefined): Record<string, string> | undefined => {
  const out = Object.fromEntries(Object.entries(names ?? {}).map(([lang, forms]) => [lang, forms.name]));
  return Object.keys(out).length > 0 ? out : undefined;
};

export interface SnapshotContent {
  kind: "snapshot";
  operation: Named;
  ledger: ChainHead;
  computedAt: string;
  consignments: {
    code: string;
    name: string;
    names?: Record<string, string>;
    origin: Named;
    destination: Named;
    mode: string;
    plannedUnits: number;
    /** Units with each step recorded in the ledger ("9 of 54 arrived"). */
    units: Stages;
    /** Units at that step or a later one (a recorded unloading implies an arrival). */
    reached: Stages;
    cargo: { item: Named; uom: string; planned: string; unloaded: string; received: string }[];
  }[];
  stock: { location: Named; item: Named; uom: string; quantity: string }[];
  neighbourhoods: {
    neighbourhood: Named;
    households: number;
    people: number;
    items: { item: Named; uom: string; needed: string; dispatched: string; distributed: string; gap: string }[];
  }[];
}

export interface StatementContent {
  kind: "statement";
  operation: Named;
  ledger: ChainHead;
  date: string;
  text: string;
  /** Every figure of the text with the query that produced it, as the press builder gives them. */
  figures: unknown[];
}

export type PublicationContent = SnapshotContent | StatementContent;

const byCode = <T extends { code: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.code, r]));

export function buildSnapshot(input: SnapshotInput): SnapshotContent {
  const locations = byCode(input.locations);
  const items = byCode(input.items);
  const named = (code: string, entry: { name: string; names?: LocalisedNames | undefined } | undefined): Named => {
    const names = plainNames(entry?.names);
    return { code, name: entry?.name ?? code, ...(names && { names }) };
  };
  const place = (code: string): Named => named(code, locations.get(code));
  const item = (code: string): Named => named(code, items.get(code));
  const uom = (code: string) => items.get(code)?.uom ?? "";

  const consignments = input.consignments.map((c) => ({
    ...named(c.code, c),
    origin: place(c.origin),
    destination: place(c.destination),
    mode: c.mode,
    plannedUnits: c.plannedUnits,
    units: { ...c.recorded },
    reached: { ...c.reached },
    cargo: mergeCargo(c.cargo).map((l) => ({
      item: item(l.item),
      uom: uom(l.item),
      planned: l.planned,
      unloaded: l.unloaded,
      received: l.received,
    })),
  }));

  const stock = input.balances
    .filter((b) => STORE_KINDS.has(locations.get(b.location)?.kind ?? "") && b.quantity !== "0")
    .map((b) => ({ location: place(b.location), item: item(b.item), uom: uom(b.item), quantity: b.quantity }))
    .sort((a, b) => compare(a.location.code, b.location.code) || compare(a.item.code, b.item.code));

  const reached = new Map<string, { households: number; people: number }>();
  for (const d of input.distributions) {
    const r = reached.get(d.neighbourhood) ?? { households: 0, people: 0 };
    r.households += d.households ?? 0;
    r.people += d.people ?? 0;
    reached.set(d.neighbourhood, r);
  }
  const distributedOnly = distributedWithoutNeed(input);
  const hoods = [
    ...new Set([...input.coverage.map((c) => c.neighbourhood), ...reached.keys(), ...distributedOnly.keys()]),
  ].sort(compare);
  const neighbourhoods = hoods.map((code) => {
    const rows = input.coverage
      .filter((c) => c.neighbourhood === code)
      .map((c) => ({
        item: item(c.item),
        uom: uom(c.item),
        needed: c.needed,
        dispatched: c.dispatched,
        distributed: c.distributed,
        gap: c.gap,
      }));
    for (const [itemCode, quantity] of distributedOnly.get(code) ?? []) {
      rows.push({
        item: item(itemCode),
        uom: uom(itemCode),
        needed: "0",
        dispatched: "0",
        distributed: quantity,
        gap: "0",
      });
    }
    rows.sort((a, b) => compare(a.item.code, b.item.code));
    return { neighbourhood: place(code), ...(reached.get(code) ?? { households: 0, people: 0 }), items: rows };
  });

  return {
    kind: "snapshot",
    operation: named(input.operation.code, input.operation),
    ledger: { seq: input.head.seq, hash: input.head.hash },
    computedAt: input.computedAt,
    consignments,
    stock,
    neighbourhoods,
  };
}

/** Cargo lines of one consignment summed over its parts, per item. */
function mergeCargo(lines: SnapshotInput["consignments"][number]["cargo"]) {
  const out = new Map<string, { item: string; planned: string; unloaded: string; received: string }>();
  for (const l of lines) {
    const m = out.get(l.item);
    out.set(
      l.item,
      m
        ? {
            item: l.item,
            planned: add(m.planned, l.planned),
            unloaded: add(m.unloaded, l.unloaded),
            received: add(m.received, l.received),
          }
        : { ...l },
    );
  }
  return [...out.values()].sort((a, b) => compare(a.item, b.item));
}

/** Quantities handed out in a neighbourhood for an item nobody assessed a need for: still shown. */
function distributedWithoutNeed(input: SnapshotInput): Map<string, Map<string, string>> {
  const assessed = new Set(input.coverage.map((c) => `${c.neighbourhood}\u0000${c.item}`));
  const out = new Map<string, Map<string, string>>();
  for (const d of input.distributions) {
    for (const l of d.lines) {
      if (assessed.has(`${d.neighbourhood}\u0000${l.item}`)) continue;
      const m = out.get(d.neighbourhood) ?? new Map<string, string>();
      m.set(l.item, sum([m.get(l.item) ?? "0", l.quantity]));
      out.set(d.neighbourhood, m);
    }
  }
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The default title of a snapshot, in its language. */
export function snapshotTitle(operationName: string, date: string, language: PublicationLanguage): string {
  return language === "ru" ? `${operationName}: сводка на ${date}` : `${operationName}: figures as of ${date}`;
}

/** The command that checks a published head against a ledger export. */
export function verifyCommand(operationCode: string, head: ChainHead): string {
  return `reliefline verify --export ${operationCode}.ledger.jsonl --hash ${head.hash} --seq ${head.seq}`;
}
