// GET /api/operations/:op/reports/press over HTTP, in-process, on the demo operation;
// and the item API's optional names in other languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../../test/helpers/demo.ts";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { expectNothingStored, expectProblem, send } from "../../../test/helpers/http-bad-input.ts";
import { OP } from "../../../test/helpers/fixtures.ts";

describe("the press statement over HTTP", () => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers: { cookie: t.admin, ...headers } });
  const press = `/api/operations/${DEMO}/reports/press`;

  beforeAll(async () => {
    const db = await freshPglite();
    await seedDemo(db);
    t = await testApp(db);
  });
  afterAll(async () => t.close());

  it("answers JSON with the text, the language, the date and every figure with its query", async () => {
    const res = await get(`${press}?date=2020-12-19&lang=ru`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const body = res.json() as {
      text: string;
      lang: string;
      date: string;
      timeZone: string;
      figures: { id: string; value: string; unit: string; query: { sql: string; params: unknown[] } }[];
    };
    expect(body).toMatchObject({ lang: "ru", date: "2020-12-19", timeZone: "Asia/Yerevan" });
    expect(body.text).toContain(
      "17\u00a0вагонов с гуманитарной помощью: 300\u00a0кубометров пиломатериалов и автокран на платформе",
    );
    expect(body.figures.find((f) => f.id === "STP-54/unloaded/LUMBER")).toMatchObject({
      value: "300",
      unit: "MTQ",
      query: { sql: expect.stringContaining("GoodsUnloaded") },
    });
    expect(body.figures.find((f) => f.id === "STP-54/unloaded/LUMBER")!.query.params).toHaveLength(4);
  });

  it("answers the text alone for Accept: text/plain and for format=text", async () => {
    for (const res of [
      await get(`${press}?date=2020-12-19`, { accept: "text/plain" }),
      await get(`${press}?date=2020-12-19&format=text`),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/plain");
      expect(res.body).toMatch(/^Press release, 19\u00a0December 2020\n\nOn 19\u00a0December, specialists/);
    }
  });

  it("refuses a day that has not begun: the ledger holds nothing yet to state about it", async () => {
    const res = await get(`${press}?date=2040-05-01&lang=en&format=text`);
    expectProblem(res, 422, "/date");
    expect(res.json().detail).toContain("has not begun");
    for (const format of ["pdf", "html"])
      expectProblem(await get(`${press}?date=2040-05-01&format=${format}`), 422, "/date");
  });

  it.each([
    ["a date in another format", "date=19.12.2020", "/date"],
    ["a date not on the calendar", "date=2020-02-30", "/date"],
    ["no date", "lang=en", "/date"],
    ["an unknown language", "date=2020-12-19&lang=fr", "/lang"],
    ["an unknown format", "date=2020-12-19&format=docx", "/format"],
    ["an unknown parameter", "date=2020-12-19&colour=red", "/colour"],
    ["a consignment code containing a NUL character", "date=2020-12-19&consignment=a%00b", "/consignment"],
    ["a date containing a NUL character", "date=2020-12-19%00", "/date"],
  ])("refuses %s with a problem naming the field", async (_what, query, field) => {
    expectProblem(await get(`${press}?${query}`), "4xx", field);
  });

  it("gives the statement as a PDF attachment and as a printable HTML page", async () => {
    const pdf = await get(`${press}?date=2020-12-19&lang=ru&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toMatch(/attachment; filename="press-.+-2020-12-19-ru\.pdf"/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const html = await get(`${press}?date=2020-12-19&lang=ru&format=html`);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body.replace(/\u00a0/g, " ")).toContain("прибыли 26 из 54 вагонов");
  });

  it("answers 404 for an unknown operation or consignment and 401 without a session", async () => {
    expectProblem(await get(`/api/operations/NO-SUCH-OP/reports/press?date=2020-12-19`), 404, "NO-SUCH-OP");
    expectProblem(await get(`${press}?date=2020-12-19&consignment=NOPE`), 404, "/consignment");
    expectProblem(await t.app.inject({ method: "GET", url: `${press}?date=2020-12-19` }), 401);
  });

  it("is in the OpenAPI document with both representations", async () => {
    const spec = (await get("/api/openapi.json")).json() as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    const route = spec.paths["/api/operations/{op}/reports/press"]!;
    expect(Object.keys(route.get.responses["200"]!.content)).toEqual(
      expect.arrayContaining(["application/json", "text/plain"]),
    );
  });
});

// Items, locations and teams carry names in other languages, in the forms reports need.
const NAMED = [
  {
    what: "items",
    path: "items",
    names: {
      ru: { name: "Пиломатериалы", measured: "пиломатериалов", gender: "pl" },
      en: { name: "Lumber", measured: "lumber" },
    },
    body: (code: string) => ({ code, name: "Sawn timber", uom: "MTQ", kind: "goods" }),
  },
  {
    what: "locations",
    path: "locations",
    names: {
      ru: { name: "Склад в Горисе", at: "на складе в Горисе", to: "на склад в Горис" },
      en: { name: "Goris warehouse", at: "at the Goris warehouse" },
    },
    body: (code: string) => ({ code, name: "Goris depot", kind: "warehouse" }),
  },
  {
    what: "teams",
    path: "teams",
    names: {
      ru: { name: "Бригада разгрузки", agent: "специалисты бригады разгрузки" },
      en: { name: "Unloading crew", agent: "the unloading crew" },
    },
    body: (code: string) => ({ code, name: "Unloading crew" }),
  },
];

describe.each(NAMED)("$what with names in other languages", ({ path, names, body }) => {
  let t: TestApp;
  const url = `/api/operations/${OP}/${path}`;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it("stores the forms a Russian sentence needs and lists them", async () => {
    const res = await send(t.app, "POST", url, { as: { cookie: t.admin }, body: { ...body("NAMED-1"), names } });
    expect(res.statusCode, res.body).toBe(201);
    const created: unknown = res.json();
    expect(Array.isArray(created) ? created[0] : created).toMatchObject({ code: "NAMED-1", names }); // locations come back as the list added
    const listed = (await send(t.app, "GET", url, { as: { cookie: t.admin } })).json() as {
      code: string;
      names?: unknown;
    }[];
    expect(listed.find((i) => i.code === "NAMED-1")!.names).toEqual(names);
  });

  it.each([
    ["a language code that is not one", { RU: { name: "Мука" } }, "/names"],
    ["forms without a name", { ru: { measured: "муки" } }, "/names/ru/name"],
    ["an unknown form", { ru: { name: "Мука", dative: "муке" } }, "/names/ru/dative"],
    ["an unknown gender", { ru: { name: "Мука", gender: "x" } }, "/names/ru/gender"],
    ["an empty form", { ru: { name: "Мука", measured: "" } }, "/names/ru/measured"],
  ])("refuses %s, naming the field, and stores nothing", async (_what, bad, field) => {
    const res = await expectNothingStored(t.db, () =>
      send(t.app, "POST", url, { as: { cookie: t.admin }, body: { ...body("NAMED-2"), names: bad } }),
    );
    expectProblem(res, 400, field);
  });
});
