// Discrepancies, the history of their status, and figures claimed in reports.
import type { DiscrepancyStatus } from "../core/reconcile/finding.ts";
import type { FindingFacts } from "../core/reconcile/facts.ts";
import type { Claim } from "../core/reconcile/operation-rules.ts";
import type { Queryable, Tx } from "./db.ts";
import { prepared } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";

export interface StoredDiscrepancy {
  id: string;
  key: string;
  kind: string;
  subject: string;
  status: DiscrepancyStatus;
  explanation: string;
  /** What it is about as data (null in rows found before migration 009): explanations in other languages are rendered from it. */
  facts: FindingFacts | null;
  evidence: string[];
  firstFoundAt: string;
  lastFoundAt: string;
}

export interface HistoryEntry {
  at: string;
  status: DiscrepancyStatus;
  note: string;
  by: string | null;
}

export const DISCREPANCY_COLUMNS = `id, key, kind, subject, status, explanation, facts, evidence, first_found_at as "firstFoundAt", last_found_at as "lastFoundAt"`;
const columns = DISCREPANCY_COLUMNS;
export const iso = (d: StoredDiscrepancy): StoredDiscrepancy => ({
  ...d,
  firstFoundAt: new Date(d.firstFoundAt).toISOString(),
  lastFoundAt: new Date(d.lastFoundAt).toISOString(),
});

/** Stored discrepancies of these kinds, about these subjects (all subjects when `subjects` is undefined). */
export async function findInScope(
  tx: Queryable,
  operationId: string,
  kinds: readonly string[],
  subjects?: readonly string[],
): Promise<StoredDiscrepancy[]> {
  const rows = await tx.query<StoredDiscrepancy>(
    `select ${columns} from discrepancies where operation_id = $1 and kind = any($2::text[]) and ($3::text[] is null or subject = any($3::text[]))`,
    [operationId, kinds, subjects ?? null],
  );
  return rows.map(iso);
}

/** Stored discrepancies with these keys (kind|subject|anchor). */
export async function findByKeys(
  tx: Queryable,
  operationId: string,
  keys: readonly string[],
): Promise<StoredDiscrepancy[]> {
  if (keys.length === 0) return [];
  const rows = await tx.query<StoredDiscrepancy>(
    prepared(`select ${columns} from discrepancies where operation_id = $1 and key = any($2::text[])`),
    [operationId, keys],
  );
  return rows.map(iso);
}

export async function listDiscrepancies(
  db: Queryable,
  operationId: string,
  filter: { status?: string; kind?: string; subject?: string } = {},
): Promise<StoredDiscrepancy[]> {
  const rows = await db.query<StoredDiscrepancy>(
    `select ${columns} from discrepancies where operation_id = $1 and ($2::text is null or status = $2) and ($3::text is null or kind = $3)
       and ($4::text is null or subject = $4)
     order by first_found_at, kind, subject, key`,
    [operationId, filter.status ?? null, filter.kind ?? null, filter.subject ?? null],
  );
  return rows.map(iso);
}

export async function findDiscrepancy(
  db: Queryable,
  operationId: string,
  id: string,
): Promise<StoredDiscrepancy | undefined> {
  const [row] = await db.query<StoredDiscrepancy>(
    `select ${columns} from discrepancies where operation_id = $1 and id = $2`,
    [operationId, id],
  );
  return row && iso(row);
}

export async function historyOf(
  db: Queryable,
  operationId: string,
  ids: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.query<HistoryEntry & { id: string; at: Date }>(
    `select h.discrepancy_id as id, h.at, h.status, h.note, u.email as by from discrepancy_history h left join users u on u.id = h.changed_by
     where h.operation_id = $1 and h.discrepancy_id = any($2::uuid[]) order by h.discrepancy_id, h.n`,
    [operationId, ids],
  );
  for (const { id, ...h } of rows) out.get(id)?.push({ ...h, at: new Date(h.at).toISOString() });
  return out;
}

export interface DiscrepancyWrite {
  id: string;
  key: string;
  kind: string;
  subject: string;
  status: DiscrepancyStatus;
  explanation: string;
  facts: FindingFacts | null;
  evidence: string[];
  /** History note for this write; no history row when undefined. */
  note?: string;
}

/**
 * Inserts new discrepancies or updates existing ones (by id), with one history row each where a note is given:
 * one statement (the history's foreign key is checked at its end, once the discrepancies are written).
 */
export async function writeDiscrepancies(
  tx: Queryable & Partial<Pick<Tx, "atCommit">>,
  operationId: string,
  writes: readonly DiscrepancyWrite[],
  now: Date,
  by: string | null,
  options: { lastWrite?: boolean } = {},
): Promise<void> {
  if (writes.length === 0) return;
  const notes = writes.filter((w) => w.note !== undefined);
  // The transaction's last write (`options.lastWrite`) goes with the COMMIT where the engine can send it so.
  const run = async (text: string, params: [string, string, Date, ...(string | null)[]]) => {
    const [id, json, at, ...rest] = params;
    if (options.lastWrite && tx.atCommit) return tx.atCommit(text, [id, json, at.toISOString(), ...rest]);
    await tx.query(text, params);
  };
  const upsert = `insert into discrepancies (operation_id, id, key, kind, subject, status, explanation, facts, evidence, first_found_at, last_found_at)
     select head.operation_id, id, key, kind, subject, status, explanation, facts, evidence, $3::timestamptz, $3::timestamptz
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($2::jsonb) as r(id uuid, key text, kind text, subject text, status text, explanation text, facts jsonb, evidence jsonb)
     where head.operation_id = $1
     on conflict (operation_id, id) do update set status = excluded.status, explanation = excluded.explanation, facts = excluded.facts, evidence = excluded.evidence,
       last_found_at = case when excluded.status = 'superseded' then discrepancies.last_found_at else excluded.last_found_at end`;
  if (notes.length === 0) return run(prepared(upsert), [operationId, JSON.stringify(writes), now]);
  await run(
    prepared(`with written as (${upsert}),
     noted as (insert into discrepancy_history (operation_id, discrepancy_id, n, at, status, note, changed_by)
     select head.operation_id, r.id, coalesce((select max(n) from discrepancy_history h where h.operation_id = $1 and h.discrepancy_id = r.id), 0) + 1,
       $3::timestamptz, r.status, r.note, $5::uuid
     ${FROM_ITS_HEAD} cross join jsonb_to_recordset($4::jsonb) as r(id uuid, status text, note text)
     where head.operation_id = $1)
     select 1`),
    [operationId, JSON.stringify(writes), now, JSON.stringify(notes), by],
  );
}

export async function insertClaim(
  tx: Queryable,
  operationId: string,
  claim: Claim,
  by: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into claims (operation_id, id, consignment_code, metric, claimed, of_total, as_of, source, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      operationId,
      claim.id,
      claim.consignment,
      claim.metric,
      claim.claimed,
      claim.ofTotal ?? null,
      claim.asOf,
      claim.source,
      by,
      now,
    ],
  );
}

export async function listClaims(db: Queryable, operationId: string): Promise<Claim[]> {
  return db.query<Claim>(
    `select id, consignment_code as consignment, metric, claimed, of_total as "ofTotal", to_char(as_of, 'YYYY-MM-DD') as "asOf", source
     from claims where operation_id = $1 order by as_of, recorded_at`,
    [operationId],
  );
}
