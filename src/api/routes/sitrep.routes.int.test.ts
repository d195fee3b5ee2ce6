// The situation report over HTTP: formats and their content types, the OpenAPI entry,
// bad input as problem+json, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { OP } from "../../../test/helpers/fixtures.ts";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { expectProblem, send, userWithRole } from "../../../test/helpers/http-bad-input.ts";

const URL_ = `/api/operations/${OP}/reports/sitrep`;
const PERIOD = "from=2020-12-01&to=2020-12-19";

describe("GET /api/operations/:op/reports/sitrep", () => {
  let t: TestApp;
  const get = (query: string, as: { cookie: string } | undefined = { cookie: t.admin }) =>
    send(t.app, "GET", `${URL_}?${query}`, { as });

  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it("answers the report as a JSON document by default, stamped with the ledger head", async () => {
    const res = await get(PERIOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const doc = res.json() as { title: string; footer: string; blocks: { kind: string; text?: string }[] };
    expect(doc.title).toBe("Situation report");
    expect(doc.footer).toMatch(new RegExp(`ledger of ${OP} at event 0, head hash 0{64}$`));
    expect(doc.blocks[0]).toMatchObject({
      kind: "paragraph",
      text: expect.stringContaining("No events were recorded for 1"),
    });
  });

  it("answers text, a standalone HTML page, and a PDF attachment", async () => {
    const text = await get(`${PERIOD}&format=text&lang=ru`);
    expect(text.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(text.body).toMatch(/^ОПЕРАТИВНАЯ СВОДКА\n/);
    const html = await get(`${PERIOD}&format=html`);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.body).not.toMatch(/<script|<link /);
    const pdf = await get(`${PERIOD}&format=pdf&lang=ru`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe(`attachment; filename="sitrep-${OP}-2020-12-01-2020-12-19-ru.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is in the OpenAPI document, which stays valid OpenAPI 3.1", async () => {
    const spec = (await send(t.app, "GET", "/api/openapi.json")).json() as {
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
    };
    const route = spec.paths["/api/operations/{op}/reports/sitrep"]!.get!;
    expect(Object.keys(route.responses["200"]!.content!)).toEqual([
      "application/json",
      "text/plain",
      "text/html",
      "application/pdf",
    ]);
    const result = await new Validator().validate(spec as never);
    expect(result.valid, JSON.stringify(result.errors)).toBe(true);
  });

  describe("refuses bad input with problem+json naming the parameter", () => {
    it.each([
      ["the start after the end", "from=2020-12-19&to=2020-12-01", "/from"],
      ["a day that does not exist", "from=2020-02-30&to=2020-03-01", "/from"],
      ["a malformed date", "from=1.12.2020&to=2020-12-19", "/from"],
      ["a missing end", "from=2020-12-01", "/to"],
      ["an end that has not come yet", "from=2020-12-01&to=2040-01-01", "/to"],
      ["an unknown language", `${PERIOD}&lang=fr`, "/lang"],
      ["an unknown format", `${PERIOD}&format=docx`, "/format"],
      ["an unknown parameter", `${PERIOD}&colour=red`, "/colour"],
    ])("%s", async (_name, query, field) => {
      expectProblem(await get(query), 400, field);
    });

    it("an unknown operation", async () => {
      expectProblem(
        await send(t.app, "GET", `/api/operations/NO-SUCH-OP/reports/sitrep?${PERIOD}`, { as: { cookie: t.admin } }),
        404,
      );
    });
  });

  describe("who may read it", () => {
    it("asks for sign-in without a session", async () =>
      expectProblem(await send(t.app, "GET", `${URL_}?${PERIOD}`), 401));
    it("hides the operation from a user without a role in it", async () => {
      expectProblem(await get(PERIOD, await userWithRole(t, "outsider@example.org")), 404);
    });
    it("lets a viewer read it", async () => {
      expect(
        (await get(`${PERIOD}&format=text`, await userWithRole(t, "viewer@example.org", "viewer"))).statusCode,
      ).toBe(200);
    });
  });
});
