// Coverage per neighbourhood and item: needed, allocated (approved plans), dispatched to the
// neighbourhood, distributed to its recipients, and the gap still open; with totals per item.
import { cmp, sub, sum } from "../core/quantity.ts";
import type { Queryable } from "../store/db.ts";
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

export async function coverage(db: Queryable, principal: Principal, operationCode: string): Promise<{ rows: CoverageRow[]; totals: Omit<CoverageRow, "neighbourhood">[] }> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const raw = await db.query<Omit<CoverageRow, "gap">>(
    `select n.neighbourhood_code as neighbourhood, n.item_code as item, trim_scale(n.quantity)::text as needed,
       trim_scale(coalesce((select sum(l.quantity) from allocation_plan_lines l join allocation_plans p on p.operation_id = l.operation_id and p.id = l.plan_id
         where l.operation_id = n.operation_id and p.status = 'approved' and l.neighbourhood_code = n.neighbourhood_code and l.item_code = n.item_code), 0))::text as allocated,
       trim_scale(coalesce((select sum(m.quantity) from stock_moves m where m.operation_id = n.operation_id and m.item_code = n.item_code
         and m.to_code = n.neighbourhood_code), 0))::text as dispatched,
       trim_scale(coalesce((select sum(m.quantity) from stock_moves m where m.operation_id = n.operation_id and m.item_code = n.item_code
         and m.to_code = 'recipients:' || n.neighbourhood_code), 0))::text as distributed
     from needs n where n.operation_id = $1 order by n.neighbourhood_code, n.item_code`,
    [operation.id],
  );
  const rows = raw.map((r) => ({ ...r, gap: cmp(r.distributed, r.needed) >= 0 ? "0" : sub(r.needed, r.distributed) }));
  const items = [...new Set(rows.map((r) => r.item))].sort();
  const totals = items.map((item) => {
    const of = rows.filter((r) => r.item === item);
    const total = (k: keyof Omit<CoverageRow, "neighbourhood" | "item">) => sum(of.map((r) => r[k]));
    return { item, needed: total("needed"), allocated: total("allocated"), dispatched: total("dispatched"), distributed: total("distributed"), gap: total("gap") };
  });
  return { rows, totals };
}
