// The Today screen's lead figures: per consignment, the units that had arrived and been
// unloaded by the end of the day, counted by the rule the press statement uses
// (core/stage-figure.ts: a unit reached a step when it or a later one is recorded, so an
// unloading means the car arrived; recorded beside it, and the gap inferred). The phone
// counts over the unit states it holds (the unit_states projection, as of its last
// refresh) with its own events that the ledger it read does not have yet applied on top,
// through the same fold the server projects with (core/unit-history.ts `applyOne`). Pure.
import type { LedgerEvent } from "../events.ts";
import { countStage, type StageCount, type StageTimes } from "../stage-figure.ts";
import { PLANNED, applyOne, inTimeOrder, type UnitState, type UnitStatus } from "../unit-history.ts";
import type { LocalisedNames } from "../names.ts";
import type { WsConsignment, WsUnit } from "../working-set.ts";
import type { OutboxEntry } from "./outbox.ts";

export interface ConsignmentDayFigures {
  code: string;
  name: string;
  names: LocalisedNames;
  planned: number;
  /** Units that had arrived by the end of the day: reached, recorded, implied (inferred from their unloading). */
  arrived: StageCount;
  /** Units unloaded (or received) by the end of the day. */
  unloaded: StageCount;
  /** Units whose figures include events still on this phone, not yet in the ledger it last read. */
  pendingUnits: number;
}

/** Whether the ledger the phone last read (its cursor's sequence number) lacks this entry's event. */
export function notYetRead(entry: OutboxEntry, cursorSeq: number): boolean {
  if (entry.state === "waiting" || entry.state === "sent") return true;
  return entry.state === "stored" && entry.seq !== undefined && entry.seq > cursorSeq;
}

const orNone = (t: string | null): string | undefined => t ?? undefined;

/** A held unit as the state the server's fold left it in (what the working set carries of it). */
function stateOf(u: WsUnit): UnitState {
  return {
    ...PLANNED,
    status: u.status as UnitStatus,
    trip: u.trip,
    events: u.trip > 0 ? 1 : 0,
    ...(u.loadedAt && { loadedAt: u.loadedAt }),
    ...(u.departedAt && { departedAt: u.departedAt }),
    ...(u.arrivedAt && { arrivedAt: u.arrivedAt }),
    ...(u.arrivedLocation && { arrivedLocation: u.arrivedLocation }),
    ...(u.unloadedAt && { unloadedAt: u.unloadedAt }),
    ...(u.receivedAt && { receivedAt: u.receivedAt }),
    ...(u.lastLocation && { lastLocation: u.lastLocation }),
  };
}

const timesOf = (s: UnitState | WsUnit): StageTimes => ({
  loadedAt: orNone(s.loadedAt ?? null),
  departedAt: orNone(s.departedAt ?? null),
  arrivedAt: orNone(s.arrivedAt ?? null),
  unloadedAt: orNone(s.unloadedAt ?? null),
  receivedAt: orNone(s.receivedAt ?? null),
});

/** Each unit's step times, with the phone's unread events applied (their lines do not bear on the steps). */
export function unitTimes(
  units: readonly WsUnit[],
  entries: readonly OutboxEntry[],
  cursorSeq: number,
): Map<string, { times: StageTimes; pending: boolean }> {
  const pending = new Map<string, LedgerEvent[]>();
  for (const entry of entries) {
    const { unit } = entry.event;
    if (unit === undefined || !notYetRead(entry, cursorSeq)) continue;
    const { lines: _lines, origin: _origin, operation: _operation, ...fact } = entry.event;
    pending.set(unit, [...(pending.get(unit) ?? []), fact as LedgerEvent]);
  }
  const out = new Map<string, { times: StageTimes; pending: boolean }>();
  for (const u of units) {
    const own = pending.get(u.number);
    out.set(
      u.number,
      own
        ? { times: timesOf(inTimeOrder(own).reduce(applyOne, stateOf(u))), pending: true }
        : { times: timesOf(u), pending: false },
    );
  }
  return out;
}

/**
 * The lead figures of each consignment by the end of a day. `before(instant)` says whether
 * an instant falls before the day's end in the operation's time zone.
 */
export function dayLeadFigures(
  consignments: readonly WsConsignment[],
  units: readonly WsUnit[],
  entries: readonly OutboxEntry[],
  cursorSeq: number,
  before: (instant: string) => boolean,
): ConsignmentDayFigures[] {
  const times = unitTimes(units, entries, cursorSeq);
  return [...consignments]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c) => {
      const own = units.filter((u) => u.consignment === c.code).map((u) => times.get(u.number)!);
      const t = own.map((x) => x.times);
      return {
        code: c.code,
        name: c.name,
        names: c.names,
        planned: c.plannedUnits,
        arrived: countStage(t, "arrived", before),
        unloaded: countStage(t, "unloaded", before),
        pendingUnits: own.filter((x) => x.pending).length,
      };
    });
}
