// Reads of the stock projections (stock_balances) for pages, reports and reconciliation.
import type { LocationKind } from "../core/catalogue.ts";
import type { Queryable } from "./db.ts";

export interface Balance {
  location: string;
  item: string;
  quantity: string;
  uom: string;
}

export interface BalanceFilter {
  location?: string;
  item?: string;
  includeZero?: boolean;
}

export async function listBalances(db: Queryable, operationId: string, filter: BalanceFilter): Promise<Balance[]> {
  return db.query<Balance>(
    `select b.location_code as location, b.item_code as item, trim_scale(b.quantity)::text as quantity, i.uom
     from stock_balances b join items i on i.operation_id = b.operation_id and i.code = b.item_code
     where b.operation_id = $1 and ($2::text is null or b.location_code = $2) and ($3::text is null or b.item_code = $3)
       and ($4 or b.quantity <> 0)
     order by b.location_code, b.item_code`,
    [operationId, filter.location ?? null, filter.item ?? null, filter.includeZero ?? false],
  );
}

export interface Asset {
  item: string;
  name: string;
  quantity: string;
  location: string;
  custodian: string | null;
}

/** Equipment with a positive balance at a real place (a warehouse, a unit, an organisation's custody). */
export async function listEquipment(db: Queryable, operationId: string): Promise<Asset[]> {
  return db.query<Asset>(
    `select b.item_code as item, i.name, trim_scale(b.quantity)::text as quantity, b.location_code as location, o.code as custodian
     from stock_balances b
     join items i on i.operation_id = b.operation_id and i.code = b.item_code
     join locations l on l.operation_id = b.operation_id and l.code = b.location_code
     left join organisations o on o.id = l.organisation_id and l.kind = 'custody'
     where b.operation_id = $1 and i.kind = 'equipment' and b.quantity > 0 and l.kind not in ('donor', 'loss')
     order by b.item_code, b.location_code`,
    [operationId],
  );
}

export interface NegativeBalance {
  location: string;
  kind: LocationKind;
  item: string;
  quantity: string;
  uom: string;
  /** Ids of the latest events that moved the item at the place (at most 10). */
  evidence: string[];
}

export async function negativeBalances(db: Queryable, operationId: string): Promise<NegativeBalance[]> {
  return db.query<NegativeBalance>(
    `select b.location_code as location, l.kind, b.item_code as item, trim_scale(b.quantity)::text as quantity, i.uom,
       array(select e.id::text from stock_moves m join events e on e.operation_id = m.operation_id and e.seq = m.seq
             where m.operation_id = b.operation_id and m.item_code = b.item_code and (m.from_code = b.location_code or m.to_code = b.location_code)
             order by m.seq desc limit 10) as evidence
     from stock_balances b join locations l on l.operation_id = b.operation_id and l.code = b.location_code
     join items i on i.operation_id = b.operation_id and i.code = b.item_code
     where b.operation_id = $1 and b.quantity < 0`,
    [operationId],
  );
}
