// Publications: what a press officer made public, and the withdrawal tombstones.
// Rows are inserted once and only ever withdrawn (a trigger refuses anything else).
import type { Queryable } from "./db.ts";
import type { PublicationKind } from "../core/publication.ts";

/** Published anyway: the open discrepancies that touched the figures, as acknowledged, and why. */
export interface StoredAcknowledgement {
  discrepancies: {
    id: string;
    kind: string;
    subject: string;
    figures: { id: string; label: string }[];
    explanation: string;
    facts: unknown;
  }[];
  note: string;
}

/** What the public side may show of a publication: nothing about who published it. */
export interface PublicPublicationRow {
  id: string;
  kind: PublicationKind;
  title: string;
  language: "en" | "ru";
  content: unknown;
  ledgerSeq: number;
  ledgerHash: string;
  publishedAt: string;
  /** Null when no open discrepancy touched its figures. */
  acknowledgement: StoredAcknowledgement | null;
}

export interface PublicationRow extends PublicPublicationRow {
  publishedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

interface RawRow extends Omit<PublicationRow, "publishedAt" | "withdrawnAt"> {
  publishedAt: Date;
  withdrawnAt: Date | null;
}

const acknowledgement = `case when p.acknowledged is null then null
  else jsonb_build_object('discrepancies', p.acknowledged, 'note', p.acknowledgement_note) end as acknowledgement`;
const columns = `p.id::text, p.kind, p.title, p.language, p.content, p.ledger_seq as "ledgerSeq", p.ledger_hash as "ledgerHash",
  p.published_at as "publishedAt", pu.email as "publishedBy", p.withdrawn_at as "withdrawnAt", wu.email as "withdrawnBy",
  p.withdrawal_reason as "withdrawalReason", ${acknowledgement}`;
const from = `publications p join users pu on pu.id = p.published_by left join users wu on wu.id = p.withdrawn_by`;
const iso = (r: RawRow): PublicationRow => ({
  ...r,
  publishedAt: r.publishedAt.toISOString(),
  withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
});

export async function insertPublication(
  tx: Queryable,
  operationId: string,
  p: {
    id: string;
    kind: PublicationKind;
    title: string;
    language: string;
    content: unknown;
    ledgerSeq: number;
    ledgerHash: string;
    publishedAt: Date;
    publishedBy: string;
    acknowledgement: StoredAcknowledgement | null;
  },
): Promise<void> {
  await tx.query(
    `insert into publications (operation_id, id, kind, title, language, content, ledger_seq, ledger_hash, published_at, published_by, acknowledged, acknowledgement_note)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $12)`,
    [
      operationId,
      p.id,
      p.kind,
      p.title,
      p.language,
      JSON.stringify(p.content),
      p.ledgerSeq,
      p.ledgerHash,
      p.publishedAt,
      p.publishedBy,
      p.acknowledgement ? JSON.stringify(p.acknowledgement.discrepancies) : null,
      p.acknowledgement?.note ?? null,
    ],
  );
}

/** Every publication of an operation, newest first, withdrawn ones included (for staff). */
export async function listPublications(db: Queryable, operationId: string): Promise<PublicationRow[]> {
  const rows = await db.query<RawRow>(
    `select ${columns} from ${from} where p.operation_id = $1 order by p.published_at desc, p.id desc`,
    [operationId],
  );
  return rows.map(iso);
}

export async function findPublication(
  db: Queryable,
  operationId: string,
  id: string,
): Promise<PublicationRow | undefined> {
  const [row] = await db.query<RawRow>(`select ${columns} from ${from} where p.operation_id = $1 and p.id = $2`, [
    operationId,
    id,
  ]);
  return row && iso(row);
}

/** Sets the withdrawal once; false when it was already withdrawn (or does not exist). */
export async function withdrawPublication(
  tx: Queryable,
  operationId: string,
  id: string,
  by: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const rows = await tx.query(
    `update publications set withdrawn_at = $3, withdrawn_by = $4, withdrawal_reason = $5
     where operation_id = $1 and id = $2 and withdrawn_at is null returning id`,
    [operationId, id, at, by, reason],
  );
  return rows.length === 1;
}

// ---- The public side: only what is published and not withdrawn, and nothing about who. ----

const publicColumns = `p.id::text, p.kind, p.title, p.language, p.content, p.ledger_seq as "ledgerSeq", p.ledger_hash as "ledgerHash",
  p.published_at as "publishedAt", ${acknowledgement}`;
const publicIso = (r: Omit<PublicPublicationRow, "publishedAt"> & { publishedAt: Date }): PublicPublicationRow => ({
  ...r,
  publishedAt: r.publishedAt.toISOString(),
});

/** An operation's names reduced to {"ru": "name"}. */
const plainNames = `coalesce((select jsonb_object_agg(k.key, k.value ->> 'name') from jsonb_each(o.names) k), '{}'::jsonb)`;

export interface PublishedOperation {
  id: string;
  code: string;
  name: string;
  /** The name in other languages: {"ru": "…"}. */
  names: Record<string, string>;
  lastPublishedAt: string;
  publications: number;
}

/** Operations with at least one publication still published; an operation without one does not exist here. */
export async function listPublishedOperations(db: Queryable): Promise<PublishedOperation[]> {
  const rows = await db.query<Omit<PublishedOperation, "lastPublishedAt"> & { lastPublishedAt: Date }>(
    // Counted per operation first (on Citus, each shard counts its own), then named.
    `select o.id::text, o.code, o.name, ${plainNames} as names, p."lastPublishedAt", p.publications
     from (select operation_id, max(published_at) as "lastPublishedAt", count(*)::int8 as publications
           from publications where withdrawn_at is null group by operation_id) p
     join operations o on o.id = p.operation_id
     order by p."lastPublishedAt" desc, o.code`,
  );
  return rows.map((r) => ({ ...r, lastPublishedAt: r.lastPublishedAt.toISOString() }));
}

/** One operation by code, if it has a publication still published: looked up by code first, then its publications by its id (one worker on Citus). */
export async function findPublishedOperation(db: Queryable, code: string): Promise<PublishedOperation | undefined> {
  const [operation] = await db.query<Omit<PublishedOperation, "lastPublishedAt" | "publications">>(
    `select o.id::text, o.code, o.name, ${plainNames} as names from operations o where o.code = $1`,
    [code],
  );
  if (!operation) return undefined;
  const [row] = await db.query<{ lastPublishedAt: Date | null; publications: number }>(
    `select max(published_at) as "lastPublishedAt", count(*)::int8 as publications
     from publications where operation_id = $1 and withdrawn_at is null`,
    [operation.id],
  );
  if (!row?.lastPublishedAt) return undefined;
  return { ...operation, lastPublishedAt: row.lastPublishedAt.toISOString(), publications: Number(row.publications) };
}

export async function listPublicPublications(
  db: Queryable,
  operationId: string,
  limit = 200,
): Promise<PublicPublicationRow[]> {
  const rows = await db.query<Omit<PublicPublicationRow, "publishedAt"> & { publishedAt: Date }>(
    `select ${publicColumns} from publications p where p.operation_id = $1 and p.withdrawn_at is null
     order by p.published_at desc, p.id desc limit $2`,
    [operationId, limit],
  );
  return rows.map(publicIso);
}

/** A publication as the public sees it, or its withdrawal date when it was withdrawn. */
export async function findPublicPublication(
  db: Queryable,
  operationId: string,
  id: string,
): Promise<PublicPublicationRow | { withdrawnAt: string } | undefined> {
  const [row] = await db.query<
    Omit<PublicPublicationRow, "publishedAt"> & { publishedAt: Date; withdrawnAt: Date | null }
  >(
    `select ${publicColumns}, p.withdrawn_at as "withdrawnAt" from publications p where p.operation_id = $1 and p.id = $2`,
    [operationId, id],
  );
  if (!row) return undefined;
  if (row.withdrawnAt) return { withdrawnAt: row.withdrawnAt.toISOString() };
  const { withdrawnAt: _, ...rest } = row;
  return publicIso(rest);
}
