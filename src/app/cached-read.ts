// Reads answered from what was computed at the same state of the data. An answer that
// only changes when something is written (the ledger head moves, a unit is registered,
// a manifest set…) is kept as the JSON bytes sent, with an entity tag, until a write
// moves the change counter (./cache.ts); an answer holding figures measured to the
// clock (days in transit) is kept only until the first of them would change.
//
// Authorisation is checked on every request before anything is served, and the entry is
// per operation, role, endpoint and query (filters, paging, language, date), so no
// answer reaches anyone who could not have asked for it.
import { createHash } from "node:crypto";
import { canonicalJson } from "../core/chain.ts";
import type { Action } from "../core/roles.ts";
import type { Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { remembered } from "./cache.ts";

/** An answer ready to send: its JSON as UTF-8 bytes (encoded once, not on every request) and a strong entity tag of them. */
export interface Answer {
  body: Buffer;
  etag: string;
}

export interface Computed {
  value: unknown;
  /** When the answer stops being true by the clock alone (figures measured to `now`). */
  validUntil?: Date;
}

export const etagOf = (body: Buffer | string): string => `"${createHash("sha1").update(body).digest("base64url")}"`;

/**
 * The cache key of an answer: two keys are equal only for the same operation, role, endpoint
 * and query (ids and endpoints hold no '|'; the query, last, is canonical JSON, so the order of
 * its parameters does not matter). Canonical JSON of a read's query costs 0.1-2 us, measured;
 * keying by the raw query string instead would save that and key equal queries apart.
 */
export const answerKey = (operationId: string, role: string, endpoint: string, query: object): string =>
  `${operationId}|${role}|${endpoint}|${canonicalJson(query)}`;

/** Authorises `action`, then serves `endpoint` for `query` from the cache or computes it. */
export async function cachedAnswer(
  db: Queryable,
  principal: Principal,
  operationCode: string,
  endpoint: string,
  query: object,
  now: Date,
  compute: (operation: Operation) => Promise<Computed>,
  action: Action = { kind: "read" },
): Promise<Answer> {
  const { operation, role } = await authorise(db, principal, operationCode, action);
  const key = answerKey(operation.id, role, endpoint, query);
  const answer = await remembered(db, "answers", "data", key, now, async () => {
    const { value, validUntil } = await compute(operation);
    const body = Buffer.from(JSON.stringify(value));
    return { value: { body, etag: etagOf(body) }, ...(validUntil && { validUntil }) };
  });
  return answer!;
}

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks for it). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
