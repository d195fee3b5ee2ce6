// Stock balances per (location, item), read from the projection.
import type { Db } from "../store/db.ts";
import { listBalances, type Balance, type BalanceFilter } from "../store/stock.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import type { Answer } from "./cached-read.ts";
import { cachedAnswer } from "./cached-read.ts";

export type { Balance };

export type StockFilter = BalanceFilter;

export async function stockBalances(
  db: Db,
  principal: Principal,
  operationCode: string,
  filter: BalanceFilter,
): Promise<Balance[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return listBalances(db, operation.id, filter);
}

/** The stock answer as sent over HTTP, kept until the data changes (./cached-read.ts). */
export async function stockAnswer(
  db: Db,
  principal: Principal,
  operationCode: string,
  filter: BalanceFilter,
  now: Date,
): Promise<Answer> {
  return cachedAnswer(db, principal, operationCode, "stock", filter, now, async (operation) => ({
    value: await listBalances(db, operation.id, filter),
  }));
}
