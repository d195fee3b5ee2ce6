// Needs, allocation plans and their lines; the hub stock and the coverage report.
import type { Need } from "../core/needs.ts";
import type { Queryable } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";

export async function upsertNeeds(
  tx: Queryable,
  operationId: string,
  needs: readonly Need[],
  recordedAt: Date,
  recordedBy: string,
): Promise<void> {
  if (needs.length === 0) return;
  await tx.query(
    `insert into needs (operation_id, neighbourhood_code, item_code, quantity, priority, households, people, source, assessed_on, recorded_at, recorded_by)
     select head.operation_id, neighbourhood, item, quantity, priority, households, people, source, "assessedOn", $3, $4
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(neighbourhood text, item text, quantity numeric, priority numeric, households integer, people integer, source text, "assessedOn" date)
     where head.operation_id = $1
     on conflict (operation_id, neighbourhood_code, item_code) do update set quantity = excluded.quantity, priority = excluded.priority,
       households = excluded.households, people = excluded.people, source = excluded.source, assessed_on = excluded.assessed_on,
       recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
    [operationId, JSON.stringify(needs), recordedAt, recordedBy],
  );
}

export async function listNeeds(db: Queryable, operationId: string): Promise<Need[]> {
  const rows = await db.query<Need & { priority: string }>(
    `select neighbourhood_code as neighbourhood, item_code as item, trim_scale(quantity)::text as quantity, trim_scale(priority)::text as priority,
       households, people, source, to_char(assessed_on, 'YYYY-MM-DD') as "assessedOn"
     from needs where operation_id = $1 order by neighbourhood_code, item_code`,
    [operationId],
  );
  return rows.map((r) => ({ ...r, priority: Number(r.priority) }));
}

export interface PlanLine {
  neighbourhood: string;
  item: string;
  quantity: string;
  needed: string;
  coverage: number;
}

export interface StoredPlan {
  id: string;
  status: "draft" | "approved";
  hub: string;
  transport: unknown;
  minCoverage: number;
  fairShare: number;
  totalCoverage: number;
  binding: unknown[];
  shadow: unknown[];
  explanation: string[];
  createdAt: string;
  approvedAt: string | null;
  lines: PlanLine[];
}

export async function insertPlan(
  tx: Queryable,
  operationId: string,
  plan: Omit<StoredPlan, "approvedAt" | "createdAt" | "status">,
  createdAt: Date,
  createdBy: string,
): Promise<void> {
  await tx.query(
    `insert into allocation_plans (operation_id, id, status, hub_code, transport, min_coverage, fair_share, total_coverage, binding, shadow, explanation, created_at, created_by)
     values ($1, $2, 'draft', $3, $4::jsonb, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12)`,
    [
      operationId,
      plan.id,
      plan.hub,
      JSON.stringify(plan.transport ?? null),
      plan.minCoverage,
      plan.fairShare,
      plan.totalCoverage,
      JSON.stringify(plan.binding),
      JSON.stringify(plan.shadow),
      JSON.stringify(plan.explanation),
      createdAt,
      createdBy,
    ],
  );
  await tx.query(
    `insert into allocation_plan_lines (operation_id, plan_id, line, neighbourhood_code, item_code, quantity, needed, coverage)
     select head.operation_id, $2, r.line, r.neighbourhood, r.item, r.quantity, r.needed, r.coverage
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($3::jsonb) as r(line integer, neighbourhood text, item text, quantity numeric, needed numeric, coverage double precision)
     where head.operation_id = $1`,
    [operationId, plan.id, JSON.stringify(plan.lines.map((l, line) => ({ ...l, line })))],
  );
}

const planColumns = `id, status, hub_code as hub, transport, min_coverage as "minCoverage", fair_share as "fairShare", total_coverage as "totalCoverage",
  binding, shadow, explanation, created_at as "createdAt", approved_at as "approvedAt"`;
type PlanRow = Omit<StoredPlan, "lines" | "createdAt" | "approvedAt"> & { createdAt: Date; approvedAt: Date | null };

async function withLines(db: Queryable, operationId: string, rows: PlanRow[]): Promise<StoredPlan[]> {
  const out: StoredPlan[] = [];
  for (const r of rows) {
    const lines = await db.query<PlanLine>(
      `select neighbourhood_code as neighbourhood, item_code as item, trim_scale(quantity)::text as quantity, trim_scale(needed)::text as needed, coverage
       from allocation_plan_lines where operation_id = $1 and plan_id = $2 order by line`,
      [operationId, r.id],
    );
    out.push({
      ...r,
      createdAt: r.createdAt.toISOString(),
      approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
      lines,
    });
  }
  return out;
}

export async function findPlan(db: Queryable, operationId: string, id: string): Promise<StoredPlan | undefined> {
  const rows = await db.query<PlanRow>(
    `select ${planColumns} from allocation_plans where operation_id = $1 and id = $2`,
    [operationId, id],
  );
  return (await withLines(db, operationId, rows))[0];
}

export async function listPlans(db: Queryable, operationId: string): Promise<StoredPlan[]> {
  const rows = await db.query<PlanRow>(
    `select ${planColumns} from allocation_plans where operation_id = $1 order by created_at desc, id desc`,
    [operationId],
  );
  return withLines(db, operationId, rows);
}

/** Stamps the approval time once (the dispatch events' time); later calls keep the first. */
export async function stampApproval(
  tx: Queryable,
  operationId: string,
  id: string,
  at: Date,
  by: string,
): Promise<Date> {
  const [row] = await tx.query<{ approvedAt: Date }>(
    `update allocation_plans set approved_at = coalesce(approved_at, $3), approved_by = coalesce(approved_by, $4)
     where operation_id = $1 and id = $2 returning approved_at as "approvedAt"`,
    [operationId, id, at, by],
  );
  return row!.approvedAt;
}

export async function markApproved(tx: Queryable, operationId: string, id: string): Promise<void> {
  await tx.query("update allocation_plans set status = 'approved' where operation_id = $1 and id = $2", [
    operationId,
    id,
  ]);
}

export async function stockAt(db: Queryable, operationId: string, location: string): Promise<Map<string, string>> {
  const rows = await db.query<{ item: string; quantity: string }>(
    "select item_code as item, trim_scale(quantity)::text as quantity from stock_balances where operation_id = $1 and location_code = $2 and quantity > 0",
    [operationId, location],
  );
  return new Map(rows.map((r) => [r.item, r.quantity]));
}

export interface NeedCoverage {
  neighbourhood: string;
  item: string;
  needed: string;
  allocated: string;
  dispatched: string;
  distributed: string;
}

/**
 * Per need: needed, allocated by approved plans, dispatched into the neighbourhood, and distributed to its recipients.
 * (Each subquery names the operation itself: Citus routes a statement to one shard only when every table in it is.)
 */
export async function needCoverage(db: Queryable, operationId: string): Promise<NeedCoverage[]> {
  return db.query<NeedCoverage>(
    `select n.neighbourhood_code as neighbourhood, n.item_code as item, trim_scale(n.quantity)::text as needed,
       trim_scale(coalesce((select sum(l.quantity) from allocation_plan_lines l join allocation_plans p on p.operation_id = l.operation_id and p.id = l.plan_id
         where l.operation_id = $1 and p.status = 'approved' and l.neighbourhood_code = n.neighbourhood_code and l.item_code = n.item_code), 0))::text as allocated,
       trim_scale(coalesce((select sum(m.quantity) from stock_moves m where m.operation_id = $1 and m.item_code = n.item_code
         and m.to_code = n.neighbourhood_code), 0))::text as dispatched,
       trim_scale(coalesce((select sum(m.quantity) from stock_moves m where m.operation_id = $1 and m.item_code = n.item_code
         and m.to_code = 'recipients:' || n.neighbourhood_code), 0))::text as distributed
     from needs n where n.operation_id = $1 order by n.neighbourhood_code, n.item_code`,
    [operationId],
  );
}
