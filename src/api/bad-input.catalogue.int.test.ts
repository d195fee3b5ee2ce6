// Bad input to the catalogue routes (locations and items): each is refused with
// problem+json naming the field, and nothing is stored.
import { afterAll, beforeAll, describe } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { LONE_SURROGATE, NUL, notJsonCases, refuses, seedOtherOperation } from "../../test/helpers/http-bad-input.ts";

describeEachEngine("bad input to the catalogue", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    await seedOtherOperation(t);
    // The API refuses a recipients: code for any other kind, so older data is the only way to
    // have a location squatting on what neighbourhood N9 would need: write it with SQL.
    await t.db.query(
      `insert into locations (operation_id, code, name, kind) select id, 'recipients:N9', 'Squatter', 'warehouse' from operations where code = $1`,
      [OP],
    );
  });
  afterAll(async () => t.close());

  const admin = () => ({ cookie: t.admin });

  describe("POST /api/operations/:op/locations", () => {
    const url = `/api/operations/${OP}/locations`;
    const valid = { code: "WH-1", name: "Warehouse one", kind: "warehouse" };
    refuses(
      () => ({ t, method: "POST", url, as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "a code that is a number", body: { ...valid, code: 1 }, status: 400, names: "/code" },
        { name: "a code with spaces", body: { ...valid, code: "WH 1" }, status: 400, names: "/code" },
        { name: "a code of 65 characters", body: { ...valid, code: "W".repeat(65) }, status: 400, names: "/code" },
        { name: "a missing kind", body: { code: valid.code, name: valid.name }, status: 400, names: "/kind" },
        { name: "a missing name", body: { code: valid.code, kind: valid.kind }, status: 400, names: "/name" },
        { name: "an unknown kind", body: { ...valid, kind: "castle" }, status: 400, names: "/kind" },
        { name: "a latitude given as text", body: { ...valid, latitude: "40.1" }, status: 400, names: "/latitude" },
        { name: "a latitude beyond 90", body: { ...valid, latitude: 91 }, status: 400, names: "/latitude" },
        { name: "a longitude beyond -180", body: { ...valid, longitude: -180.5 }, status: 400, names: "/longitude" },
        { name: "a malformed UN/LOCODE", body: { ...valid, unlocode: "Yerevan" }, status: 400, names: "/unlocode" },
        { name: "a virtual kind (transit)", body: { ...valid, kind: "transit" }, status: 422, names: "/kind" },
        { name: "a virtual kind (recipients)", body: { ...valid, kind: "recipients" }, status: 422, names: "/kind" },
        { name: "a code already in use", body: { ...valid, code: "HUB" }, status: 409, names: "/code" },
        {
          name: "a code taken by a virtual location",
          body: { ...valid, code: "transit" },
          status: 409,
          names: "/code",
        },
        { name: "an unknown parent", body: { ...valid, parent: "NO-SUCH-PLACE" }, status: 422, names: "/parent" },
        {
          name: "a parent that exists only in another operation",
          body: { ...valid, parent: "ONLY-OTHER" },
          status: 422,
          names: "/parent",
        },
        {
          name: "an unknown organisation",
          body: { ...valid, organisation: "NO-SUCH-ORG" },
          status: 422,
          names: "/organisation",
        },
        {
          name: "a donor location without an organisation",
          body: { code: "donor:X", name: "Donor", kind: "donor" },
          status: 422,
          names: "/organisation",
        },
        {
          name: "a donor location not named donor:<organisation>",
          body: { code: "GIVER", name: "Donor", kind: "donor", organisation: "DONOR-OTHER-OP" },
          status: 422,
          names: "/code",
        },
        {
          name: "an operation that does not exist",
          url: "/api/operations/NO-SUCH-OP/locations",
          body: valid,
          status: 404,
          names: "NO-SUCH-OP",
        },
        { name: "a name containing a NUL character", body: { ...valid, name: NUL }, status: "4xx", names: "/name" },
        {
          name: "a name containing an unpaired surrogate (\\ud800)",
          body: { ...valid, name: LONE_SURROGATE },
          status: "4xx",
          names: "/name",
        },
        {
          name: "a neighbourhood whose recipients:<code> location already exists",
          body: { code: "N9", name: "Neighbourhood nine", kind: "neighbourhood" },
          status: [409, 422],
          names: "recipients:N9",
        },
        {
          name: "a warehouse whose code claims to be a recipients location",
          body: { code: "recipients:X1", name: "Not recipients", kind: "warehouse" },
          status: 422,
          names: "/code",
        },
        {
          name: "a warehouse whose code claims to be a transport unit",
          body: { code: "unit:24073082X", name: "Not a unit", kind: "warehouse" },
          status: 422,
          names: "/code",
        },
      ],
    );
  });

  describe("POST /api/operations/:op/items", () => {
    const url = `/api/operations/${OP}/items`;
    const valid = { code: "RICE", name: "Rice", uom: "KGM", kind: "goods" };
    refuses(
      () => ({ t, method: "POST", url, as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "a code that is a number", body: { ...valid, code: 5 }, status: 400, names: "/code" },
        { name: "a name that is a number", body: { ...valid, name: 5 }, status: 400, names: "/name" },
        {
          name: "a missing unit of measure",
          body: { code: valid.code, name: valid.name, kind: valid.kind },
          status: 400,
          names: "/uom",
        },
        { name: "a unit of measure in lower case", body: { ...valid, uom: "kgm" }, status: 400, names: "/uom" },
        { name: "an unknown unit of measure XYZ", body: { ...valid, uom: "XYZ" }, status: 422, names: "/uom" },
        { name: "an unknown kind", body: { ...valid, kind: "food" }, status: 400, names: "/kind" },
        { name: "a weight given as a number", body: { ...valid, weightKg: 25 }, status: 400, names: "/weightKg" },
        { name: "a negative weight", body: { ...valid, weightKg: "-25" }, status: 400, names: "/weightKg" },
        { name: "a non-numeric volume", body: { ...valid, volumeM3: "lots" }, status: 400, names: "/volumeM3" },
        { name: "a weight given as a boolean", body: { ...valid, weightKg: true }, status: 400, names: "/weightKg" },
        { name: "a code already in use", body: { ...valid, code: "FLOUR" }, status: 409, names: "/code" },
        {
          name: "an operation that does not exist",
          url: "/api/operations/NO-SUCH-OP/items",
          body: valid,
          status: 404,
          names: "NO-SUCH-OP",
        },
        { name: "a name containing a NUL character", body: { ...valid, name: NUL }, status: "4xx", names: "/name" },
      ],
    );
  });
});
