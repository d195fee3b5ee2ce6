import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OUTBOX_STATES, type OutboxEntry } from "../../../../src/core/field/outbox.ts";
import { enField } from "../../../src/i18n/en-field.ts";
import { ruField } from "../../../src/i18n/ru-field.ts";
import { eventTypeLabel, fieldLabel, outboxLabel } from "./outbox-label.ts";
import { EVENT_TYPES } from "../../../../src/core/events.ts";

const entry = (extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: "00000000-0000-7000-8000-000000000001",
  n: 1,
  state: "waiting",
  attempts: 0,
  flow: "unload",
  recordedAt: "2020-12-19T10:00:00Z",
  route: { kind: "batch" },
  event: { id: "e1", type: "UnitArrived", eventTime: "2020-12-19T10:00:00Z", unit: "24073082", location: "RAILHEAD" },
  ...extra,
});
const AT = Date.parse("2026-12-07T14:32:05Z");

describe("what the Outbox says of an event", () => {
  it("says when a waiting event goes while the server's wait runs, busy or recorded since", () => {
    expect(outboxLabel(entry({ notNow: true }), AT)).toEqual({ key: "outbox.state.notNow", at: AT });
    expect(outboxLabel(entry(), AT)).toEqual({ key: "outbox.state.waitingUntil", at: AT });
  });

  it("says plainly waiting, or busy until the next sync, when no wait runs", () => {
    expect(outboxLabel(entry(), undefined)).toEqual({ key: "outbox.state.waiting" });
    expect(outboxLabel(entry({ notNow: true }), undefined)).toEqual({ key: "outbox.state.notNowNext" });
  });

  it("gives stored events their sequence number, and a duplicate its own words", () => {
    expect(outboxLabel(entry({ state: "stored", seq: 42 }), AT)).toEqual({ key: "outbox.state.stored", seq: 42 });
    expect(outboxLabel(entry({ state: "stored", seq: 7, duplicate: true }), undefined)).toEqual({
      key: "outbox.state.duplicate",
      seq: 7,
    });
  });

  it("names, for every state and wait, a message both languages have", () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTBOX_STATES), fc.boolean(), fc.option(fc.nat()), (state, notNow, at) => {
        const { key } = outboxLabel(entry({ state, ...(notNow && { notNow }), seq: 1 }), at ?? undefined);
        expect(enField[key]).toEqual(expect.any(String));
        expect(ruField[key]).toEqual(expect.any(String));
      }),
    );
  });

  it("names every event type in words both languages have, and keeps a type it does not know as it is", () => {
    for (const type of EVENT_TYPES) {
      const label = eventTypeLabel(type);
      expect(label).toEqual({ key: `event.${type}` });
      const { key } = label as { key: keyof typeof enField };
      expect(enField[key]).not.toMatch(/^[A-Z][a-z]+[A-Z]/);
      expect(ruField[key]).toMatch(/[а-я]/);
    }
    expect(eventTypeLabel("SomethingNew")).toEqual({ text: "SomethingNew" });
  });

  it("says which field of which line the server refused, in words, and keeps other pointers as they are", () => {
    expect(fieldLabel("/lines/0/item")).toEqual({ key: "field.item", line: 1 });
    expect(fieldLabel("/lines/2/quantity")).toEqual({ key: "field.quantity", line: 3 });
    expect(fieldLabel("/unit")).toEqual({ key: "field.unit" });
    expect(fieldLabel("/lines/0/condition")).toEqual({ text: "/lines/0/condition" });
    expect(fieldLabel("/origin/deviceTime")).toEqual({ text: "/origin/deviceTime" });
    for (const key of [
      "field.item",
      "field.quantity",
      "field.unit",
      "field.location",
      "field.from",
      "field.eventTime",
    ] as const)
      expect([enField[key], ruField[key]]).toEqual([expect.any(String), expect.any(String)]);
  });
});
