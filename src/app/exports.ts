// Stock and distribution tables as CSV, with or without the HXL hashtag row.
import type { Db } from "../store/db.ts";
import { listItems, listLocations } from "../store/catalogue.sql.ts";
import { readChainHead } from "../store/ledger.sql.ts";
import { eventsOfType, nonZeroBalances } from "../store/reports.sql.ts";
import type { Table, TableContext } from "../core/reports/tables.ts";
import { distributionTable, stockTable } from "../core/reports/tables.ts";
import { tableCsv } from "../core/reports/csv.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export const TABLES = ["stock", "distributions"] as const;
export type TableName = (typeof TABLES)[number];

export async function exportTable(
  db: Db,
  principal: Principal,
  operationCode: string,
  table: TableName,
  now: Date,
): Promise<Table> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  // Read in one transaction so the figures and the "events 1–N" source line agree.
  return db.transaction(async (tx) => {
    const [locations, items, head] = [
      await listLocations(tx, operation.id),
      await listItems(tx, operation.id),
      await readChainHead(tx, operation.id),
    ];
    const ctx: TableContext = {
      operation: operation.code,
      locations: new Map(locations.map((l) => [l.code, l])),
      items: new Map(items.map((i) => [i.code, i])),
      lastSeq: head.seq,
      now,
    };
    return table === "stock"
      ? stockTable(await nonZeroBalances(tx, operation.id), ctx)
      : distributionTable(await eventsOfType(tx, operation.id, "GoodsDistributed"), ctx);
  });
}

export async function exportCsv(
  db: Db,
  principal: Principal,
  operationCode: string,
  table: TableName,
  options: { hxl: boolean; now: Date },
): Promise<string> {
  return tableCsv(await exportTable(db, principal, operationCode, table, options.now), { hxl: options.hxl });
}
