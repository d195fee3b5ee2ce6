// The field app's outbox: every event a phone records waits here, durably, until the
// ledger has it. Each entry's state says where it is; nothing leaves the outbox except by
// an explicit choice (a refused event corrected as a new one, or discarded). Pure: the
// app keeps entries in IndexedDB and moves them only through `transition`.
import type { EventInput } from "../events.ts";

/** A reason the server gave, with a JSON pointer into the event (as core/decide.ts reports it). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * waiting: recorded, not sent yet, or sent and answered "not now" (notNow: the server could not
 * take it just then and asked to be tried later; it goes again at the next try). sent: sent, no
 * answer yet (if the answer is lost it is sent again and answered as a duplicate). stored: in
 * the ledger, with its sequence number. refused: the server said why (field and reason). conflict: its id is in the
 * ledger with other content (another phone recorded the same step first). discarded: the
 * user chose to drop it, or corrected it as a new event.
 */
export const OUTBOX_STATES = ["waiting", "sent", "stored", "refused", "conflict", "discarded"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** How an entry reaches the server: the batch endpoint, or the equipment hand-over endpoint (it creates the custody location). */
export type Route = { kind: "batch" } | { kind: "handover"; organisation: string };

export interface OutboxEntry {
  /** The event's id. */
  id: string;
  /** Order of recording on this phone: events are sent in this order. */
  n: number;
  event: EventInput;
  route: Route;
  state: OutboxState;
  /** Which task recorded it (unload, receive, load, distribute, handover, correction). */
  flow: string;
  /** The team that recorded it, and when by the corrected clock: for the Today screen. */
  team?: string;
  recordedAt: string;
  attempts: number;
  /** Ledger sequence number once stored. */
  seq?: number;
  /** Stored as a duplicate: a retry after a lost answer, or the same step from another phone. */
  duplicate?: boolean;
  errors?: FieldError[];
  /** The new event that corrected this refused one. */
  replacedBy?: string;
  /** Waiting again because the server answered "not now" (408, 429, 5xx, 507) to its last sending. */
  notNow?: true;
}

export type OutboxAction =
  | { type: "send" }
  | { type: "notNow" }
  | { type: "stored"; seq: number; duplicate: boolean }
  | { type: "refused"; errors: FieldError[] }
  | { type: "conflict"; errors: FieldError[] }
  | { type: "discard" }
  | { type: "replace"; by: string };

export class OutboxTransitionError extends Error {}

const FROM: Record<OutboxAction["type"], readonly OutboxState[]> = {
  send: ["waiting", "sent"],
  notNow: ["sent"],
  stored: ["sent"],
  refused: ["sent"],
  conflict: ["sent"],
  discard: ["refused", "conflict"],
  replace: ["refused", "conflict"],
};

/** The entry after `action`; an action its state does not allow throws (the outbox never loses an event by mistake). */
export function transition(entry: OutboxEntry, action: OutboxAction): OutboxEntry {
  if (!FROM[action.type].includes(entry.state)) {
    throw new OutboxTransitionError(
      `an outbox event that is ${entry.state} cannot be ${action.type === "send" ? "sent" : action.type}`,
    );
  }
  const { errors: _errors, notNow: _notNow, ...rest } = entry;
  switch (action.type) {
    case "send":
      return { ...rest, state: "sent", attempts: entry.attempts + 1 };
    case "notNow":
      return { ...rest, state: "waiting", notNow: true };
    case "stored":
      return { ...rest, state: "stored", seq: action.seq, duplicate: action.duplicate };
    case "refused":
    case "conflict":
      return { ...rest, state: action.type, errors: action.errors };
    case "discard":
      return { ...entry, state: "discarded" };
    case "replace":
      return { ...entry, state: "discarded", replacedBy: action.by };
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** Entries that still have to reach the server, in recording order. */
export const pending = (entries: readonly OutboxEntry[]): OutboxEntry[] =>
  entries.filter((e) => e.state === "waiting" || e.state === "sent").sort((a, b) => a.n - b.n);

/** Entries that wait for the user's decision. */
export const needsDecision = (entries: readonly OutboxEntry[]): OutboxEntry[] =>
  entries.filter((e) => e.state === "refused" || e.state === "conflict").sort((a, b) => a.n - b.n);

export function countByState(entries: readonly OutboxEntry[]): Record<OutboxState, number> {
  const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const e of entries) counts[e.state] += 1;
  return counts;
}
