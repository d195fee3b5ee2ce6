// What the Outbox says of an entry: a message of the field app and its values. While the
// server's wait runs (retryAt), every waiting event says when it goes: the one the server
// answered "not now" says the server is busy; one recorded since waits for the same sync.
import type { OutboxEntry } from "../../../../src/core/field/outbox.ts";
import type { FieldKey } from "../../../src/i18n/en-field.ts";

export type OutboxLabel =
  | { key: "outbox.state.notNow" | "outbox.state.waitingUntil"; at: number }
  | { key: "outbox.state.stored" | "outbox.state.duplicate"; seq: number }
  | { key: FieldKey };

export function outboxLabel(entry: OutboxEntry, retryAt: number | undefined): OutboxLabel {
  if (entry.state === "waiting" && retryAt !== undefined)
    return { key: entry.notNow ? "outbox.state.notNow" : "outbox.state.waitingUntil", at: retryAt };
  if (entry.state === "waiting" && entry.notNow) return { key: "outbox.state.notNowNext" };
  if (entry.state === "stored")
    return { key: entry.duplicate ? "outbox.state.duplicate" : "outbox.state.stored", seq: entry.seq ?? 0 };
  return { key: `outbox.state.${entry.state}` as FieldKey };
}
