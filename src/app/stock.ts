// Stock balances per (location, item), read from the projection.
import type { Db } from "../store/db.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import type { Answer } from "./cached-read.ts";
import { cachedAnswer } from "./cached-read.ts";

export interface Balance {
  location: string;
  item: string;
  quantity: string;
  uom: string;
}

export interface StockFilter {
  location?: string;
  item?: string;
  includeZero?: boolean;
}

export async function stockBalances(db: Db, principal: Principal, operationCode: string, filter: StockFilter): Promise<Balance[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return balancesOf(db, operation.id, filter);
}

/** The stock answer as sent over HTTP, kept until the data changes (./cached-read.ts). */
export async function stockAnswer(db: Db, principal: Principal, operationCode: string, filter: StockFilter, now: Date): Promise<Answer> {
  return cachedAnswer(db, principal, operationCode, "stock", filter, now, async (operation) => ({ value: await balancesOf(db, operation.id, filter) }));
}

async function balancesOf(db: Db, operationId: string, filter: StockFilter): Promise<Balance[]> {
  return db.query<Balance>(
    `select b.location_code as location, b.item_code as item, trim_scale(b.quantity)::text as quantity, i.uom
     from stock_balances b join items i on i.operation_id = b.operation_id and i.code = b.item_code
     where b.operation_id = $1 and ($2::text is null or b.location_code = $2) and ($3::text is null or b.item_code = $3)
       and ($4 or b.quantity <> 0)
     order by b.location_code, b.item_code`,
    [operationId, filter.location ?? null, filter.item ?? null, filter.includeZero ?? false],
  );
}
