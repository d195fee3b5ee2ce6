// The exchange routes over HTTP, in-process, on the demo operation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import { freshPglite } from "../../../test/helpers/engines.ts";
import { DEMO, emptyDemoCopy, seedDemo } from "../../../test/helpers/demo.ts";
import { problem, signIn, testApp, type TestApp } from "../../../test/helpers/http.ts";
import { createUser, grantRole } from "../../app/identity.ts";
import type { Principal } from "../../app/principal.ts";
import { findOperationWithHead } from "../../store/catalogue.sql.ts";

const GS1_EXAMPLE = fileURLToPath(
  new URL("../../../test/fixtures/epcis/Example_9.6.2-ObjectEvent.jsonld", import.meta.url),
);

describe("the exchange routes", () => {
  let t: TestApp;
  let demoAdmin: Principal;
  const COPY = "STP-HTTP-COPY";
  const get = (url: string, cookie = t.admin) => t.app.inject({ method: "GET", url, headers: { cookie } });
  const post = (url: string, payload: string | object, type = "application/json") =>
    t.app.inject({
      method: "POST",
      url,
      headers: { cookie: t.admin, "content-type": type },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
  const lastSeq = async () => (await findOperationWithHead(t.db, COPY))!.lastSeq;
  const expectProblem = (res: Awaited<ReturnType<typeof get>>, status: number) => {
    const p = problem(res);
    expect(p.status).toBe(status);
    expect(p.contentType).toContain("application/problem+json");
    return p;
  };

  beforeAll(async () => {
    const db = await freshPglite();
    demoAdmin = await seedDemo(db);
    await emptyDemoCopy(db, demoAdmin, COPY);
    t = await testApp(db);
  });
  afterAll(async () => t.close());

  it("lists the four routes in the OpenAPI document, which stays valid OpenAPI 3.1", async () => {
    const spec = (await get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    for (const path of [
      "/api/operations/{op}/export/epcis",
      "/api/operations/{op}/export/stock.csv",
      "/api/operations/{op}/export/distributions.csv",
      "/api/operations/{op}/import/epcis",
    ]) {
      expect(spec.paths).toHaveProperty([path]);
    }
    const result = await new Validator().validate(spec as never);
    expect(result.errors ?? []).toEqual([]);
  });

  it("exports EPCIS as JSON-LD and imports it into an empty copy of the catalogue", async () => {
    const res = await get(`/api/operations/${DEMO}/export/epcis`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/ld+json");
    const doc = res.json() as { epcisBody: { eventList: unknown[] } };
    const imported = await post(`/api/operations/${COPY}/import/epcis`, doc, "application/ld+json");
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({
      events: doc.epcisBody.eventList.length,
      created: doc.epcisBody.eventList.length,
      duplicates: 0,
    });
    const [a, b] = [await get(`/api/operations/${DEMO}/stock`), await get(`/api/operations/${COPY}/stock`)];
    expect(b.json()).toEqual(a.json());
  });

  it("serves stock as CSV, with the HXL row when hxl=1", async () => {
    const plain = await get(`/api/operations/${DEMO}/export/stock.csv`);
    const hxl = await get(`/api/operations/${DEMO}/export/stock.csv?hxl=1`);
    expect(plain.headers["content-type"]).toContain("text/csv");
    expect(plain.body.split("\r\n")[1]).toMatch(/^STP-RAIL-2020,/);
    expect(hxl.body.split("\r\n")[1]).toBe(
      "#activity +programme +code,#loc +code,#loc +name,#loc +type,#org +code,#item +code,#item +name,#indicator +num +x_stock,#item +x_uom,#date +reported,#meta +source",
    );
  });

  it("serves distributions as CSV (the demo has none yet: a header row only)", async () => {
    const res = await get(`/api/operations/${DEMO}/export/distributions.csv?hxl=1`);
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split("\r\n")).toHaveLength(2);
  });

  describe("bad input: 4xx problem details, nothing imported", () => {
    it("refuses an unknown operation (404)", async () => {
      expectProblem(await get("/api/operations/NOPE/export/epcis"), 404);
      expectProblem(await post("/api/operations/NOPE/import/epcis", { type: "EPCISDocument" }), 404);
    });

    it("refuses hxl=maybe (400)", async () => {
      expectProblem(await get(`/api/operations/${DEMO}/export/stock.csv?hxl=maybe`), 400);
      expectProblem(await get(`/api/operations/${DEMO}/export/distributions.csv?format=xlsx`), 400);
    });

    it("asks who is calling (401)", async () => {
      expectProblem(await get(`/api/operations/${DEMO}/export/epcis`, ""), 401);
    });

    it("lets a viewer export but not import (403)", async () => {
      await createUser(t.db, "system", { email: "viewer@example.org", name: "Viewer", password: "viewer password 1" });
      await grantRole(t.db, "system", COPY, "viewer@example.org", "viewer");
      const viewer = await signIn(t.app, "viewer@example.org", "viewer password 1");
      expect((await get(`/api/operations/${COPY}/export/epcis`, viewer)).statusCode).toBe(200);
      const doc = (await get(`/api/operations/${DEMO}/export/epcis`)).json() as object;
      const before = await lastSeq();
      const res = await t.app.inject({
        method: "POST",
        url: `/api/operations/${COPY}/import/epcis`,
        headers: { cookie: viewer, "content-type": "application/json" },
        payload: doc,
      });
      expect(expectProblem(res, 403).detail).toMatch(/viewer, which may not record events/);
      expect(await lastSeq()).toBe(before);
    });

    it("refuses a body that is not JSON or not an object (400), and one in a type it does not read (415)", async () => {
      const before = await lastSeq();
      expectProblem(await post(`/api/operations/${COPY}/import/epcis`, "{not json", "application/ld+json"), 400);
      expectProblem(await post(`/api/operations/${COPY}/import/epcis`, [1, 2]), 400);
      expectProblem(await post(`/api/operations/${COPY}/import/epcis`, "<xml/>", "application/xml"), 415);
      expect(await lastSeq()).toBe(before);
    });

    it("names the JSON path of the first schema error (422)", async () => {
      const before = await lastSeq();
      const p = expectProblem(
        await post(`/api/operations/${COPY}/import/epcis`, {
          type: "EPCISDocument",
          schemaVersion: "2.0",
          creationDate: "yesterday",
          "@context": [],
          epcisBody: { eventList: [] },
        }),
        422,
      );
      expect(p.detail).toContain("$.creationDate");
      expect(p.errors[0]!.field).toBe("/creationDate");
      expect(await lastSeq()).toBe(before);
    });

    it("refuses GS1's own example with the reason (422)", async () => {
      const before = await lastSeq();
      const p = expectProblem(
        await post(`/api/operations/${COPY}/import/epcis`, readFileSync(GS1_EXAMPLE, "utf8"), "application/ld+json"),
        422,
      );
      expect(p.detail).toBe(
        `Nothing was imported: event 0: class-level identifier urn:epc:class:lgtin:4012345.012345.998877 is not an item of operation ${COPY}.`,
      );
      expect(p.errors).toEqual([{ field: "/epcisBody/eventList/0", message: expect.stringMatching(/^event 0: /) }]);
      expect(await lastSeq()).toBe(before);
    });
  });
});
