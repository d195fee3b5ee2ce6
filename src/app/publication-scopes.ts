// What each published figure is about, for the publish guard (core/publish-guard.ts):
// the units, consignments, items and places it counts, and the end of its period.
import type { FigureScope } from "../core/publish-guard.ts";
import type { Figure } from "../core/reports/press/statement.ts";
import { nameIn, type SnapshotContent } from "../core/publication.ts";
import type { PublicationLanguage } from "../core/publication.ts";
import { SNAPSHOT_LABELS } from "../core/snapshot-labels.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { Queryable } from "../store/db.ts";
import { unloadedOnDay } from "../store/press.sql.ts";
import { endOfDay } from "../store/publish-guard.sql.ts";
import { countUnitsByConsignment } from "../store/units.sql.ts";

const CONSIGNMENT_WIDE = new Set(["arrived", "arrived-recorded", "arrived-inferred", "unloaded-by-end-of-day"]);

/**
 * A statement's figures: those about the day's unloading count the units unloaded that
 * day, their cargo and places; those about the consignment's progress count all its
 * units; deliveries count an item at the destination. All end when the day ends.
 * Counts of events and the plan of record depend on no discrepancy kind.
 */
export async function statementScopes(
  tx: Queryable,
  operation: Operation,
  date: string,
  figures: readonly Figure[],
): Promise<FigureScope[]> {
  const until = await endOfDay(tx, date, operation.timeZone);
  const scopes: FigureScope[] = [];
  const unitsOf = new Map<string, string[]>();
  const unloadedOf = new Map<string, Awaited<ReturnType<typeof unloadedOnDay>>>();
  for (const f of figures) {
    const [consignment, what, item] = f.id.split("/");
    if (!consignment || !what || consignment === "plan") continue;
    const base = { id: f.id, label: f.label, until };
    if (what === "planned-units") {
      scopes.push({ ...base, consignments: [consignment], kinds: ["more-units-than-planned"] });
    } else if (CONSIGNMENT_WIDE.has(what)) {
      if (!unitsOf.has(consignment))
        unitsOf.set(consignment, await countUnitsByConsignment(tx, operation.id, consignment));
      scopes.push({ ...base, consignments: [consignment], units: unitsOf.get(consignment)! });
    } else if (what === "unloaded-units" || what === "unloaded") {
      if (!unloadedOf.has(consignment))
        unloadedOf.set(consignment, await unloadedOnDay(tx, operation.id, date, operation.timeZone, consignment));
      const rows = unloadedOf.get(consignment)!.filter((r) => item === undefined || r.item === item);
      scopes.push({
        ...base,
        units: [...new Set(rows.map((r) => r.unit))],
        items: [...new Set(rows.map((r) => r.item))],
        places: [...new Set(rows.map((r) => r.location))],
      });
    } else if (what === "delivered" && item) {
      const destination = f.query.params[3];
      scopes.push({ ...base, items: [item], places: typeof destination === "string" ? [destination] : [] });
    }
  }
  return scopes;
}

/** A snapshot's figures stand now: its progress and cargo per consignment, stock per place and item, each neighbourhood. */
export async function snapshotScopes(
  tx: Queryable,
  operationId: string,
  content: SnapshotContent,
  lang: PublicationLanguage,
): Promise<FigureScope[]> {
  const L = SNAPSHOT_LABELS[lang];
  const scopes: FigureScope[] = [];
  for (const c of content.consignments) {
    const units = await countUnitsByConsignment(tx, operationId, c.code);
    const name = nameIn(c, lang);
    scopes.push({ id: `${c.code}/progress`, label: L.progress(name), until: null, consignments: [c.code], units });
    scopes.push({
      id: `${c.code}/cargo`,
      label: L.cargo(name),
      until: null,
      consignments: [c.code],
      units,
      items: c.cargo.map((l) => l.item.code),
    });
  }
  for (const b of content.stock) {
    scopes.push({
      id: `stock/${b.location.code}/${b.item.code}`,
      label: L.stock(nameIn(b.item, lang), nameIn(b.location, lang)),
      until: null,
      items: [b.item.code],
      places: [b.location.code],
    });
  }
  for (const n of content.neighbourhoods) {
    const code = n.neighbourhood.code;
    scopes.push({
      id: `neighbourhood/${code}`,
      label: L.neighbourhood(nameIn(n.neighbourhood, lang)),
      until: null,
      items: n.items.map((i) => i.item.code),
      places: [code, `recipients:${code}`],
    });
  }
  return scopes;
}
