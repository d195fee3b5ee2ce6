// Reconciliation rules over an operation's aggregates: planned units, time in transit,
// stock balances and figures claimed in reports. `now` is an argument, never the clock.
import type { LocationKind } from "../catalogue.ts";
import { VIRTUAL_KINDS } from "../catalogue.ts";
import { cmp } from "../quantity.ts";
import type { UnitState } from "../unit-history.ts";
import { unitLabel } from "../units.ts";
import type { Describe, Finding } from "./finding.ts";

export const DEFAULT_STALE_DAYS = 10;
const DAY_MS = 86_400_000;

export function moreUnitsThanPlanned(consignment: { code: string; name: string; plannedUnits: number; units: readonly string[] }): Finding[] {
  const { units, plannedUnits } = consignment;
  if (units.length <= plannedUnits) return [];
  return [{
    kind: "more-units-than-planned",
    subject: `consignment:${consignment.code}`,
    anchor: "",
    evidence: [],
    explanation:
      `Consignment ${consignment.code} (${consignment.name}) was planned with ${plannedUnits} units but ${units.length} are registered to it ` +
      `(the last ones: ${units.slice(plannedUnits).slice(0, 5).join(", ")}); correct the plan or move the extra units to another consignment.`,
  }];
}

export interface UnitInTransit {
  number: string;
  kind?: string;
  state: Pick<UnitState, "status" | "departedAt" | "departedFrom">;
  /** Id of the departure that started the current leg. */
  departureId?: string;
}

/** A unit that departed more than `thresholdDays` before `now` and has not arrived or been unloaded since. */
export function staleInTransit(unit: UnitInTransit, now: Date, d: Describe, thresholdDays = DEFAULT_STALE_DAYS): Finding[] {
  const { status, departedAt } = unit.state;
  if (status !== "departed" || !departedAt) return [];
  const days = Math.floor((now.getTime() - Date.parse(departedAt)) / DAY_MS);
  if (days <= thresholdDays) return [];
  return [{
    kind: "stale-in-transit",
    subject: `unit:${unit.number}`,
    anchor: unit.departureId ?? departedAt,
    evidence: unit.departureId ? [unit.departureId] : [],
    explanation:
      `${unitLabel(unit.kind, unit.number)} departed ${d.place(unit.state.departedFrom)} on ${d.time(departedAt)} and has been in transit for ${days} days ` +
      `(more than ${thresholdDays}) with no arrival recorded; find where it is, and record its arrival or unloading.`,
  }];
}

export interface BalanceFact {
  location: string;
  kind: LocationKind;
  item: string;
  quantity: string;
  uom: string;
  /** Recent events that moved this item at this location. */
  evidence: string[];
}

/** Less than nothing at a real (non-virtual) location: some receipt or move was not recorded. */
export function negativeStock(balance: BalanceFact, d: Describe): Finding[] {
  if (VIRTUAL_KINDS.includes(balance.kind) || cmp(balance.quantity, "0") >= 0) return [];
  return [{
    kind: "negative-stock",
    subject: `stock:${balance.location}|${balance.item}`,
    anchor: "",
    evidence: balance.evidence,
    explanation:
      `${d.place(balance.location)} shows ${balance.quantity} ${balance.uom} of ${balance.item}: more left it than was recorded arriving; ` +
      "record the missing receipt or loading, or correct the move that took too much.",
  }];
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

export function claimDiffers(claim: Claim, ledger: LedgerFigure): Finding[] {
  if (claim.claimed === ledger.reached) return [];
  const of = claim.ofTotal ? ` of ${claim.ofTotal}` : "";
  const implied = ledger.implied > 0 ? `, and ${ledger.implied} more have a later step recorded (so they must have ${claim.metric} too)` : "";
  return [{
    kind: "claim-differs",
    subject: `claim:${claim.id}`,
    anchor: "",
    evidence: ledger.evidence,
    explanation:
      `${claim.source} (as of ${claim.asOf}) says ${claim.claimed}${of} units of consignment ${claim.consignment} ${claim.metric}; ` +
      `the ledger has ${ledger.recorded} recorded as ${claim.metric}${implied}: ${ledger.reached} of ${ledger.planned}. ` +
      "Record the missing steps, or correct the published figure.",
  }];
}
