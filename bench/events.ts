// Synthetic ledger traffic for the ingestion benchmark: a fleet of transport units
// shuttling lumber from the depot to the hub (GoodsLoaded → UnitDeparted → UnitArrived →
// GoodsUnloaded: a whole trip, so a valid import raises no discrepancy), each event with a
// fresh UUIDv7, in the operation `seedOperation` creates plus the
// fleet's units. With 500 units, 50,000 events leave each unit about 100 events of
// history (an append replays the history of the units it touches; see the report).
import { v7 as uuidv7 } from "uuid";
import type { EventInput, LedgerEvent, RecordedEvent } from "../src/core/events.ts";
import { unitLocation } from "../src/core/events.ts";
import { GENESIS_HASH } from "../src/core/chain.ts";
import { chain, movesOfRecords } from "../src/app/record-events.ts";

/** The fleet: 500 transport units (unit:90000000 …), registered by `fleetLocations`. */
export const UNITS = Array.from({ length: 500 }, (_, i) => String(90_000_000 + i));

export const fleetLocations = () =>
  UNITS.map((n) => ({
    code: unitLocation(n),
    name: `Bench unit ${n}`,
    kind: "transport-unit" as const,
    parent: "transit",
  }));
const START = Date.parse("2021-01-01T00:00:00Z");
/** Events per trip. */
const TRIP = 4;

/** `count` events as a client would post them, continuing a cycle from `offset`, over `units` (default: the whole fleet). */
export function benchEvents(count: number, offset = 0, units: readonly string[] = UNITS): EventInput[] {
  const events: EventInput[] = [];
  for (let k = offset; k < offset + count; k++) {
    const trip = Math.floor(k / TRIP);
    const unit = units[trip % units.length]!;
    const eventTime = new Date(START + k * 1000).toISOString().replace("Z", "+00:00");
    const quantity = String(1 + (trip % 50));
    const id = uuidv7();
    switch (k % TRIP) {
      case 0:
        events.push({
          id,
          type: "GoodsLoaded",
          eventTime,
          unit,
          location: "DEPOT",
          lines: [{ item: "LUMBER", quantity }],
        });
        break;
      case 1:
        events.push({ id, type: "UnitDeparted", eventTime, unit, location: "DEPOT" });
        break;
      case 2:
        events.push({ id, type: "UnitArrived", eventTime, unit, location: "HUB" });
        break;
      default:
        events.push({
          id,
          type: "GoodsUnloaded",
          eventTime,
          unit,
          location: "HUB",
          lines: [{ item: "LUMBER", quantity }],
        });
    }
  }
  return events;
}

/** The stored form of a posted event, as `decideEvent` would resolve it (defaults filled in). */
export function ledgerEventOf(e: EventInput): LedgerEvent {
  const unit = unitLocation(e.unit!);
  const lines = e.lines?.map((l) => ({ item: l.item, quantity: String(l.quantity), uom: "MTQ" }));
  switch (e.type) {
    case "GoodsLoaded":
      return {
        id: e.id,
        type: e.type,
        eventTime: e.eventTime,
        location: e.location!,
        unit: e.unit!,
        from: e.location!,
        to: unit,
        lines: lines!,
      };
    case "GoodsUnloaded":
      return {
        id: e.id,
        type: e.type,
        eventTime: e.eventTime,
        location: e.location!,
        unit: e.unit!,
        from: unit,
        to: e.location!,
        lines: lines!,
      };
    default:
      return { id: e.id, type: e.type, eventTime: e.eventTime, location: e.location!, unit: e.unit! };
  }
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

// The columns COPY fills, as the append writes them.
export { EVENT_COLUMNS, MOVE_COLUMNS } from "../src/store/ledger.sql.ts";

/** CSV rows for `events` (EVENT_COLUMNS): chained records as an append stores them. */
export function eventsCsvOf(records: readonly RecordedEvent[]): string {
  const rows = records.map((r) =>
    [
      r.operationId,
      String(r.seq),
      r.event.id,
      r.event.type,
      r.event.eventTime,
      r.recordedAt,
      r.recordedBy,
      JSON.stringify(r.event),
      r.prevHash,
      r.hash,
    ]
      .map(csvField)
      .join(","),
  );
  return `${rows.join("\n")}\n`;
}

/** CSV rows for `stock_moves` (MOVE_COLUMNS): the moves of chained records, as an append writes them. */
export function movesCsvOf(operationId: string, records: readonly RecordedEvent[]): string {
  const rows = movesOfRecords(records).map((m) =>
    [operationId, String(m.seq), String(m.line), m.item, m.quantity, m.from, m.to, m.eventTime].map(csvField).join(","),
  );
  return `${rows.join("\n")}\n`;
}

/**
 * CSV rows for the `events` table (and their moves for `stock_moves`) equivalent to what the API stores for `count` such
 * events: same body shape, real chained hashes, sequence numbers after `afterSeq`.
 */
export function eventsCsv(
  operationId: string,
  userId: string,
  count: number,
  head = { seq: 0, hash: GENESIS_HASH },
): { csv: string; movesCsv: string; head: { seq: number; hash: string } } {
  const records = chain(operationId, userId, head, benchEvents(count).map(ledgerEventOf), new Date());
  const movesCsv = movesCsvOf(operationId, records);
  const csv = eventsCsvOf(records);
  const last = records.at(-1)!;
  return { csv, movesCsv, head: { seq: last.seq, hash: last.hash } };
}
