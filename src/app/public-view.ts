// The public, unauthenticated view: only publications still published, and nothing about
// who published them. An operation with nothing published does not exist here. What a
// publication acknowledged (the open discrepancies touching its figures) is shown with
// it, explained in the reader's language.
import type { Db } from "../store/db.ts";
import type { PublicPublicationRow, PublishedOperation, StoredAcknowledgement } from "../store/publications.sql.ts";
import {
  findPublicPublication,
  findPublishedOperation,
  listPublicPublications,
  listPublishedOperations,
} from "../store/publications.sql.ts";
import { findOperation } from "../store/catalogue.sql.ts";
import { verifyCommand } from "../core/publication.ts";
import type { ExplainLang } from "../core/reconcile/describe.ts";
import type { FindingFacts } from "../core/reconcile/facts.ts";
import { explainedIn } from "./discrepancy-text.ts";
import { AppError, notFound } from "./errors.ts";

export interface PublicPublication extends Omit<PublicPublicationRow, "ledgerSeq" | "ledgerHash"> {
  operation: string;
  ledger: { seq: number; hash: string };
  /** The command that checks this head against an export of the operation's ledger. */
  verify: string;
}

export interface PublicOperation {
  code: string;
  name: string;
  names: Record<string, string>;
  lastPublishedAt: string;
  publications: PublicPublication[];
}

const shown = (operation: string, row: PublicPublicationRow): PublicPublication => {
  const { ledgerSeq, ledgerHash, ...rest } = row;
  const ledger = { seq: ledgerSeq, hash: ledgerHash };
  return {
    id: rest.id,
    operation,
    kind: rest.kind,
    title: rest.title,
    language: rest.language,
    publishedAt: rest.publishedAt,
    ledger,
    verify: verifyCommand(operation, ledger),
    acknowledgement: rest.acknowledgement,
    content: rest.content,
  };
};

// The same answer whether the operation does not exist or has published nothing.
const nothingPublished = (code: string) => new AppError("not-found", `nothing is published for operation ${code}`);

export async function publicIndex(db: Db): Promise<Omit<PublishedOperation, "id">[]> {
  return (await listPublishedOperations(db)).map(({ id: _, ...rest }) => rest);
}

/** The acknowledgements' explanations rendered from their facts in the reader's language (stored text otherwise). */
async function acknowledgementsIn(
  db: Db,
  code: string,
  rows: PublicPublication[],
  lang: ExplainLang | undefined,
): Promise<PublicPublication[]> {
  if (!lang || !rows.some((r) => r.acknowledgement)) return rows;
  const operation = (await findOperation(db, code))!;
  return Promise.all(
    rows.map(async (r) => {
      if (!r.acknowledgement) return r;
      const discrepancies = await explainedIn(
        db,
        operation,
        r.acknowledgement.discrepancies.map((d) => ({ ...d, facts: (d.facts ?? null) as FindingFacts | null })),
        lang,
      );
      return { ...r, acknowledgement: { ...r.acknowledgement, discrepancies } satisfies StoredAcknowledgement };
    }),
  );
}

/** An operation's publications; `lang` writes acknowledged discrepancies in that language. */
export async function publicOperation(db: Db, code: string, lang?: ExplainLang): Promise<PublicOperation> {
  const operation = await findPublishedOperation(db, code);
  if (!operation) throw nothingPublished(code);
  const publications = (await listPublicPublications(db, operation.id)).map((p) => shown(operation.code, p));
  return {
    code: operation.code,
    name: operation.name,
    names: operation.names,
    lastPublishedAt: operation.lastPublishedAt,
    publications: await acknowledgementsIn(db, operation.code, publications, lang),
  };
}

/** One publication; a withdrawn one is answered as gone, with its date only (410). */
export async function publicPublication(
  db: Db,
  code: string,
  id: string,
  lang?: ExplainLang,
): Promise<PublicPublication> {
  const operation = await findPublishedOperation(db, code);
  const found = operation && (await findPublicPublication(db, operation.id, id));
  if (!operation || !found) throw notFound(`publication ${id} of operation ${code}`);
  if ("withdrawnAt" in found)
    throw new AppError("gone", `publication ${id} of operation ${code} was withdrawn on ${found.withdrawnAt}`);
  const [one] = await acknowledgementsIn(db, operation.code, [shown(operation.code, found)], lang);
  return one!;
}
