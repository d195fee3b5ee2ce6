// A needs sheet sent as XLSX that would unpack to far more than it weighs: refused before it
// is inflated (or the moment it passes its declared size), 413 or 422 problem+json naming
// /content and the bound passed; nothing is stored and the server answers the next request.
// A real sheet still imports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";
import { expectNothingStored, expectProblem, send } from "../../../test/helpers/http-bad-input.ts";
import { craftZip, paddedSheet, SHEET, withFile, workbookFiles } from "../../../test/helpers/crafted-zip.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const header = ["neighbourhood", "item", "quantity", "source", "assessedOn"];
const row = ["N1", "LUMBER", 40, "Rapid assessment", "2020-12-15"];
const importXlsx = (bytes: Buffer) =>
  send(t.app, "POST", `/api/operations/${OP}/needs/import`, {
    as: { cookie: t.admin },
    body: { format: "xlsx", content: bytes.toString("base64") },
  });
const needs = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from needs"))[0]!.n;

/** Refused as `status`, naming /content; no need stored, no table changed, and the server still answers. */
async function expectRefused(bytes: Buffer, status: number, detail: RegExp) {
  const before = await needs();
  const res = await expectNothingStored(t.db, () => importXlsx(bytes));
  const problem = expectProblem(res, status, "/content");
  expect(problem.detail).toMatch(detail);
  expect(await needs()).toBe(before);
  expect((await t.app.inject({ url: "/api/health" })).statusCode).toBe(200);
}

describe("POST /api/operations/:op/needs/import of an XLSX decompression bomb", () => {
  it("refuses a sheet declaring 1.5 GB with 413 before inflating it", async () => {
    const files = withFile(await workbookFiles([header, row]), {
      name: SHEET,
      data: paddedSheet(10),
      declaredSize: 1.5e9,
    });
    await expectRefused(
      craftZip(files),
      413,
      /^the XLSX file was refused: the sheet would unpack to more than 16 MB \(its files declare 1,500 MB\)$/,
    );
  });

  it("refuses a sheet that declares 4 KB and holds 20 MB with 413", async () => {
    const files = withFile(await workbookFiles([header, row]), {
      name: SHEET,
      data: paddedSheet(20_000_000),
      declaredSize: 4096,
    });
    await expectRefused(craftZip(files), 413, /unpacks to more than the 4096 bytes its ZIP directory declares/);
  });

  it("refuses shared strings with a DOCTYPE of nested entities with 422", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "${"a".repeat(100)}"><!ENTITY b "${"&a;".repeat(100)}">]><sst><si><t>&b;</t></si></sst>`;
    const files = withFile(await workbookFiles([header, row]), {
      name: "xl/sharedStrings.xml",
      data: Buffer.from(xml),
    });
    await expectRefused(craftZip(files), 422, /declares a DOCTYPE/);
  });

  it("still imports a real sheet", async () => {
    const res = await importXlsx(craftZip(await workbookFiles([header, row])));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject([{ neighbourhood: "N1", item: "LUMBER", quantity: "40" }]);
  });
});
