// Progress as sentences and tables a person reads: "9 of 54 arrived", "Part 2: 17
// unloaded on 19 December 2020: 300 m³ of lumber and a flatcar with a truck-mounted crane".
import type { ConsignmentProgress, LeadFigure, PartProgress } from "../app/progress.ts";
import { UNIT_KIND_NAMES, type UnitKind } from "../core/units.ts";
import { table } from "./table.ts";
import { uomSymbol } from "../core/uom.ts";

const day = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function cargoPhrase(items: PartProgress["items"], field: "unloaded" | "planned" = "unloaded"): string {
  const parts = items
    .filter((i) => i[field] !== "0")
    .map((i) => {
      const name = i.itemName.toLowerCase();
      if (i.itemKind === "equipment") {
        const carrier = UNIT_KIND_NAMES[i.carriedBy[0] as UnitKind] ?? i.carriedBy[0] ?? "unit";
        return i[field] === "1" ? `a ${carrier} with a ${name}` : `${i[field]} × ${name}`;
      }
      return i.uom === "H87" ? `${i[field]} ${name}` : `${i[field]} ${uomSymbol(i.uom, "en")} of ${name}`;
    });
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export function partSentence(part: PartProgress, timeZone: string): string | undefined {
  if (part.recorded.unloaded === 0 || !part.firstUnloadedAt || !part.lastUnloadedAt) return undefined;
  const first = day(part.firstUnloadedAt, timeZone);
  const last = day(part.lastUnloadedAt, timeZone);
  const when = first === last ? `on ${first}` : `between ${first} and ${last}`;
  const missing = part.reached.arrived - part.recorded.arrived;
  const note =
    missing > 0 ? ` (${plural(missing, "arrival", "arrivals")} not recorded, inferred from the unloading)` : "";
  return `Part ${part.part}: ${part.recorded.unloaded} unloaded ${when}: ${cargoPhrase(part.items)}${note}`;
}

/** "26 of 54 arrived (9 arrivals recorded; 17 inferred from their unloading)". */
export function leadSentence(lead: LeadFigure): string {
  const head = `${lead.reached} of ${lead.planned} arrived`;
  return lead.inferred > 0
    ? `${head} (${plural(lead.recorded, "arrival", "arrivals")} recorded; ${lead.inferred} inferred from their unloading)`
    : head;
}

export function progressReport(operation: string, timeZone: string, c: ConsignmentProgress): string {
  const lines: string[] = [];
  lines.push(
    `${operation} · consignment ${c.code} "${c.name}" (${c.origin} → ${c.destination}, ${c.mode}, ${c.plannedUnits} units planned, ${c.registered} registered)`,
  );
  lines.push(`  ${leadSentence(c.lead)}; ${c.reached.unloaded} of ${c.plannedUnits} unloaded`);
  lines.push("");
  lines.push(
    "  Units at each step or a later one (a recorded unloading means the unit arrived); arrivals recorded beside them.",
  );
  lines.push(
    table(
      [
        "part",
        "planned",
        "registered",
        "loaded",
        "departed",
        "arrived",
        "arrivals recorded",
        "unloaded",
        "received",
        "max days in transit",
        "planned departure",
      ],
      c.parts.map((p) => [
        p.part,
        p.plannedUnits,
        p.registered,
        p.reached.loaded,
        p.reached.departed,
        p.reached.arrived,
        p.recorded.arrived,
        p.reached.unloaded,
        p.reached.received,
        p.maxDaysInTransit,
        p.plannedDeparture,
      ]),
    ).replace(/^/gm, "  "),
  );
  lines.push("");
  lines.push(
    table(
      ["part", "item", "planned", "unloaded", "received", "uom"],
      c.parts.flatMap((p) =>
        p.items.map((i) => [p.part, i.item, i.planned, i.unloaded, i.received, uomSymbol(i.uom, "en")]),
      ),
    ).replace(/^/gm, "  "),
  );
  lines.push("");
  for (const p of c.parts) {
    const s = partSentence(p, timeZone);
    if (s) lines.push(`  ${s}`);
  }
  if (c.legs.length > 0) {
    lines.push("");
    lines.push(
      table(
        ["leg", "mode", "from", "to", "units", "departed", "arrived", "arrivals recorded", "unloaded"],
        c.legs.map((l) => [l.seq, l.mode, l.from, l.to, l.units, l.departed, l.arrived, l.arrivedRecorded, l.unloaded]),
      ).replace(/^/gm, "  "),
    );
  }
  return lines.join("\n");
}
