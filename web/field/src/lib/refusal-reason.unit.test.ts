// The server's refusals in the phone's language: every reason the server's own decision gives
// for a range of wrong events maps to a message of the field app, in English and in Russian,
// with the codes it names kept and event types, roles and units of measure in words.
import { describe, expect, it } from "vitest";
import { refusalReason, type Reason } from "./refusal-reason.ts";
import { decideEvent } from "../../../../src/core/decide.ts";
import type { EventInput } from "../../../../src/core/events.ts";
import { catalogueContext } from "../../../../test/helpers/arbitraries.ts";
import { enField } from "../../../src/i18n/en-field.ts";
import { ruField } from "../../../src/i18n/ru-field.ts";

const ctx = catalogueContext();
const AT = "2020-12-01T08:00:00+04:00";
const ev = (e: Omit<EventInput, "id" | "eventTime"> & { eventTime?: string }): EventInput => ({
  id: "0193c0de-0000-7000-8000-000000000001",
  eventTime: AT,
  ...e,
});

/** Wrong events of every kind the phone can send, and what the server says of each. */
const WRONG: EventInput[] = [
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", operation: "OTHER-OP" }),
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", eventTime: "yesterday" }),
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", eventTime: "2030-01-01T00:00:00Z" }),
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", note: "a\u0001b" }),
  ev({ type: "UnitArrived", unit: "24073082", location: "NOWHERE" }),
  ev({ type: "UnitArrived", unit: "24073082" }),
  ev({ type: "UnitArrived", location: "RAILHEAD" }),
  ev({ type: "UnitArrived", unit: "99999999", location: "RAILHEAD" }),
  ev({ type: "GoodsDistributed", location: "HUB", unit: "24073082", lines: [{ item: "FLOUR", quantity: "1" }] }),
  ev({
    type: "GoodsLoaded",
    unit: "24073082",
    location: "RAILHEAD",
    to: "HUB",
    lines: [{ item: "FLOUR", quantity: "1" }],
  }),
  ev({ type: "StockTransferred", location: "HUB", to: "HUB", lines: [{ item: "FLOUR", quantity: "1" }] }),
  ev({ type: "StockTransferred", location: "HUB", lines: [{ item: "FLOUR", quantity: "1" }] }),
  ev({ type: "GoodsDistributed", location: "HUB", lines: [{ item: "FLOUR", quantity: "1" }] }),
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", households: 3 }),
  ev({
    type: "GoodsDistributed",
    location: "HUB",
    neighbourhood: "N1",
    lines: [{ item: "FLOUR", quantity: "1" }],
    note: "call +374 91 123456",
  }),
  ev({ type: "UnitArrived", unit: "24073082", location: "RAILHEAD", lines: [{ item: "FLOUR", quantity: "1" }] }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD" }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD", lines: [{ item: "SOAP", quantity: "1" }] }),
  ev({
    type: "GoodsUnloaded",
    unit: "24073082",
    location: "RAILHEAD",
    lines: [{ item: "FLOUR", quantity: "1", uom: "XXX" }],
  }),
  ev({
    type: "GoodsUnloaded",
    unit: "24073082",
    location: "RAILHEAD",
    lines: [{ item: "FLOUR", quantity: "1", uom: "MTQ" }],
  }),
  ev({
    type: "GoodsUnloaded",
    unit: "24073082",
    location: "RAILHEAD",
    lines: [{ item: "FLOUR", quantity: "1", expected: "1" }],
  }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD", lines: [{ item: "FLOUR", quantity: "0" }] }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD", lines: [{ item: "FLOUR", quantity: "-1" }] }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD", lines: [{ item: "FLOUR", quantity: "ten" }] }),
  ev({ type: "GoodsUnloaded", unit: "24073082", location: "RAILHEAD", lines: [{ item: "CRANE", quantity: "0.5" }] }),
  ev({ type: "EquipmentHandedOver", location: "HUB", to: "N1", lines: [{ item: "FLOUR", quantity: "1" }] }),
];

/** The reasons app/decide-request.ts and app/record-events.ts give beside the decision's own. */
const REQUEST_REASONS = [
  "your role in operation TEST-OP is viewer, which may not record GoodsUnloaded events",
  "event 0193c0de-0000-7000-8000-000000000001 was already recorded with different content; history is never overwritten, so record a correction as a new event",
  "unknown team TEAM-X in operation TEST-OP; add it first (POST /api/operations/TEST-OP/teams)",
  "only a device sign-in records an origin",
];

const serverReasons = () => [
  ...WRONG.flatMap((e) => {
    const decision = decideEvent(e, ctx);
    expect(decision.ok, JSON.stringify(e)).toBe(false);
    return decision.ok ? [] : decision.errors.map((x) => x.message);
  }),
  ...REQUEST_REASONS,
];

describe("the server's reasons for refusing an event, on the phone", () => {
  it("has a message of its own, in English and Russian, for every reason the server gives these events", () => {
    const reasons = serverReasons();
    expect(reasons.length).toBeGreaterThan(30);
    const unmatched = reasons.filter((r) => "text" in refusalReason(r));
    expect(unmatched).toEqual([]);
    for (const r of reasons) {
      const reason = refusalReason(r) as Extract<Reason, { key: unknown }>;
      expect(enField[reason.key], r).toBeTruthy();
      expect(ruField[reason.key], r).toMatch(/[а-яё]/i);
    }
  });

  it("keeps the codes the server named and says event types, roles and units of measure in words", () => {
    expect(refusalReason("unknown item SOAP in operation STP-RAIL-2020")).toEqual({
      key: "reason.unknownItem",
      vars: { item: "SOAP" },
    });
    expect(refusalReason("item FLOUR is counted in TNE, not MTQ")).toEqual({
      key: "reason.wrongUom",
      vars: { item: "FLOUR", uom: { uom: "TNE" }, given: { uom: "MTQ" } },
    });
    expect(refusalReason(REQUEST_REASONS[0]!)).toEqual({
      key: "reason.role",
      vars: { role: { key: "role.viewer" }, type: { key: "event.GoodsUnloaded" } },
    });
    expect(
      refusalReason(
        "the note looks like it holds a phone number; Reliefline stores no personal data of recipients, only counts of households and people",
      ),
    ).toEqual({ key: "reason.personal", vars: { kind: { key: "reason.kind.phone number" } } });
  });

  it("shows a reason it has no words for as the server wrote it", () => {
    expect(refusalReason("must have required property 'id'")).toEqual({ text: "must have required property 'id'" });
  });
});
