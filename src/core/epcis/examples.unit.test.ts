// GS1's own EPCIS 2.0 examples against the importer: every one is valid EPCIS, and
// every one either maps to Reliefline events or is refused with the event's index and
// a precise reason. None of them uses our identifiers, so none imports as it is.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateEpcis } from "./validate.ts";
import { fromEpcisDocument, type ImportContext } from "./import.ts";
import { DEMO_CARS, DEMO_ITEMS, DEMO_LOCATIONS } from "../../demo/origin.ts";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/epcis/", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../../shared/standards/epcis/examples/", import.meta.url));

const demoCatalogue: ImportContext = {
  operation: "STP-RAIL-2020",
  locations: new Map([
    ...DEMO_LOCATIONS.map((l) => [l.code, l.kind] as const),
    ...DEMO_CARS.map((c) => [`unit:${c.number}`, "transport-unit"] as const),
  ]),
  items: new Set(DEMO_ITEMS.map((i) => i.code)),
};

/** What a reason may say: each refusal names one thing Reliefline cannot record. */
const REASONS = [
  /^event \d+: (TransformationEvent|AssociationEvent) is not supported: /,
  /^event \d+: instance-level identifier \S+ is not a transport unit of operation STP-RAIL-2020; /,
  /^event \d+: class-level identifier \S+ is not an item of operation STP-RAIL-2020$/,
  /^event \d+: bizStep \S+ has no Reliefline equivalent /,
  /^event \d+: sensor data \(sensorElementList\) is not supported$/,
  /^event \d+: error declarations are not supported: /,
];

function outcome(path: string) {
  const document: unknown = JSON.parse(readFileSync(path, "utf8"));
  const schema = validateEpcis(document);
  if (!schema.ok) return { schema: schema.message };
  return fromEpcisDocument(document, demoCatalogue);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith(".jsonld") ? [join(dir, f)] : [],
  );
}

describe("GS1's EPCIS 2.0 examples, imported into the demo operation", () => {
  const expected: Record<string, string> = {
    "Example_9.6.1-ObjectEvent.jsonld":
      "event 0: instance-level identifier urn:epc:id:sgtin:0614141.107346.2017 is not a transport unit of operation STP-RAIL-2020; Reliefline tracks goods by class and quantity (quantityList)",
    "Example_9.6.2-ObjectEvent.jsonld":
      "event 0: class-level identifier urn:epc:class:lgtin:4012345.012345.998877 is not an item of operation STP-RAIL-2020",
    "Example_9.6.3-AggregationEvent.jsonld":
      "event 0: instance-level identifier urn:epc:id:sgtin:0614141.107346.2017 is not a transport unit of operation STP-RAIL-2020; Reliefline tracks goods by class and quantity (quantityList)",
    "Example_9.6.4-TransformationEvent.jsonld":
      "event 0: TransformationEvent is not supported: Reliefline records goods moving between places (ObjectEvent, AggregationEvent, TransactionEvent), not transformations or associations",
    "EPCISQueryDocument.jsonld":
      "event 0: instance-level identifier urn:epc:id:sgtin:0614141.107346.2017 is not a transport unit of operation STP-RAIL-2020; Reliefline tracks goods by class and quantity (quantityList)",
    "Example-TransactionEvents-2020_07_03y.jsonld":
      "event 0: bizStep http://epcis.example.org/hc/bizstep/summarising_discharge has no Reliefline equivalent (supported: commissioning, loading, departing, arriving, unloading, receiving, storing, transporting, shipping, dispensing, destroying, accepting)",
    "object_event_all_possible_fields.jsonld":
      "event 0: error declarations are not supported: Reliefline never rewrites history; record a correcting event instead",
    "AssociationEvent-a.jsonld":
      "event 0: AssociationEvent is not supported: Reliefline records goods moving between places (ObjectEvent, AggregationEvent, TransactionEvent), not transformations or associations",
    "SensorDataExample1.jsonld": "event 0: sensor data (sensorElementList) is not supported",
  };

  it.each(Object.entries(expected))("refuses %s with a precise reason", (file, reason) => {
    const result = outcome(join(FIXTURES, file));
    expect(result).toMatchObject({ ok: false });
    expect("errors" in result && result.errors[0]!.message).toBe(reason);
  });

  it("points each refusal at its event in the document", () => {
    const result = outcome(join(FIXTURES, "EPCISQueryDocument.jsonld"));
    expect("errors" in result && result.errors.map((e) => e.field)).toEqual([
      "/epcisBody/queryResults/resultsBody/eventList/0",
      "/epcisBody/queryResults/resultsBody/eventList/1",
    ]);
  });

  describe.skipIf(!existsSync(SHARED))("all 47 in ../shared/standards/epcis/examples", () => {
    const files = existsSync(SHARED) ? walk(SHARED) : [];

    it("finds all 47", () => expect(files).toHaveLength(47));

    it.each(files.map((f) => [f.slice(SHARED.length), f]))(
      "%s: valid EPCIS, and imported or refused with a reason",
      (_name, path) => {
        const result = outcome(path);
        expect(result).not.toHaveProperty("schema");
        if ("ok" in result && !result.ok) {
          for (const e of result.errors)
            expect(
              REASONS.some((r) => r.test(e.message)),
              e.message,
            ).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: true });
        }
      },
    );
  });
});
