import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OUTBOX_STATES, type OutboxEntry } from "../../../../src/core/field/outbox.ts";
import { enField } from "../../../src/i18n/en-field.ts";
import { ruField } from "../../../src/i18n/ru-field.ts";
import { outboxLabel } from "./outbox-label.ts";

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
});
