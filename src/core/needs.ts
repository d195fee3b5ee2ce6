// Needs from assessments: per neighbourhood and item, a requested quantity with its
// priority and the households and people affected (counts only, never who they are).
import type { ItemRef, LocationRef } from "./catalogue.ts";
import { isWholeItem } from "./catalogue.ts";
import type { FieldError } from "./decide.ts";
import { parseQuantity } from "./quantity.ts";

export interface NeedInput {
  neighbourhood: string;
  item: string;
  quantity: string | number;
  priority?: number;
  households?: number;
  people?: number;
  /** Who assessed it, e.g. "JG-STP rapid assessment". */
  source: string;
  /** Date of the assessment, YYYY-MM-DD. */
  assessedOn: string;
}

export interface Need {
  neighbourhood: string;
  item: string;
  quantity: string;
  priority: number;
  households: number | null;
  people: number | null;
  source: string;
  assessedOn: string;
}

export interface NeedContext {
  locations: ReadonlyMap<string, LocationRef>;
  items: ReadonlyMap<string, ItemRef>;
  today: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function decideNeeds(
  inputs: readonly NeedInput[],
  ctx: NeedContext,
): { ok: true; needs: Need[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const needs: Need[] = [];
  const seen = new Set<string>();
  inputs.forEach((n, i) => {
    const at = `/needs/${i}`;
    const fail = (field: string, message: string) => errors.push({ field: `${at}/${field}`, message });
    const place = ctx.locations.get(n.neighbourhood);
    if (!place) fail("neighbourhood", `unknown location ${n.neighbourhood}`);
    else if (place.kind !== "neighbourhood")
      fail("neighbourhood", `location ${n.neighbourhood} is a ${place.kind}, not a neighbourhood`);
    const item = ctx.items.get(n.item);
    if (!item) fail("item", `unknown item ${n.item}`);
    const q = parseQuantity(n.quantity);
    if (!q.ok) fail("quantity", `quantity ${q.reason}`);
    else if (item && isWholeItem(item) && q.value.includes("."))
      fail("quantity", `${item.code} is counted in whole pieces; got ${q.value}`);
    const priority = n.priority ?? 1;
    if (typeof priority !== "number" || !Number.isFinite(priority) || priority <= 0 || priority > 1000)
      fail("priority", `priority must be a number above 0 and at most 1000 (got ${JSON.stringify(n.priority)})`);
    for (const key of ["households", "people"] as const) {
      const v = n[key];
      if (v !== undefined && (!Number.isSafeInteger(v) || v < 0))
        fail(key, `${key} must be a whole number ≥ 0 (got ${JSON.stringify(v)})`);
    }
    if (n.households !== undefined && n.people !== undefined && n.people < n.households)
      fail("people", `${n.people} people cannot make up ${n.households} households`);
    if (typeof n.source !== "string" || n.source.trim() === "")
      fail("source", 'say who assessed the need, e.g. "JG-STP rapid assessment"');
    if (!DATE.test(n.assessedOn ?? "") || Number.isNaN(Date.parse(n.assessedOn)))
      fail("assessedOn", `assessment date must be YYYY-MM-DD (got ${JSON.stringify(n.assessedOn)})`);
    else if (n.assessedOn > ctx.today) fail("assessedOn", `assessment date ${n.assessedOn} is in the future`);
    const key = `${n.neighbourhood}|${n.item}`;
    if (seen.has(key))
      fail("item", `${n.neighbourhood} already has a need for ${n.item} in this request; merge them into one`);
    seen.add(key);
    if (q.ok && item && place) {
      needs.push({
        neighbourhood: n.neighbourhood,
        item: item.code,
        quantity: q.value,
        priority,
        households: n.households ?? null,
        people: n.people ?? null,
        source: n.source.trim(),
        assessedOn: n.assessedOn,
      });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, needs };
}
