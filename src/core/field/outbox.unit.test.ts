// The outbox state machine and the sync planner: nothing is dropped except by choice,
// events go out in recording order, one bad event holds back nothing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  countByState,
  needsDecision,
  OutboxTransitionError,
  pending,
  transition,
  type OutboxAction,
  type OutboxEntry,
} from "./outbox.ts";
import { actionFor, planSync, sendAgainLater } from "./sync-plan.ts";

const entry = (n: number, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`,
  n,
  state: "waiting",
  attempts: 0,
  flow: "unload",
  recordedAt: "2020-12-19T10:00:00Z",
  route: { kind: "batch" },
  event: {
    id: `e${n}`,
    type: "UnitArrived",
    eventTime: "2020-12-19T10:00:00Z",
    unit: "24073082",
    location: "RAILHEAD",
  },
  ...extra,
});

describe("an outbox event", () => {
  it("goes waiting → sent → stored with its ledger sequence number", () => {
    const sent = transition(entry(1), { type: "send" });
    expect(sent).toMatchObject({ state: "sent", attempts: 1 });
    expect(transition(sent, { type: "stored", seq: 42, duplicate: false })).toMatchObject({
      state: "stored",
      seq: 42,
      duplicate: false,
    });
  });

  it("is sent again when the answer was lost, and stored as a duplicate then", () => {
    const again = transition(transition(entry(1), { type: "send" }), { type: "send" });
    expect(again).toMatchObject({ state: "sent", attempts: 2 });
    expect(transition(again, { type: "stored", seq: 7, duplicate: true })).toMatchObject({
      state: "stored",
      duplicate: true,
    });
  });

  it('waits again, marked, when the server answers "not now", and loses the mark when it is sent again', () => {
    const later = transition(transition(entry(1), { type: "send" }), { type: "notNow" });
    expect(later).toMatchObject({ state: "waiting", notNow: true, attempts: 1 });
    expect(() => transition(later, { type: "notNow" }), "only an answer to a sending").toThrow(OutboxTransitionError);
    expect(() => transition(later, { type: "discard" })).toThrow(OutboxTransitionError);
    const again = transition(later, { type: "send" });
    expect(again).toMatchObject({ state: "sent", attempts: 2 });
    expect(again).not.toHaveProperty("notNow");
    expect(pending([later]), "still to be sent").toEqual([later]);
  });

  it("keeps a refusal's reasons until the user corrects or discards it", () => {
    const refused = transition(transition(entry(1), { type: "send" }), {
      type: "refused",
      errors: [{ field: "/lines/0/item", message: "unknown item X" }],
    });
    expect(refused.errors).toEqual([{ field: "/lines/0/item", message: "unknown item X" }]);
    expect(() => transition(refused, { type: "send" })).toThrow(OutboxTransitionError);
    expect(transition(refused, { type: "replace", by: "new-id" })).toMatchObject({
      state: "discarded",
      replacedBy: "new-id",
      errors: refused.errors,
    });
    expect(transition(refused, { type: "discard" }).state).toBe("discarded");
  });

  it("cannot be discarded while waiting, sent or stored", () => {
    for (const state of ["waiting", "sent", "stored"] as const) {
      expect(() => transition(entry(1, { state }), { type: "discard" })).toThrow(/cannot be discard/);
    }
  });

  it("leaves the outbox only by an explicit discard or correction, whatever the order of answers (property)", () => {
    const action = fc.oneof(
      fc.constant<OutboxAction>({ type: "send" }),
      fc.constant<OutboxAction>({ type: "notNow" }),
      fc.nat(1000).map((seq): OutboxAction => ({ type: "stored", seq, duplicate: seq % 2 === 0 })),
      fc.constant<OutboxAction>({ type: "refused", errors: [{ field: "/x", message: "no" }] }),
      fc.constant<OutboxAction>({ type: "conflict", errors: [{ field: "/id", message: "taken" }] }),
      fc.constant<OutboxAction>({ type: "discard" }),
      fc.constant<OutboxAction>({ type: "replace", by: "other" }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let e = entry(1);
        for (const a of actions) {
          const before = e;
          try {
            e = transition(e, a);
          } catch (error) {
            expect(error).toBeInstanceOf(OutboxTransitionError);
            continue;
          }
          if (e.state === "discarded") expect(["discard", "replace"]).toContain(a.type);
          if (e.state === "stored") expect(e.seq).toBeTypeOf("number");
          if (e.notNow) expect(e.state, 'marked "not now" only while it waits').toBe("waiting");
          if (before.state === "stored" || before.state === "discarded") expect(e).toBe(before);
        }
      }),
    );
  });
});

describe("planning a sync", () => {
  it("sends pending events in recording order, in batches, hand-overs on their own in their place", () => {
    const entries = [
      entry(3),
      entry(1, { state: "stored", seq: 1 }),
      entry(2, { state: "sent" }),
      entry(4, { route: { kind: "handover", organisation: "ORG" } }),
      entry(5),
      entry(6, { state: "refused" }),
      entry(7),
      entry(8),
    ];
    const ids = (...ns: number[]) => ns.map((n) => entry(n).id);
    expect(planSync(entries, 2)).toEqual([
      { kind: "batch", ids: ids(2, 3) },
      { kind: "handover", id: entry(4).id },
      { kind: "batch", ids: ids(5, 7) },
      { kind: "batch", ids: ids(8) },
    ]);
  });

  it("covers every pending event exactly once, in order, within the batch size (property)", () => {
    const states = fc.constantFrom("waiting", "sent", "stored", "refused", "conflict", "discarded" as const);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(states, fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (specs, max) => {
          const entries = specs.map(([state, handover], i) =>
            entry(i, { state, route: handover ? { kind: "handover", organisation: "O" } : { kind: "batch" } }),
          );
          const plan = planSync(entries, max);
          const sent = plan.flatMap((s) => (s.kind === "batch" ? s.ids : [s.id]));
          expect(sent).toEqual(pending(entries).map((e) => e.id));
          for (const s of plan) if (s.kind === "batch") expect(s.ids.length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });

  it("turns each answer of a batch into its entry's next state", () => {
    expect(actionFor({ id: "a", status: "duplicate", seq: 9 })).toEqual({ type: "stored", seq: 9, duplicate: true });
    expect(actionFor({ id: "a", status: "refused", errors: [{ field: "/f", message: "m" }] })).toEqual({
      type: "refused",
      errors: [{ field: "/f", message: "m" }],
    });
  });

  it("keeps events queued when the answer is no verdict on them: server trouble, a slow link, too many at once, a body re-typed on the way", () => {
    for (const status of [500, 502, 503, 504, 507, 408, 415, 429])
      expect(sendAgainLater(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 422])
      expect(sendAgainLater(status), String(status)).toBe(false);
  });

  it("counts entries by state and lists those that wait for a decision", () => {
    const entries = [entry(1, { state: "refused" }), entry(2), entry(3, { state: "conflict" })];
    expect(countByState(entries)).toMatchObject({ waiting: 1, refused: 1, conflict: 1, stored: 0 });
    expect(needsDecision(entries).map((e) => e.n)).toEqual([1, 3]);
  });
});
