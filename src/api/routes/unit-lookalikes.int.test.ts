// A truck's plate typed on a Russian keyboard, read by a scanner, or pasted from a spreadsheet
// in full-width digits is the same truck. Found by testing: "A123BC77" (Latin), "А123ВС77"
// (Cyrillic А, В, С), "A 123 BC 77" and "Ａ１２３ＢＣ７７" registered as four units, so events
// for one truck could land on any of them. A plate that looks like a registered one is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../../test/helpers/http.ts";
import { OP } from "../../../test/helpers/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

const register = (number: string) =>
  t.app.inject({
    method: "POST",
    url: `/api/operations/${OP}/units`,
    headers: { cookie: t.admin },
    payload: { number, kind: "truck" },
  });
const plates = async () =>
  (
    await t.db.query<{ number: string }>("select number from transport_units where scheme = 'plate' order by number")
  ).map((r) => r.number);

describe("registering a truck whose plate looks like a registered one", () => {
  it("refuses Cyrillic look-alike letters, other spacing and full-width characters, naming the registered plate", async () => {
    expect((await register("A123BC77")).statusCode).toBe(201);
    for (const lookalike of ["А123ВС77", "A 123 BC 77", "A123-BC-77", "Ａ１２３ＢＣ７７", "а123вс77"]) {
      const res = await register(lookalike);
      expect(res.statusCode, lookalike).toBe(409);
      expect(res.json().detail, lookalike).toContain("looks the same as unit A123BC77");
    }
    expect(await plates()).toEqual(["A123BC77"]);
  });

  it("registers a plate that differs in a letter or digit", async () => {
    expect((await register("A123BC78")).statusCode).toBe(201);
    expect((await register("В123ВС77")).statusCode).toBe(201);
    expect(await plates()).toEqual(["A123BC77", "A123BC78", "В123ВС77"]);
  });
});
