// Sending the outbox: the plan (core/field/sync-plan.ts) in order, each batch in "each"
// mode so a refused event is answered on its own and the rest are stored. A batch the
// server refuses whole at its edge (a malformed event fails the schema) is split in
// halves until the bad event stands alone and is marked refused; the others go through.
// The network failing leaves events "sent": the next sync sends them again and the
// server answers duplicates, so nothing is counted twice. An answer that is no verdict on the
// events (408, 415, 429, 5xx, 507: sendAgainLater) leaves them queued and says when the server
// asked to be tried again (its Retry-After); the app waits that long (core/field/retry.ts). The
// events of the batch so answered wait again, marked "not now", so the Outbox says so.
import {
  actionFor,
  planSync,
  sendAgainLater,
  type BatchAnswer,
  type SyncStep,
} from "../../../../src/core/field/sync-plan.ts";
import { retryAfterMs } from "../../../../src/core/field/retry.ts";
import { pending, transition, type OutboxEntry } from "../../../../src/core/field/outbox.ts";
import { outboxEntries, putEntries, type Session } from "../store/db.ts";
import { call, endsSession, NoAnswer, ProblemError } from "./api.ts";

export interface SyncProgress {
  done: number;
  total: number;
}

export type SyncResult =
  | { ok: true }
  | { ok: false; reason: "offline" }
  | { ok: false; reason: "busy"; retryAfterMs?: number }
  | { ok: false; reason: "signed-out"; detail: string };

/** The server answered "not now": the events stay queued, until the time it asked for if it did. */
export function notNow(error: ProblemError): SyncResult {
  const ms = retryAfterMs(error.asked.retryAfter, Date.now(), error.asked.date);
  return { ok: false, reason: "busy", ...(ms !== undefined && { retryAfterMs: ms }) };
}

export async function sendOutbox(
  session: Session,
  onProgress: (p: SyncProgress) => void,
  maxBatch?: number,
): Promise<SyncResult> {
  const entries = await outboxEntries();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const total = pending(entries).length;
  let done = 0;
  onProgress({ done, total });
  const queue: SyncStep[] = planSync(entries, maxBatch);
  const remaining = () => total - done;
  const apply = async (changes: OutboxEntry[]) => {
    for (const c of changes) byId.set(c.id, c);
    await putEntries(changes);
  };
  while (queue.length > 0) {
    const step = queue.shift()!;
    const ids = step.kind === "batch" ? step.ids : [step.id];
    await apply(ids.map((id) => transition(byId.get(id)!, { type: "send" })));
    try {
      if (step.kind === "batch") {
        const answer = await call<{ results: BatchAnswer[] }>(
          `/api/operations/${encodeURIComponent(session.operation)}/events/batch?mode=each`,
          {
            method: "POST",
            token: session.token,
            outbox: remaining(),
            body: { events: ids.map((id) => byId.get(id)!.event) },
          },
        );
        await apply(answer.results.map((r) => transition(byId.get(r.id)!, actionFor(r))));
      } else {
        await apply([await sendHandOver(session, byId.get(step.id)!, remaining())]);
      }
      done += ids.length;
      onProgress({ done, total });
    } catch (error) {
      if (error instanceof NoAnswer) return { ok: false, reason: "offline" };
      if (endsSession(error)) return { ok: false, reason: "signed-out", detail: error.problem.detail };
      if (!(error instanceof ProblemError)) return { ok: false, reason: "offline" };
      // Not a verdict on the events (the server failing, a full disk, a slow link, too many at once): they stay queued.
      if (sendAgainLater(error.status)) {
        await apply(ids.map((id) => transition(byId.get(id)!, { type: "notNow" })));
        return notNow(error);
      }
      if (ids.length > 1) {
        // Refused whole at the edge: find the bad event by halves.
        const half = Math.ceil(ids.length / 2);
        queue.unshift({ kind: "batch", ids: ids.slice(0, half) }, { kind: "batch", ids: ids.slice(half) });
        continue;
      }
      const type = error.status === 409 ? "conflict" : "refused";
      // A batch of one: the schema's pointer "/events/0/…" is the event's own "/…".
      const own = (field: string) => field.replace(/^\/events\/0(?=\/|$)/, "") || "/";
      const errors =
        error.problem.errors.length > 0
          ? error.problem.errors.map((e) => ({ ...e, field: own(e.field) }))
          : [{ field: "/", message: error.problem.detail }];
      await apply([transition(byId.get(ids[0]!)!, { type, errors })]);
      done += 1;
      onProgress({ done, total });
    }
  }
  return { ok: true };
}

async function sendHandOver(session: Session, entry: OutboxEntry, outbox: number): Promise<OutboxEntry> {
  const e = entry.event;
  if (entry.route.kind !== "handover") throw new Error("not a hand-over");
  const outcome = await call<{ seq: number; status: "created" | "duplicate" }>(
    `/api/operations/${encodeURIComponent(session.operation)}/equipment-handovers`,
    {
      method: "POST",
      token: session.token,
      outbox,
      body: {
        id: e.id,
        eventTime: e.eventTime,
        from: e.from,
        organisation: entry.route.organisation,
        lines: e.lines,
        ...(e.note !== undefined && { note: e.note }),
      },
    },
  );
  return transition(entry, { type: "stored", seq: outcome.seq, duplicate: outcome.status === "duplicate" });
}
