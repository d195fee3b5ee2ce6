// Stock balances per (location, item), read from the projection.
import type { Db } from "../store/db.ts";
import { listBalances, type Balance, type BalanceFilter } from "../store/stock.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export type { Balance };

export async function stockBalances(db: Db, principal: Principal, operationCode: string, filter: BalanceFilter): Promise<Balance[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return listBalances(db, operation.id, filter);
}
