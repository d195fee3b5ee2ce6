// The demo operation out as EPCIS 2.0 and back in: the export is valid against GS1's
// schema, and importing it into an empty operation with the same catalogue gives the
// same stock, on both engines.
import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, emptyDemoCopy, seedDemo } from "../../test/helpers/demo.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { exportEpcis, importEpcis } from "./epcis.ts";
import { stockBalances } from "./stock.ts";
import { validateEpcis } from "../core/epcis/validate.ts";
import type { EpcisDocument, EpcisEvent } from "../core/epcis/export.ts";
import { findOperationWithHead } from "../store/catalogue.sql.ts";

describeOnEngines("EPCIS export and import of the demo operation", (db) => {
  let admin: Principal;
  let doc: EpcisDocument;
  const events = () => doc.epcisBody.eventList;
  const byType = (t: string) => events().filter((e) => e["rl:type"] === t);

  beforeAll(async () => {
    admin = await seedDemo(db());
    doc = await exportEpcis(db(), admin, DEMO, NOW);
  });

  describe("the export", () => {
    it("is a valid EPCIS 2.0 document by GS1's JSON schema", () => {
      expect(validateEpcis(doc)).toEqual({ ok: true });
    });

    it("holds every event of the ledger, in sequence, with the official context and our namespace", async () => {
      const op = await findOperationWithHead(db(), DEMO);
      expect(events()).toHaveLength(op!.lastSeq);
      expect(events().map((e) => e["rl:seq"])).toEqual(Array.from({ length: op!.lastSeq }, (_, i) => i + 1));
      expect(doc["@context"]).toEqual([
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        { rl: "https://id.reliefline.org/ns/epcis/" },
      ]);
      expect(doc).toMatchObject({ type: "EPCISDocument", schemaVersion: "2.0", creationDate: NOW.toISOString() });
    });

    it("writes a pledge as an ObjectEvent ADD from the donor, in the pledge's own time zone", () => {
      const [pledge] = byType("GoodsPledged") as [EpcisEvent];
      expect(pledge).toMatchObject({
        type: "ObjectEvent",
        action: "ADD",
        bizStep: "commissioning",
        disposition: "active",
        eventTime: "2020-11-25T10:00:00+03:00",
        eventTimeZoneOffset: "+03:00",
        readPoint: { id: "https://id.reliefline.org/STP-RAIL-2020/location/NOGINSK" },
        sourceList: [{ type: "owning_party", source: "https://id.reliefline.org/org/MCHS" }],
        destinationList: [
          { type: "location", destination: "https://id.reliefline.org/STP-RAIL-2020/location/NOGINSK" },
        ],
        "rl:team": "MCHS-NOGINSK",
      });
      expect(pledge.eventID).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(pledge.quantityList).toContainEqual({
        epcClass: "https://id.reliefline.org/STP-RAIL-2020/item/LUMBER",
        quantity: 300,
        uom: "MTQ",
      });
    });

    it("writes loading and unloading as aggregation into and out of the rail car", () => {
      const load = byType("GoodsLoaded")[0]!;
      const unload = byType("GoodsUnloaded")[0]!;
      expect(load).toMatchObject({
        type: "AggregationEvent",
        action: "ADD",
        bizStep: "loading",
        parentID: expect.stringMatching(/\/unit\/\d{8}$/),
      });
      expect(unload).toMatchObject({
        type: "AggregationEvent",
        action: "DELETE",
        bizStep: "unloading",
        eventTimeZoneOffset: "+04:00",
      });
    });

    it("keeps the railhead's UN/LOCODE beside its private URI", () => {
      const arrival = byType("UnitArrived").find((e) => (e.readPoint as { id: string }).id.endsWith("/AM-EVN"))!;
      expect(arrival).toMatchObject({
        type: "ObjectEvent",
        action: "OBSERVE",
        bizStep: "arriving",
        readPoint: { "rl:unlocode": "AM EVN" },
      });
      expect(arrival.epcList).toHaveLength(1);
    });

    it("says a short count at the hub is a quantity mismatch, with expected and counted", () => {
      const [count] = byType("GoodsReceived") as [EpcisEvent];
      expect(count).toMatchObject({
        bizStep: "receiving",
        disposition: "mismatch_quantity",
        quantityList: [{ quantity: 5960, uom: "H87" }],
        "rl:lines": [{ item: "BLANKET", expected: "6000", condition: "good" }],
      });
    });
  });

  describe("importing the export into an empty operation with the same catalogue", () => {
    const COPY = "STP-COPY";
    beforeAll(async () => emptyDemoCopy(db(), admin, COPY));

    it("records every event and gives identical stock balances", async () => {
      const result = await importEpcis(db(), admin, COPY, doc, NOW);
      expect(result).toMatchObject({ events: events().length, created: events().length, duplicates: 0 });
      const [original, copy] = [await stockBalances(db(), admin, DEMO, {}), await stockBalances(db(), admin, COPY, {})];
      expect(copy).toEqual(original);
      expect(copy.length).toBeGreaterThan(5);
    });

    it("answers a second import of the same document as duplicates", async () => {
      expect(await importEpcis(db(), admin, COPY, doc, NOW)).toMatchObject({ created: 0, duplicates: events().length });
    });

    it("exports the copy as the same facts", async () => {
      const again = await exportEpcis(db(), admin, COPY, NOW);
      const facts = (d: EpcisDocument) =>
        JSON.stringify(d.epcisBody.eventList.map(({ recordTime: _r, "rl:hash": _h, ...e }) => e)).replaceAll(
          COPY,
          DEMO,
        );
      expect(facts(again)).toBe(facts(doc));
    });
  });

  describe("a document that cannot be imported", () => {
    const EMPTY = "STP-EMPTY";
    beforeAll(async () => emptyDemoCopy(db(), admin, EMPTY));
    const lastSeq = async () => (await findOperationWithHead(db(), EMPTY))!.lastSeq;

    it("is refused with the JSON path of its first schema error, and nothing is imported", async () => {
      const broken = structuredClone(doc) as unknown as { epcisBody: { eventList: Record<string, unknown>[] } };
      broken.epcisBody.eventList[3]!.eventTimeZoneOffset = "+4";
      await expect(importEpcis(db(), admin, EMPTY, broken, NOW)).rejects.toMatchObject({
        code: "invalid",
        errors: [{ field: "/epcisBody/eventList/3/eventTimeZoneOffset" }],
        message: expect.stringContaining("$.epcisBody.eventList[3].eventTimeZoneOffset"),
      });
      expect(await lastSeq()).toBe(0);
    });

    it("is refused whole when one event names an item the operation does not have", async () => {
      const bad = structuredClone(doc);
      const last = bad.epcisBody.eventList.findLastIndex((e) => e.quantityList !== undefined);
      bad.epcisBody.eventList[last]!.quantityList = [
        { epcClass: "https://id.reliefline.org/STP-RAIL-2020/item/RICE", quantity: 1, uom: "TNE" },
      ];
      await expect(importEpcis(db(), admin, EMPTY, bad, NOW)).rejects.toMatchObject({
        code: "invalid",
        message: `Nothing was imported: event ${last}: class-level identifier https://id.reliefline.org/STP-RAIL-2020/item/RICE is not an item of operation ${EMPTY}.`,
      });
      expect(await lastSeq()).toBe(0);
    });

    it("reports what the ledger refuses in EPCIS terms", async () => {
      const bad = structuredClone(doc);
      const [i, pledge] = [...bad.epcisBody.eventList.entries()].find(([, e]) => e["rl:type"] === "GoodsPledged")!;
      (pledge.quantityList as { uom: string }[])[0]!.uom = "KGM";
      await expect(importEpcis(db(), admin, EMPTY, bad, NOW)).rejects.toMatchObject({
        code: "invalid",
        errors: [
          {
            field: `/epcisBody/eventList/${i}`,
            message: expect.stringMatching(new RegExp(`^event ${i}: item \\w+ is counted in \\w+, not KGM`)),
          },
        ],
      });
      expect(await lastSeq()).toBe(0);
    });
  });
});
