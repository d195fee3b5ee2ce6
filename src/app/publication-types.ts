// The contract between publishing and the modules that produce what is published.
// A content builder runs inside the publish transaction, after the ledger head was read
// (and locked against appends), so the figures it reads belong to that head.
import type { ChainHead } from "../core/chain.ts";
import type { PublicationContent, PublicationLanguage } from "../core/publication.ts";
import type { Acknowledgement, FigureScope } from "../core/publish-guard.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { Queryable } from "../store/db.ts";
import type { Principal } from "./principal.ts";
import type { Figure } from "../core/reports/press/statement.ts";

export interface SnapshotRequest {
  kind: "snapshot";
  title?: string;
  lang?: PublicationLanguage;
  /** Publishing although open discrepancies touch the figures: every one of them by id, and why. */
  acknowledge?: Acknowledgement;
}

export interface StatementRequest {
  kind: "statement";
  /** The day the statement is about, YYYY-MM-DD in the operation's time zone. */
  date: string;
  lang: PublicationLanguage;
  title?: string;
  acknowledge?: Acknowledgement;
}

export type PublishRequest = SnapshotRequest | StatementRequest;

export interface BuildContext {
  operation: Operation;
  principal: Principal;
  /** The ledger head the figures are read at (locked for the transaction). */
  head: ChainHead;
  now: Date;
}

export interface BuiltPublication {
  title: string;
  language: PublicationLanguage;
  content: PublicationContent;
  /** What each figure is about, for the publish guard. */
  scopes: FigureScope[];
}

export type ContentBuilder<R extends PublishRequest> = (
  tx: Queryable,
  ctx: BuildContext,
  request: R,
) => Promise<BuiltPublication>;

/**
 * What publishing needs from the press statement module (issue 5, item 1): for a day and a
 * language, the statement's title, its text, and every figure with the query behind it.
 * It must read through `tx` (the publish transaction), so its figures match the head.
 */
export type PressStatementSource = (
  tx: Queryable,
  principal: Principal,
  operationCode: string,
  request: { date: string; lang: PublicationLanguage },
  now: Date,
) => Promise<{ title: string; text: string; figures: Figure[] }>;
