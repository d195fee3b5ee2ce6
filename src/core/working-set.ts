// The field app's working set: what a phone keeps so it can work with no connection.
// The server answers "what changed since this cursor"; the phone merges the answer into
// what it holds. Shared by the server (app/working-set.ts) and the app (web/field). Pure.
import type { LocalisedNames } from "./names.ts";
import type { Role } from "./roles.ts";

export interface WsItem {
  code: string;
  name: string;
  uom: string;
  kind: string;
  names: LocalisedNames;
}

export interface WsLocation {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  names: LocalisedNames;
}

export interface WsTeam {
  code: string;
  name: string;
  names: LocalisedNames;
}

/** A consignment, for the day's figures: how many units it plans. */
export interface WsConsignment {
  code: string;
  name: string;
  names: LocalisedNames;
  plannedUnits: number;
}

export interface WsUnit {
  number: string;
  scheme: string;
  kind: string;
  consignment: string | null;
  part: number | null;
  manifest: { item: string; quantity: string }[];
  status: string;
  trip: number;
  lastLocation: string | null;
  /** When each step of the current trip was first recorded (core/stage-figure.ts counts them). */
  loadedAt: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  arrivedLocation: string | null;
  unloadedAt: string | null;
  receivedAt: string | null;
  /** Quantities per item in the current trip. */
  loaded: Record<string, string>;
  unloaded: Record<string, string>;
  received: Record<string, string>;
}

export interface WsPlanLine {
  plan: string;
  neighbourhood: string;
  item: string;
  quantity: string;
}

export interface WsOperation {
  code: string;
  name: string;
  /** The operation's name in other languages (`{ru: {name}}`). A phone's copy kept before it was sent has none: nameIn falls back to `name`. */
  names: LocalisedNames;
  timeZone: string;
  role: Role;
}

/** Upserts and removals of one kind of entity. */
export interface Changes<T> {
  upsert: T[];
  remove: string[];
}

export interface WorkingSetDelta {
  /** Pass back as `since` next time. */
  cursor: string;
  /** A full answer replaces everything held; otherwise only the changes are given. */
  full: boolean;
  serverTime: string;
  operation: WsOperation;
  items: Changes<WsItem>;
  locations: Changes<WsLocation>;
  teams: Changes<WsTeam>;
  consignments: Changes<WsConsignment>;
  units: Changes<WsUnit>;
  /** Present when any plan changed: the lines of every approved plan, whole. */
  planLines?: WsPlanLine[];
}

export interface WorkingSet {
  cursor: string;
  operation: WsOperation;
  items: Record<string, WsItem>;
  locations: Record<string, WsLocation>;
  teams: Record<string, WsTeam>;
  consignments: Record<string, WsConsignment>;
  units: Record<string, WsUnit>;
  planLines: WsPlanLine[];
}

/** A cursor: the ledger sequence number seen and the transaction horizon of catalogue changes. */
export interface Cursor {
  seq: number;
  xid: number;
}

export const formatCursor = (c: Cursor): string => `${c.seq}.${c.xid}`;

export function parseCursor(text: string): Cursor | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return match ? { seq: Number(match[1]), xid: Number(match[2]) } : undefined;
}

const byKey = <T>(list: readonly T[], key: (t: T) => string): Record<string, T> =>
  Object.fromEntries(list.map((t) => [key(t), t]));

function apply<T>(held: Record<string, T>, changes: Changes<T>, key: (t: T) => string): Record<string, T> {
  const next = { ...held };
  for (const k of changes.remove) delete next[k];
  for (const t of changes.upsert) next[key(t)] = t;
  return next;
}

/** What a phone holds after an answer: a full answer replaces, a delta updates. */
export function mergeWorkingSet(held: WorkingSet | undefined, delta: WorkingSetDelta): WorkingSet {
  const code = (t: { code: string }) => t.code;
  const number = (u: WsUnit) => u.number;
  if (delta.full || !held) {
    return {
      cursor: delta.cursor,
      operation: delta.operation,
      items: byKey(delta.items.upsert, code),
      locations: byKey(delta.locations.upsert, code),
      teams: byKey(delta.teams.upsert, code),
      consignments: byKey(delta.consignments.upsert, code),
      units: byKey(delta.units.upsert, number),
      planLines: delta.planLines ?? [],
    };
  }
  return {
    cursor: delta.cursor,
    operation: delta.operation,
    items: apply(held.items, delta.items, code),
    locations: apply(held.locations, delta.locations, code),
    teams: apply(held.teams, delta.teams, code),
    // A phone that held a working set from before consignments were sent has none yet.
    consignments: apply(held.consignments ?? {}, delta.consignments, code),
    units: apply(held.units, delta.units, number),
    planLines: delta.planLines ?? held.planLines,
  };
}

/** Whether an answer changed nothing (the cheap, common case). */
export const isEmptyDelta = (d: WorkingSetDelta): boolean =>
  !d.full &&
  d.planLines === undefined &&
  [d.items, d.locations, d.teams, d.consignments, d.units].every((c) => c.upsert.length === 0 && c.remove.length === 0);
