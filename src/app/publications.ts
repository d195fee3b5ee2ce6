// Publishing: a press officer (or an admin) makes a snapshot or a statement public, or
// withdraws one. The content is computed here from the ledger, never taken from the client.
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../store/db.ts";
import type { PublicationRow } from "../store/publications.sql.ts";
import { lockChainHead } from "../store/ledger.sql.ts";
import {
  findPublication,
  insertPublication,
  listPublications,
  withdrawPublication,
} from "../store/publications.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import type { ContentBuilders } from "./publication-builders.ts";
import { CONTENT_BUILDERS } from "./publication-builders.ts";
import type { BuildContext, BuiltPublication, PublishRequest } from "./publication-types.ts";
import type { Queryable } from "../store/db.ts";
import { guardVerdict } from "../core/publish-guard.ts";
import { openDiscrepanciesProblem, openDiscrepanciesTouching, type TouchingDiscrepancy } from "./publish-guard.ts";

export type StaffPublication = PublicationRow;

/**
 * Publishes a snapshot or a statement. Inside one transaction, with the ledger head
 * share-locked (no append, no reconcile and no status change can land meanwhile): the
 * content is built from the ledger, the open discrepancies touching its figures are
 * read, and unless the request acknowledges every one of them with a note, nothing is
 * stored and the answer is a conflict listing them. This check runs here even when the
 * client checked a moment before (checkPublication): what it saw may be stale.
 */
export async function publish(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: PublishRequest,
  now: Date,
  builders: ContentBuilders = CONTENT_BUILDERS,
): Promise<StaffPublication> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "publish" });
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const head = await lockChainHead(tx, operation.id);
    const built = await build(tx, { operation, principal, head, now }, request, builders);
    const touching = await openDiscrepanciesTouching(tx, operation, built.scopes, built.language);
    const verdict = guardVerdict(
      touching.map((t) => t.id),
      request.acknowledge,
    );
    if (!verdict.ok) throw openDiscrepanciesProblem(request.kind, touching, verdict);
    await insertPublication(tx, operation.id, {
      id,
      kind: request.kind,
      title: built.title,
      language: built.language,
      content: built.content,
      ledgerSeq: head.seq,
      ledgerHash: head.hash,
      publishedAt: now,
      publishedBy: principal.userId,
      acknowledgement: touching.length > 0 ? { discrepancies: touching, note: request.acknowledge!.note.trim() } : null,
    });
  });
  return (await findPublication(db, operation.id, id))!;
}

/** What publishing this now would have to acknowledge: the open discrepancies touching its figures. Nothing is stored. */
export async function checkPublication(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: PublishRequest,
  now: Date,
  builders: ContentBuilders = CONTENT_BUILDERS,
): Promise<{ title: string; language: string; discrepancies: TouchingDiscrepancy[] }> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "publish" });
  return db.transaction(async (tx) => {
    const head = await lockChainHead(tx, operation.id);
    const built = await build(tx, { operation, principal, head, now }, request, builders);
    return {
      title: built.title,
      language: built.language,
      discrepancies: await openDiscrepanciesTouching(tx, operation, built.scopes, built.language),
    };
  });
}

async function build(
  tx: Queryable,
  ctx: BuildContext,
  request: PublishRequest,
  builders: ContentBuilders,
): Promise<BuiltPublication> {
  if (request.kind === "snapshot") return builders.snapshot(tx, ctx, request);
  if (!builders.statement)
    throw new AppError(
      "bad-request",
      "press statements cannot be published from this build: no statement builder is wired",
      [{ field: "/kind", message: "must be snapshot" }],
    );
  return builders.statement(tx, ctx, request);
}

/** Every publication of the operation, withdrawn ones included, for its staff. */
export async function publicationsOf(db: Db, principal: Principal, operationCode: string): Promise<StaffPublication[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return listPublications(db, operation.id);
}

export async function withdraw(
  db: Db,
  principal: Principal,
  operationCode: string,
  id: string,
  reason: string,
  now: Date,
): Promise<StaffPublication> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "publish" });
  return db.transaction(async (tx) => {
    const found = await findPublication(tx, operation.id, id);
    if (!found) throw notFound(`publication ${id} in operation ${operationCode}`);
    if (found.withdrawnAt)
      throw new AppError("conflict", `publication ${id} was already withdrawn on ${found.withdrawnAt}`);
    if (!(await withdrawPublication(tx, operation.id, id, principal.userId, now, reason))) {
      throw new AppError("conflict", `publication ${id} was withdrawn meanwhile`);
    }
    return (await findPublication(tx, operation.id, id))!;
  });
}
