// The public, unauthenticated view: only publications still published, and nothing about
// who published them. An operation with nothing published does not exist here.
import type { Db } from "../store/db.ts";
import type { PublicPublicationRow, PublishedOperation } from "../store/publications.sql.ts";
import { findPublicPublication, findPublishedOperation, listPublicPublications, listPublishedOperations } from "../store/publications.sql.ts";
import { verifyCommand } from "../core/publication.ts";
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
  lastPublishedAt: string;
  publications: PublicPublication[];
}

const shown = (operation: string, row: PublicPublicationRow): PublicPublication => {
  const { ledgerSeq, ledgerHash, ...rest } = row;
  const ledger = { seq: ledgerSeq, hash: ledgerHash };
  return { id: rest.id, operation, kind: rest.kind, title: rest.title, language: rest.language, publishedAt: rest.publishedAt, ledger, verify: verifyCommand(operation, ledger), content: rest.content };
};

// The same answer whether the operation does not exist or has published nothing.
const nothingPublished = (code: string) => new AppError("not-found", `nothing is published for operation ${code}`);

export async function publicIndex(db: Db): Promise<Omit<PublishedOperation, "id">[]> {
  return (await listPublishedOperations(db)).map(({ id: _, ...rest }) => rest);
}

export async function publicOperation(db: Db, code: string): Promise<PublicOperation> {
  const operation = await findPublishedOperation(db, code);
  if (!operation) throw nothingPublished(code);
  const publications = (await listPublicPublications(db, operation.id)).map((p) => shown(operation.code, p));
  return { code: operation.code, name: operation.name, lastPublishedAt: operation.lastPublishedAt, publications };
}

/** One publication; a withdrawn one is answered as gone, with its date only (410). */
export async function publicPublication(db: Db, code: string, id: string): Promise<PublicPublication> {
  const operation = await findPublishedOperation(db, code);
  const found = operation && (await findPublicPublication(db, operation.id, id));
  if (!operation || !found) throw notFound(`publication ${id} of operation ${code}`);
  if ("withdrawnAt" in found) throw new AppError("gone", `publication ${id} of operation ${code} was withdrawn on ${found.withdrawnAt}`);
  return shown(operation.code, found);
}
