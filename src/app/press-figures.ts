// The figures behind a press statement, each with the query that produced it.
import type { Operation } from "../store/catalogue.sql.ts";
import * as store from "../store/press.sql.ts";
import type { ConsignmentDay, Figure } from "../core/reports/press/statement.ts";

const dayParams = (operation: Operation, date: string) => [operation.id, date, operation.timeZone];
const within = (operation: Operation, date: string) => `dated ${date} (midnight to midnight, ${operation.timeZone}) in operation ${operation.code}`;

export function dayFigures(operation: Operation, date: string, events: number): Figure[] {
  return [{
    id: "events", label: `Events recorded for ${date}`, value: String(events), unit: "events",
    query: { description: `events ${within(operation, date)}`, sql: store.EVENTS_ON_DAY_SQL, params: dayParams(operation, date) },
  }];
}

export function consignmentFigures(operation: Operation, date: string, c: ConsignmentDay): Figure[] {
  const unloadedQuery = (what: string) => ({ description: `${what} of consignment ${c.code} with a GoodsUnloaded event ${within(operation, date)}`, sql: store.UNLOADED_SQL, params: [...dayParams(operation, date), c.code] });
  const progressQuery = (what: string) => ({ description: `${what} of consignment ${c.code} by the end of ${date} (${operation.timeZone}), from the unit_states projection`, sql: store.PROGRESS_SQL, params: [...dayParams(operation, date), c.code] });
  const out: Figure[] = [];
  const total = c.unloaded.units.reduce((n, u) => n + u.count, 0);
  out.push({ id: `${c.code}/unloaded-units`, label: `Units of ${c.code} unloaded on ${date}`, value: String(total), unit: "units", query: unloadedQuery("distinct transport units") });
  for (const line of c.unloaded.cargo) {
    const carried = line.carriers.map((k) => `${k.units} ${k.kind}`).join(", ");
    out.push({
      id: `${c.code}/unloaded/${line.item.code}`, label: `${line.item.name} unloaded on ${date}${carried ? ` (on ${carried})` : ""}`,
      value: line.quantity, unit: line.item.uom, query: unloadedQuery(`sum of ${line.item.code} line quantities on the units`),
    });
  }
  if (c.onward) {
    for (const line of c.onward.cargo) {
      out.push({
        id: `${c.code}/delivered/${line.item.code}`, label: `${line.item.name} delivered to ${c.onward.destination.code} on ${date}`, value: line.quantity, unit: line.item.uom,
        query: { description: `sum of stock moves of ${line.item.code} into ${c.onward.destination.code} ${within(operation, date)}`, sql: store.DELIVERED_SQL, params: [...dayParams(operation, date), c.onward.destination.code, c.onward.cargo.map((l) => l.item.code)] },
      });
    }
  }
  out.push({ id: `${c.code}/planned-units`, label: `Units planned for ${c.code}`, value: String(c.plannedUnits), unit: "units", query: { description: `consignments.planned_units of ${c.code}`, sql: store.PLANNED_UNITS_SQL, params: [operation.id, c.code] } });
  out.push({ id: `${c.code}/arrived`, label: `Units of ${c.code} with a recorded arrival by the end of ${date}`, value: String(c.progress.arrived), unit: "units", query: progressQuery("units with an arrival recorded") });
  out.push({ id: `${c.code}/unloaded-by-end-of-day`, label: `Units of ${c.code} unloaded by the end of ${date}`, value: String(c.progress.unloaded), unit: "units", query: progressQuery("units with an unloading recorded") });
  const missing = c.progress.unloadedWithoutArrival;
  out.push({
    id: `${c.code}/unloaded-without-arrival`, label: `Units of ${c.code} unloaded by the end of ${date} with no recorded arrival`, value: String(missing), unit: "units",
    query: progressQuery("units unloaded with no arrival recorded"),
    ...(missing > 0 && { note: `${missing} unloaded ${missing === 1 ? "unit has" : "units have"} no recorded arrival — see discrepancies (kind unloaded-before-arrived); the statement reports both figures as the ledger has them.` }),
  });
  return out;
}
