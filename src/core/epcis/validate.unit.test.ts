import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonPath, validateEpcis } from "./validate.ts";

const OURS = fileURLToPath(new URL("./gs1/EPCIS-JSON-Schema.json", import.meta.url));
const SHARED = fileURLToPath(
  new URL("../../../../shared/standards/epcis/schema/EPCIS-JSON-Schema.json", import.meta.url),
);

const minimal = () => ({
  "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2020-12-20T00:00:00Z",
  epcisBody: {
    eventList: [
      {
        type: "ObjectEvent",
        action: "OBSERVE",
        eventTime: "2020-12-19T10:00:00+04:00",
        eventTimeZoneOffset: "+04:00",
        epcList: [],
      },
    ],
  },
});

describe("EPCIS schema validation", () => {
  it.skipIf(!existsSync(SHARED))("uses GS1's schema unmodified", () => {
    expect(readFileSync(OURS, "utf8")).toBe(readFileSync(SHARED, "utf8"));
  });

  it("accepts a minimal document", () => expect(validateEpcis(minimal())).toEqual({ ok: true }));

  it("names the JSON path of a bad event time", () => {
    const doc = minimal();
    doc.epcisBody.eventList[0]!.eventTime = "19 December 2020";
    expect(validateEpcis(doc)).toMatchObject({
      ok: false,
      pointer: "/epcisBody/eventList/0/eventTime",
      path: "$.epcisBody.eventList[0].eventTime",
    });
  });

  it("names a missing required field", () => {
    const { creationDate: _, ...doc } = minimal();
    expect(validateEpcis(doc)).toMatchObject({
      ok: false,
      path: "$",
      message: '$ is missing the required field "creationDate"',
    });
  });

  it("refuses a bizStep that is neither a CBV short name nor a URI", () => {
    const doc = minimal() as ReturnType<typeof minimal> & { epcisBody: { eventList: Record<string, unknown>[] } };
    doc.epcisBody.eventList[0]!.bizStep = "handing out";
    expect(validateEpcis(doc)).toMatchObject({ ok: false, pointer: "/epcisBody/eventList/0/bizStep" });
  });

  it("writes pointers as JSONPath", () => {
    expect(jsonPath("")).toBe("$");
    expect(jsonPath("/a/0/b~1c/rl:team")).toBe('$.a[0]["b/c"]["rl:team"]');
  });
});
