// Publishing: a press officer (or an admin) makes a snapshot or a statement public, or
// withdraws one. The content is computed here from the ledger, never taken from the client.
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../store/db.ts";
import type { PublicationRow } from "../store/publications.sql.ts";
import { findPublication, insertPublication, listPublications, lockLedgerHeadForReading, withdrawPublication } from "../store/publications.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import type { ContentBuilders } from "./publication-builders.ts";
import { CONTENT_BUILDERS } from "./publication-builders.ts";
import type { BuiltPublication, PublishRequest } from "./publication-types.ts";

export type StaffPublication = PublicationRow;

export async function publish(db: Db, principal: Principal, operationCode: string, request: PublishRequest, now: Date, builders: ContentBuilders = CONTENT_BUILDERS): Promise<StaffPublication> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "publish" });
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const head = await lockLedgerHeadForReading(tx, operation.id);
    const ctx = { operation, principal, head, now };
    let built: BuiltPublication;
    if (request.kind === "snapshot") {
      built = await builders.snapshot(tx, ctx, request);
    } else {
      if (!builders.statement) throw new AppError("bad-request", "press statements cannot be published from this build: no statement builder is wired", [{ field: "/kind", message: "must be snapshot" }]);
      built = await builders.statement(tx, ctx, request);
    }
    await insertPublication(tx, operation.id, {
      id, kind: request.kind, title: built.title, language: built.language, content: built.content,
      ledgerSeq: head.seq, ledgerHash: head.hash, publishedAt: now, publishedBy: principal.userId,
    });
  });
  return (await findPublication(db, operation.id, id))!;
}

/** Every publication of the operation, withdrawn ones included, for its staff. */
export async function publicationsOf(db: Db, principal: Principal, operationCode: string): Promise<StaffPublication[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return listPublications(db, operation.id);
}

export async function withdraw(db: Db, principal: Principal, operationCode: string, id: string, reason: string, now: Date): Promise<StaffPublication> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "publish" });
  return db.transaction(async (tx) => {
    const found = await findPublication(tx, operation.id, id);
    if (!found) throw notFound(`publication ${id} in operation ${operationCode}`);
    if (found.withdrawnAt) throw new AppError("conflict", `publication ${id} was already withdrawn on ${found.withdrawnAt}`);
    if (!(await withdrawPublication(tx, operation.id, id, principal.userId, now, reason))) {
      throw new AppError("conflict", `publication ${id} was withdrawn meanwhile`);
    }
    return (await findPublication(tx, operation.id, id))!;
  });
}
