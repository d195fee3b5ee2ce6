// What the Outbox says of an entry: a message of the field app and its values. While the
// server's wait runs (retryAt), every waiting event says when it goes: the one the server
// answered "not now" says the server is busy; one recorded since waits for the same sync.
import type { OutboxEntry } from "../../../../src/core/field/outbox.ts";
import type { FieldKey } from "../../../src/i18n/en-field.ts";
import { EVENT_TYPES, type EventType } from "../../../../src/core/events.ts";

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

/** An event's type in the user's words (the raw type when the app has no words for it). */
export function eventTypeLabel(type: string): { key: FieldKey } | { text: string } {
  return EVENT_TYPES.includes(type as EventType) ? { key: `event.${type}` as FieldKey } : { text: type };
}

const FIELDS = new Set(["item", "quantity", "unit", "location", "from", "eventTime"]);

/**
 * A field the server named as at fault (a JSON pointer such as /lines/0/item), in words: the
 * field's own message, with the line's number (from 1) when it is in a line. A pointer the app
 * has no words for is shown as it is.
 */
export function fieldLabel(pointer: string): { key: FieldKey; line?: number } | { text: string } {
  const [, line, name] = /^(?:\/lines\/(\d+))?\/(\w+)$/.exec(pointer) ?? [];
  if (!name || !FIELDS.has(name)) return { text: pointer };
  return { key: `field.${name}` as FieldKey, ...(line !== undefined && { line: Number(line) + 1 }) };
}
