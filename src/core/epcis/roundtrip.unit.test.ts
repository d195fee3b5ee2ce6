// The EPCIS mapping without a database: given recorded events, the export is
// schema-valid and the import gives back inputs that say the same thing.
import { describe, expect, it } from "vitest";
import type { LedgerEvent, RecordedEvent } from "../events.ts";
import { toEpcisDocument, offsetOf, withSeconds, type ExportContext } from "./export.ts";
import { fromEpcisDocument, type ImportContext } from "./import.ts";
import { validateEpcis } from "./validate.ts";

const OP = "OP-1";
const exportCtx: ExportContext = {
  operation: OP,
  locations: new Map([
    ["HUB", { kind: "hub-warehouse" }],
    ["RH", { kind: "railhead", unlocode: "AM EVN" }],
    ["N1", { kind: "neighbourhood" }],
    ["donor:UN", { kind: "donor" }],
    ["loss", { kind: "loss" }],
    ["recipients:N1", { kind: "recipients" }],
    ["unit:T 1/2", { kind: "transport-unit" }],
  ]),
  now: new Date("2021-01-01T00:00:00Z"),
};
const importCtx: ImportContext = {
  operation: "OP-2",
  locations: new Map([...exportCtx.locations].map(([code, l]) => [code, l.kind])),
  items: new Set(["FLOUR", "KIT"]),
};

const id = (n: number) => `0176a1b2-0000-7000-8000-${String(n).padStart(12, "0")}`;
const ledger: LedgerEvent[] = [
  {
    id: id(1),
    type: "GoodsPledged",
    eventTime: "2020-12-01T09:00Z",
    location: "HUB",
    from: "donor:UN",
    to: "HUB",
    lines: [{ item: "FLOUR", quantity: "12.5", uom: "TNE" }],
  },
  {
    id: id(2),
    type: "GoodsShipped",
    eventTime: "2020-12-02T09:00:00+04:00",
    location: "HUB",
    unit: "T 1/2",
    from: "HUB",
    to: "unit:T 1/2",
    lines: [{ item: "KIT", quantity: "40", uom: "H87" }],
  },
  { id: id(3), type: "UnitArrived", eventTime: "2020-12-02T15:00:00.5+04:00", location: "RH", unit: "T 1/2" },
  {
    id: id(4),
    type: "GoodsReceived",
    eventTime: "2020-12-02T16:00:00+04:00",
    location: "RH",
    unit: "T 1/2",
    from: "unit:T 1/2",
    lines: [{ item: "KIT", quantity: "38", expected: "40", uom: "H87", condition: "damaged" }],
  },
  {
    id: id(5),
    type: "GoodsDistributed",
    eventTime: "2020-12-03T10:00:00+04:00",
    location: "HUB",
    from: "HUB",
    to: "recipients:N1",
    neighbourhood: "N1",
    team: "T-1",
    households: 12,
    people: 40,
    note: "first round",
    lines: [{ item: "FLOUR", quantity: "0.25", uom: "TNE" }],
  },
  {
    id: id(6),
    type: "StockWrittenOff",
    eventTime: "2020-12-04T10:00:00-03:30",
    from: "HUB",
    to: "loss",
    lines: [{ item: "FLOUR", quantity: "1", uom: "TNE" }],
  },
];
const records: RecordedEvent[] = ledger.map((event, i) => ({
  operationId: "x",
  seq: i + 1,
  recordedAt: "2021-01-01T00:00:00.000Z",
  recordedBy: "u",
  event,
  prevHash: "0",
  hash: String(i),
}));

describe("an EPCIS round trip without a database", () => {
  const doc = toEpcisDocument(records, exportCtx);

  it("exports a schema-valid document, URIs percent-encoded", () => {
    expect(validateEpcis(doc)).toEqual({ ok: true });
    expect(doc.epcisBody.eventList[1]).toMatchObject({
      type: "AggregationEvent",
      action: "ADD",
      parentID: "https://id.reliefline.org/OP-1/unit/T%201%2F2",
    });
  });

  it("imports into another operation with the same codes as the same inputs", () => {
    const result = fromEpcisDocument(doc, importCtx);
    expect(result.ok).toBe(true);
    const inputs = result.ok ? result.events : [];
    expect(inputs[0]).toEqual({
      id: id(1),
      type: "GoodsPledged",
      eventTime: "2020-12-01T09:00:00Z",
      location: "HUB",
      from: "donor:UN",
      to: "HUB",
      lines: [{ item: "FLOUR", quantity: "12.5", uom: "TNE" }],
    });
    expect(inputs[1]).toEqual({
      id: id(2),
      type: "GoodsShipped",
      eventTime: ledger[1]!.eventTime,
      location: "HUB",
      unit: "T 1/2",
      from: "HUB",
      lines: [{ item: "KIT", quantity: "40", uom: "H87" }],
    });
    expect(inputs[3]).toMatchObject({
      unit: "T 1/2",
      lines: [{ item: "KIT", quantity: "38", expected: "40", condition: "damaged" }],
    });
    expect(inputs[4]).toEqual({
      id: id(5),
      type: "GoodsDistributed",
      eventTime: ledger[4]!.eventTime,
      location: "HUB",
      from: "HUB",
      neighbourhood: "N1",
      team: "T-1",
      households: 12,
      people: 40,
      note: "first round",
      lines: [{ item: "FLOUR", quantity: "0.25", uom: "TNE" }],
    });
    expect(inputs[5]).toMatchObject({ type: "StockWrittenOff", from: "HUB", to: "loss" });
  });

  it("refuses an rl:type that contradicts the bizStep", () => {
    const bad = structuredClone(doc);
    bad.epcisBody.eventList[0]!["rl:type"] = "GoodsStored";
    expect(fromEpcisDocument(bad, importCtx)).toMatchObject({
      ok: false,
      errors: [
        {
          field: "/epcisBody/eventList/0",
          message: "event 0: rl:type GoodsStored does not match bizStep commissioning (expected storing)",
        },
      ],
    });
  });

  it("refuses a donor the operation does not have, and a negative household count", () => {
    const bad = structuredClone(doc);
    bad.epcisBody.eventList[0]!.sourceList = [{ type: "owning_party", source: "https://id.reliefline.org/org/OTHER" }];
    bad.epcisBody.eventList[4]!["rl:households"] = -1;
    expect(fromEpcisDocument(bad, importCtx)).toMatchObject({
      ok: false,
      errors: [
        { message: "event 0: source party https://id.reliefline.org/org/OTHER is not a donor of operation OP-2" },
        { message: "event 4: rl:households must be a whole number, zero or more" },
      ],
    });
  });

  it("names events without a urn:uuid by a stable name-based UUID", () => {
    const foreign = structuredClone(doc);
    foreign.epcisBody.eventList[0]!.eventID = "ni:///sha-256;abc?ver=CBV2.0";
    const [a, b] = [fromEpcisDocument(foreign, importCtx), fromEpcisDocument(foreign, importCtx)];
    const idOf = (r: typeof a) => (r.ok ? r.events[0]!.id : "");
    expect(idOf(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idOf(b)).toBe(idOf(a));
  });

  it("writes time-zone offsets EPCIS's way", () => {
    expect(offsetOf("2020-12-01T09:00Z")).toBe("+00:00");
    expect(offsetOf("2020-12-04T10:00:00-03:30")).toBe("-03:30");
    expect(withSeconds("2020-12-01T09:00+04:00")).toBe("2020-12-01T09:00:00+04:00");
  });
});
