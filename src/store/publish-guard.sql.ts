// Reads for the publish guard: the open discrepancies with the events that show them, and
// the end of a day in the operation's time zone. Read inside the publishing transaction.
import type { LedgerEvent } from "../core/events.ts";
import type { FindingFacts } from "../core/reconcile/facts.ts";
import type { Queryable } from "./db.ts";

export interface OpenDiscrepancyRow {
  id: string;
  kind: string;
  subject: string;
  explanation: string;
  facts: FindingFacts | null;
  /** The consignment a claim is about (claim-differs). */
  claimConsignment: string | null;
  evidence: { id: string; time: string; body: LedgerEvent }[];
}

/** Each subquery names the operation itself, so on Citus the whole read is one task on the operation's worker. */
export async function openDiscrepanciesWithEvidence(tx: Queryable, operationId: string): Promise<OpenDiscrepancyRow[]> {
  return tx.query<OpenDiscrepancyRow>(
    `select d.id::text, d.kind, d.subject, d.explanation, d.facts,
       (select c.consignment_code from claims c where c.operation_id = $1 and d.subject = 'claim:' || c.id::text) as "claimConsignment",
       coalesce((select jsonb_agg(jsonb_build_object('id', e.id::text, 'time', e.event_time, 'body', e.body) order by e.event_time, e.seq)
                 from events e where e.operation_id = $1
                   and e.id = any(array(select x::uuid from jsonb_array_elements_text(d.evidence) as x))), '[]'::jsonb) as evidence
     from discrepancies d where d.operation_id = $1 and d.status = 'open'
     order by d.first_found_at, d.kind, d.subject, d.key`,
    [operationId],
  );
}

/** The instant a calendar day ends in a time zone (ISO 8601). */
export async function endOfDay(tx: Queryable, date: string, timeZone: string): Promise<string> {
  const [row] = await tx.query<{ t: Date }>("select (($1::date + 1)::timestamp at time zone $2) as t", [
    date,
    timeZone,
  ]);
  return new Date(row!.t).toISOString();
}
