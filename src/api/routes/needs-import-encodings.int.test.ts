// A needs sheet saved as UTF-8 (with or without BOM), UTF-16 or Windows-1251 and sent as its
// bytes imports with its Cyrillic intact; other encodings are refused, naming the encoding,
// and a replacement character (U+FFFD) is never stored.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";
import { expectNothingStored, expectProblem, send } from "../../../test/helpers/http-bad-input.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/encodings/${name}`, import.meta.url));
const importSheet = (body: Record<string, unknown>) =>
  send(t.app, "POST", `/api/operations/${OP}/needs/import`, {
    as: { cookie: t.admin },
    body: { format: "csv", ...body },
  });
const sources = async () =>
  (await t.db.query<{ source: string }>("select source from needs order by item_code")).map((r) => r.source);

describe("POST /api/operations/:op/needs/import with the file's bytes", () => {
  for (const file of [
    "needs.utf8.csv",
    "needs.utf8-bom.csv",
    "needs.utf16le.csv",
    "needs.utf16be.csv",
    "needs.cp1251.csv",
  ]) {
    it(`imports ${file} with its Cyrillic intact`, async () => {
      const res = await importSheet({ content: fixture(file).toString("base64"), contentEncoding: "base64" });
      expect(res.statusCode, res.body).toBe(201);
      expect(await sources()).toEqual(["Отчёт группы №2: семьи без жилья", "Оперативная оценка МЧС — район «Центр»"]);
    });
  }

  for (const [file, named] of [
    ["needs.koi8r.csv", "KOI8-R"],
    ["needs.cp1252.csv", "Windows-1252"],
    ["needs.utf16le-nobom.csv", "UTF-16LE"],
  ] as const) {
    it(`refuses ${file} with 422 naming ${named}, and stores nothing`, async () => {
      const res = await expectNothingStored(t.db, () =>
        importSheet({ content: fixture(file).toString("base64"), contentEncoding: "base64" }),
      );
      expect(expectProblem(res, 422, "/content").detail).toContain(named);
    });
  }

  it("refuses text that already holds U+FFFD (a file read in the wrong encoding by the sender), and stores nothing", async () => {
    const garbled = new TextDecoder("utf-8").decode(fixture("needs.cp1251.csv"));
    expect(garbled).toContain("\ufffd");
    const asText = await expectNothingStored(t.db, () => importSheet({ content: garbled }));
    expectProblem(asText, "4xx", "/content");
    const asBytes = await expectNothingStored(t.db, () =>
      importSheet({ content: Buffer.from(garbled, "utf8").toString("base64"), contentEncoding: "base64" }),
    );
    expect(expectProblem(asBytes, 422, "/content").detail).toContain("U+FFFD");
    expect((await t.db.query("select 1 from needs where source like '%\ufffd%'")).length).toBe(0);
  });
});
