// Coverage per neighbourhood and item: needed, allocated (approved plans), dispatched to the
// neighbourhood, distributed to its recipients, and the gap still open; with totals per item.
import { cmp, sub, sum } from "../core/quantity.ts";
import type { Queryable } from "../store/db.ts";
import { needCoverage } from "../store/allocation.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface CoverageRow {
  neighbourhood: string;
  item: string;
  needed: string;
  allocated: string;
  dispatched: string;
  distributed: string;
  gap: string;
}

export async function coverage(
  db: Queryable,
  principal: Principal,
  operationCode: string,
): Promise<{ rows: CoverageRow[]; totals: Omit<CoverageRow, "neighbourhood">[] }> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const raw = await needCoverage(db, operation.id);
  const rows = raw.map((r) => ({ ...r, gap: cmp(r.distributed, r.needed) >= 0 ? "0" : sub(r.needed, r.distributed) }));
  const items = [...new Set(rows.map((r) => r.item))].sort();
  const totals = items.map((item) => {
    const of = rows.filter((r) => r.item === item);
    const total = (k: keyof Omit<CoverageRow, "neighbourhood" | "item">) => sum(of.map((r) => r[k]));
    return {
      item,
      needed: total("needed"),
      allocated: total("allocated"),
      dispatched: total("dispatched"),
      distributed: total("distributed"),
      gap: total("gap"),
    };
  });
  return { rows, totals };
}
