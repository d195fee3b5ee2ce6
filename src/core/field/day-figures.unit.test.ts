// Today's lead figures on the phone: the press statement's rule over the units the phone
// holds, with its own events the ledger it read does not have yet applied on top.
import { describe, expect, it } from "vitest";
import { dayLeadFigures, notYetRead } from "./day-figures.ts";
import { byEndOf } from "./today.ts";
import type { OutboxEntry } from "./outbox.ts";
import type { WsConsignment, WsUnit } from "../working-set.ts";

const consignment: WsConsignment = { code: "C", name: "Cars", names: {}, plannedUnits: 5 };
const unit = (number: string, over: Partial<WsUnit>): WsUnit => ({
  number,
  scheme: "rail1520",
  kind: "covered-wagon",
  consignment: "C",
  part: 1,
  manifest: [],
  status: "departed",
  trip: 1,
  lastLocation: "DEPOT",
  loadedAt: "2020-12-15T10:00:00Z",
  departedAt: "2020-12-15T12:00:00Z",
  arrivedAt: null,
  arrivedLocation: null,
  unloadedAt: null,
  receivedAt: null,
  loaded: {},
  unloaded: {},
  received: {},
  ...over,
});
const units = [
  unit("1", {
    status: "unloaded",
    arrivedAt: "2020-12-19T05:00:00Z",
    arrivedLocation: "RH",
    unloadedAt: "2020-12-19T06:00:00Z",
  }),
  unit("2", { status: "unloaded", unloadedAt: "2020-12-19T07:00:00Z" }),
  unit("3", {}),
  unit("4", {}),
];
let n = 0;
const entry = (
  type: string,
  unitNumber: string,
  over: Partial<OutboxEntry> = {},
  time = "2020-12-19T09:00:00.000+04:00",
): OutboxEntry =>
  ({
    id: `e${++n}`,
    n,
    event: {
      id: `e${n}`,
      type,
      eventTime: time,
      unit: unitNumber,
      location: "RH",
      lines: [{ item: "LUMBER", quantity: "19" }],
    },
    route: { kind: "batch" },
    state: "waiting",
    flow: "unload",
    attempts: 0,
    recordedAt: time,
    ...over,
  }) as OutboxEntry;
const day = byEndOf("2020-12-19", "Asia/Yerevan");

describe("the day's lead figures on the phone", () => {
  it("count what the ledger holds by the press statement's rule: an unloading means the car arrived", () => {
    const [c] = dayLeadFigures([consignment], units, [], 0, day);
    expect(c).toMatchObject({
      code: "C",
      planned: 5,
      arrived: { reached: 2, recorded: 1, implied: 1 },
      unloaded: { reached: 2, recorded: 2, implied: 0 },
      pendingUnits: 0,
    });
  });

  it("include the phone's own unloading that waits to be sent, as the statement will count it once stored", () => {
    const waiting = ["UnitArrived", "GoodsUnloaded", "GoodsReceived"].map((t) => entry(t, "3"));
    const [c] = dayLeadFigures([consignment], units, waiting, 0, day);
    expect(c).toMatchObject({
      arrived: { reached: 3, recorded: 2, implied: 1 },
      unloaded: { reached: 3, recorded: 3 },
      pendingUnits: 1,
    });
  });

  it("leave out refused, conflicting and discarded events, events after the day, and stored events the phone has already read", () => {
    const late = entry("GoodsUnloaded", "4", {}, "2020-12-20T09:00:00.000+04:00");
    const refused = entry("GoodsUnloaded", "3", { state: "refused" });
    const conflict = entry("GoodsUnloaded", "3", { state: "conflict" });
    const discarded = entry("GoodsUnloaded", "3", { state: "discarded" });
    // A loading stored before the phone's last read is already in unit 1's state: applied again it would start a new trip.
    const read = entry("GoodsShipped", "1", { state: "stored", seq: 40 }, "2020-12-19T10:00:00.000+04:00");
    const [c] = dayLeadFigures([consignment], units, [late, refused, conflict, discarded, read], 50, day);
    expect(c!.arrived).toEqual({ reached: 2, recorded: 1, implied: 1 });
    expect(notYetRead(read, 50)).toBe(false);
    expect(notYetRead(read, 39)).toBe(true);
    // Not read yet: the ledger will project it as unit 1's next trip, so unit 1 no longer counts as arrived on its current trip.
    const [d] = dayLeadFigures([consignment], units, [read], 39, day);
    expect(d!.arrived).toEqual({ reached: 1, recorded: 0, implied: 1 });
  });
});
