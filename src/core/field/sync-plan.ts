// Planning a sync: the outbox's pending events, in recording order, as requests. Runs of
// events for the batch endpoint go together (up to `maxBatch`); an equipment hand-over
// goes on its own, in its place, so the order of recording is the order of sending.
// The batch is sent in "each" mode: a refused event is answered on its own and the others
// are stored, so one bad event never holds back the rest. Pure.
import type { OutboxAction, OutboxEntry } from "./outbox.ts";
import { pending } from "./outbox.ts";

export type SyncStep = { kind: "batch"; ids: string[] } | { kind: "handover"; id: string };

export const DEFAULT_SYNC_BATCH = 200;

export function planSync(entries: readonly OutboxEntry[], maxBatch = DEFAULT_SYNC_BATCH): SyncStep[] {
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError("maxBatch must be a positive whole number");
  const steps: SyncStep[] = [];
  for (const entry of pending(entries)) {
    const last = steps.at(-1);
    if (entry.route.kind === "handover") steps.push({ kind: "handover", id: entry.id });
    else if (last?.kind === "batch" && last.ids.length < maxBatch) last.ids.push(entry.id);
    else steps.push({ kind: "batch", ids: [entry.id] });
  }
  return steps;
}

/** What one result of a batch answer does to its entry. */
export type BatchAnswer =
  | { id: string; status: "created" | "duplicate"; seq: number }
  | { id: string; status: "refused" | "conflict"; errors: { field: string; message: string }[] };

export function actionFor(answer: BatchAnswer): OutboxAction {
  if ("errors" in answer) return { type: answer.status, errors: answer.errors };
  return { type: "stored", seq: answer.seq, duplicate: answer.status === "duplicate" };
}

/**
 * Whether a request the server answered with `status` should be sent again later, as it is,
 * rather than taken as a refusal of what it carries: the server failing or away (5xx), the
 * request not arriving whole in time on a slow link (408), the phone's credential having too
 * many requests in flight (429), or the body reaching the server in a type it does not read
 * (415: the app always sends JSON, so something on the way re-typed it; no event is at fault).
 * Only what remains (400, 409, 413, 422…) judges the events.
 */
export function sendAgainLater(status: number): boolean {
  return status >= 500 || status === 408 || status === 415 || status === 429;
}
