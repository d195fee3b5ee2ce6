// Reads for exports and reports.
import type { EventType, LedgerEvent } from "../core/events.ts";
import type { Queryable } from "./db.ts";

/** Every stored event of one type, in ledger order. */
export async function eventsOfType(db: Queryable, operationId: string, type: EventType): Promise<LedgerEvent[]> {
  const rows = await db.query<{ body: LedgerEvent }>(
    "select body from events where operation_id = $1 and type = $2 order by seq",
    [operationId, type],
  );
  return rows.map((r) => r.body);
}

/** Non-zero balances as exact decimal text, by location and item. */
export async function nonZeroBalances(
  db: Queryable,
  operationId: string,
): Promise<{ location: string; item: string; quantity: string }[]> {
  return db.query(
    `select location_code as location, item_code as item, trim_scale(quantity)::text as quantity
     from stock_balances where operation_id = $1 and quantity <> 0 order by location_code, item_code`,
    [operationId],
  );
}
