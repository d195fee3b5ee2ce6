// Reconciliation rules over an operation's aggregates: planned units, time in transit,
// stock balances and figures claimed in reports. `now` is an argument, never the clock.
import type { LocationKind } from "../catalogue.ts";
import { VIRTUAL_KINDS } from "../catalogue.ts";
import { cmp } from "../quantity.ts";
import type { UnitState } from "../unit-history.ts";
import type { Describe, Finding } from "./finding.ts";
import { finding } from "./explain.ts";

export const DEFAULT_STALE_DAYS = 10;
const DAY_MS = 86_400_000;

export function moreUnitsThanPlanned(
  consignment: { code: string; plannedUnits: number; units: readonly string[] },
  d: Describe,
): Finding[] {
  const { units, plannedUnits } = consignment;
  if (units.length <= plannedUnits) return [];
  return [
    finding(
      {
        kind: "more-units-than-planned",
        subject: `consignment:${consignment.code}`,
        anchor: "",
        evidence: [],
        facts: {
          kind: "more-units-than-planned",
          consignment: consignment.code,
          planned: plannedUnits,
          registered: units.length,
          extra: units.slice(plannedUnits).slice(0, 5),
        },
      },
      d,
    ),
  ];
}

export interface UnitInTransit {
  number: string;
  kind?: string;
  state: Pick<UnitState, "status" | "departedAt" | "departedFrom">;
  /** Id of the departure that started the current leg. */
  departureId?: string;
}

/** A unit that departed more than `thresholdDays` before `now` and has not arrived or been unloaded since. */
export function staleInTransit(
  unit: UnitInTransit,
  now: Date,
  d: Describe,
  thresholdDays = DEFAULT_STALE_DAYS,
): Finding[] {
  const { status, departedAt } = unit.state;
  if (status !== "departed" || !departedAt) return [];
  const days = Math.floor((now.getTime() - Date.parse(departedAt)) / DAY_MS);
  if (days <= thresholdDays) return [];
  const from = unit.state.departedFrom;
  return [
    finding(
      {
        kind: "stale-in-transit",
        subject: `unit:${unit.number}`,
        anchor: unit.departureId ?? departedAt,
        evidence: unit.departureId ? [unit.departureId] : [],
        facts: {
          kind: "stale-in-transit",
          unit: { number: unit.number, ...(unit.kind !== undefined && { kind: unit.kind }) },
          departed: { time: departedAt, ...(from !== undefined && { place: from }) },
          days,
          thresholdDays,
        },
      },
      d,
    ),
  ];
}

/** The first moment a place held less than nothing of an item, taking its moves in event-time order. */
export interface NegativePoint {
  location: string;
  kind: LocationKind;
  item: string;
  uom: string;
  /** When the running balance first went below zero (all moves at one instant count together). */
  time: string;
  /** The balance just after that instant. */
  balance: string;
  /** The events at that instant that took it below zero, and the latest ones before. */
  evidence: string[];
}

/** Less than nothing at a real (non-virtual) location at some moment: a receipt or a move was not recorded, or came too late. */
export function negativeStock(point: NegativePoint, d: Describe): Finding[] {
  if (VIRTUAL_KINDS.includes(point.kind) || cmp(point.balance, "0") >= 0) return [];
  return [
    finding(
      {
        kind: "negative-stock",
        subject: `stock:${point.location}|${point.item}`,
        anchor: "",
        evidence: point.evidence,
        facts: {
          kind: "negative-stock",
          place: point.location,
          item: point.item,
          uom: point.uom,
          balance: point.balance,
          time: point.time,
        },
      },
      d,
    ),
  ];
}

export interface Claim {
  id: string;
  consignment: string;
  metric: "loaded" | "departed" | "arrived" | "unloaded" | "received";
  claimed: number;
  ofTotal?: number | null;
  asOf: string;
  source: string;
}

export interface LedgerFigure {
  /** Units that reached this stage or a later one by the end of `asOf`. */
  reached: number;
  /** Units with this very step recorded by then. */
  recorded: number;
  /** Units with a later step recorded but this one missing. */
  implied: number;
  planned: number;
  evidence: string[];
}

export function claimDiffers(claim: Claim, ledger: LedgerFigure, d: Describe): Finding[] {
  if (claim.claimed === ledger.reached) return [];
  return [
    finding(
      {
        kind: "claim-differs",
        subject: `claim:${claim.id}`,
        anchor: "",
        evidence: ledger.evidence,
        facts: {
          kind: "claim-differs",
          source: claim.source,
          asOf: claim.asOf,
          consignment: claim.consignment,
          metric: claim.metric,
          claimed: claim.claimed,
          ofTotal: claim.ofTotal ?? null,
          recorded: ledger.recorded,
          implied: ledger.implied,
          reached: ledger.reached,
          planned: ledger.planned,
        },
      },
      d,
    ),
  ];
}
