// The publish guard over HTTP on the demo: publishing the 19 December statement answers
// 409 naming the open discrepancies that touch its figures; acknowledging each of them
// with a note publishes it (201), and the public view shows the acknowledgement in the
// reader's language. A discrepancy opened after the list was read is caught at publish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { DEMO, DEMO_ADMIN_PASSWORD, seedDemo } from "../../../test/helpers/demo.ts";
import { NOW } from "../../../test/helpers/fixtures.ts";
import { signIn, type TestApp } from "../../../test/helpers/http.ts";
import { expectProblem, freshAddress, send, userWithRole, type Caller } from "../../../test/helpers/http-bad-input.ts";
import { buildApp } from "../app.ts";
import type { Principal } from "../../app/principal.ts";
import { recordEvents } from "../../app/record-events.ts";
import { publish } from "../../app/publications.ts";
import { CONTENT_BUILDERS } from "../../app/publication-builders.ts";
import { DEMO_CARS, RAILHEAD } from "../../demo/origin.ts";

interface Touching {
  id: string;
  kind: string;
  subject: string;
  figures: { id: string; label: string }[];
  explanation: string;
}
const STATEMENT = { kind: "statement", date: "2020-12-19", lang: "ru" } as const;
const NOTE = "Прибытие 17 вагонов уточняется; цифры приведены по журналу.";

describeOnEngines("the publish guard", (db) => {
  let t: TestApp;
  let admin: Principal;
  let press: Caller;
  const url = `/api/operations/${DEMO}/publications`;
  const post = (path: string, body: unknown, as: Caller = press) =>
    send(t.app, "POST", path, { as, body, remoteAddress: freshAddress() });
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url: path, headers, remoteAddress: freshAddress() });
  const count = async () =>
    Number((await db().query<{ n: number }>("select count(*)::int8 as n from publications"))[0]!.n);
  let listed: Touching[];

  beforeAll(async () => {
    admin = await seedDemo(db());
    const app = await buildApp({ db: db(), now: () => NOW });
    t = { app, db: db(), admin: await signIn(app, admin.email, DEMO_ADMIN_PASSWORD), close: () => app.close() };
    press = await userWithRole(t, "press@example.org", "press-officer", DEMO);
  }, 180_000);
  afterAll(async () => t?.close());

  it("refuses to publish a statement about a day that has not begun (422 naming /date), storing nothing", async () => {
    const before = await count();
    // NOW is 1 January 2026, 04:00 in Yerevan: the 2nd is to come.
    const res = await post(url, { ...STATEMENT, date: "2026-01-02" });
    expect(expectProblem(res, 422, "/date").detail).toContain("has not begun");
    expect(await count()).toBe(before);
  });

  describe("the 19 December statement", () => {
    it("lists, before publishing, the 18 open discrepancies that touch its figures, explained in Russian", async () => {
      const res = await post(`${url}/check`, STATEMENT);
      expect(res.statusCode, res.body).toBe(200);
      listed = (res.json() as { discrepancies: Touching[] }).discrepancies;
      expect(listed).toHaveLength(18);
      expect(listed.filter((d) => d.kind === "unloaded-before-arrived")).toHaveLength(17);
      const claim = listed.find((d) => d.kind === "claim-differs")!;
      expect(claim.figures.map((f) => f.id)).toContain("STP-54/arrived");
      // The short count of blankets on 8 December touches no figure of a statement about lumber and a crane.
      expect(listed.map((d) => d.kind)).not.toContain("receipt-short");
      const car = listed.find((d) => d.kind === "unloaded-before-arrived")!;
      expect(car.figures.map((f) => f.id)).toEqual(
        expect.arrayContaining(["STP-54/unloaded-units", "STP-54/arrived", "STP-54/arrived-inferred"]),
      );
      expect(car.figures.find((f) => f.id === "STP-54/arrived")!.label).toContain(
        "Единиц груза «54 вагона», прибывших",
      );
      expect(car.explanation).toMatch(
        /^Вагон \d{8}: разгрузка на грузовой станции в Ереване 19 дек\. 2020 г\. \d\d:\d\d UTC\+4, но прибытие не зарегистрировано/,
      );
    });

    it("answers 409 problem+json naming each (id, kind, the figures it touches, its explanation), and stores nothing", async () => {
      const before = await count();
      const res = await post(url, STATEMENT);
      const problem = expectProblem(res, 409) as unknown as {
        type: string;
        detail: string;
        discrepancies: Touching[];
        unacknowledged: string[];
      };
      expect(problem.type).toBe("https://reliefline.org/problems/open-discrepancies");
      expect(problem.detail).toContain("18 open discrepancies touch the figures of this statement");
      expect(problem.discrepancies.map((d) => d.id).sort()).toEqual(listed.map((d) => d.id).sort());
      expect(problem.discrepancies[0]).toEqual({
        id: expect.any(String),
        kind: expect.any(String),
        subject: expect.any(String),
        figures: expect.any(Array),
        explanation: expect.any(String),
        facts: expect.any(Object),
      });
      expect(problem.unacknowledged).toHaveLength(18);
      expect(await count()).toBe(before);
    });

    it("refuses an acknowledgement that leaves one out (409, naming it) or gives no reason (400)", async () => {
      const before = await count();
      const [left, ...rest] = listed.map((d) => d.id);
      const partial = expectProblem(
        await post(url, { ...STATEMENT, acknowledge: { discrepancies: rest, note: NOTE } }),
        409,
      ) as unknown as { unacknowledged: string[] };
      expect(partial.unacknowledged).toEqual([left]);
      for (const note of ["", "   "])
        expectProblem(
          await post(url, { ...STATEMENT, acknowledge: { discrepancies: [left, ...rest], note } }),
          400,
          "/acknowledge/note",
        );
      expectProblem(
        await post(url, { ...STATEMENT, acknowledge: { discrepancies: [left, ...rest] } }),
        400,
        "/acknowledge/note",
      );
      expectProblem(
        await post(url, { ...STATEMENT, acknowledge: { discrepancies: ["not-an-id"], note: NOTE } }),
        400,
        "/acknowledge/discrepancies/0",
      );
      expectProblem(
        await post(url, { ...STATEMENT, acknowledge: { discrepancies: [], note: NOTE, by: "me" } }),
        400,
        "/acknowledge/by",
      );
      expectProblem(await post(url, { ...STATEMENT, acknowledge: "yes" }), 400, "/acknowledge");
      expect(await count()).toBe(before);
    });

    it("catches a discrepancy opened after the list was read: 409 naming only the new one", async () => {
      // A car of part 3 unloaded at the railhead on the 19th although nothing was loaded on it.
      const car = DEMO_CARS.find((c) => c.part === 3)!;
      await recordEvents(
        db(),
        admin,
        DEMO,
        [
          {
            id: "01767a6e-8c00-7000-8000-00000000a001",
            type: "GoodsUnloaded",
            eventTime: "2020-12-19T18:00:00+04:00",
            unit: car.number,
            location: RAILHEAD,
            team: "JG-STP",
            lines: [{ item: "FLOUR", quantity: "1" }],
          },
        ],
        NOW,
      );
      const res = await post(url, {
        ...STATEMENT,
        acknowledge: { discrepancies: listed.map((d) => d.id), note: NOTE },
      });
      const problem = expectProblem(res, 409) as unknown as { discrepancies: Touching[]; unacknowledged: string[] };
      const fresh = problem.discrepancies.filter((d) => problem.unacknowledged.includes(d.id));
      expect(fresh.map((d) => d.kind).sort()).toEqual(["negative-stock", "unloaded-never-loaded"]);
      expect(fresh.map((d) => d.subject)).toContain(`unit:${car.number}`);
      listed = problem.discrepancies;
    });

    it("publishes (201) with an acknowledgement naming every one and a note, stored with the publication", async () => {
      const res = await post(url, {
        ...STATEMENT,
        acknowledge: { discrepancies: listed.map((d) => d.id), note: NOTE },
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as { id: string; acknowledgement: { discrepancies: Touching[]; note: string } };
      expect(created.acknowledgement.note).toBe(NOTE);
      expect(created.acknowledgement.discrepancies.map((d) => d.id).sort()).toEqual(listed.map((d) => d.id).sort());
      await expect(
        db().query("update publications set acknowledgement_note = 'edited' where id = $1", [created.id]),
      ).rejects.toThrow(/cannot be changed/);
    });

    it("shows on the public view, in the reader's language, that it was published with those open discrepancies", async () => {
      const n = listed.length;
      const en = (await get(`/public/${DEMO}`)).body;
      expect(en).toContain(
        `Published with ${n} open discrepancies that touch these figures, acknowledged by the press office:`,
      );
      expect(en).toContain("Unloaded without a recorded arrival</strong>: Rail car");
      expect(en).toContain(`The press office&#39;s note: ${NOTE}`);
      for (const [query, headers] of [
        ["?lang=ru", {}],
        ["", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" }],
      ] as const) {
        const ru = (await get(`/public/${DEMO}${query}`, headers)).body;
        expect(ru).toContain('<html lang="ru">');
        expect(ru).toContain(`Опубликовано при ${n} открытых расхождениях, затрагивающих эти цифры`);
        expect(ru).toContain("Разгрузка без зарегистрированного прибытия</strong>: Вагон");
        expect(ru).not.toMatch(/Rail car|Yerevan freight station/);
      }
      const json = (await get(`/public/${DEMO}/publications.json?lang=ru`)).json() as {
        publications: { acknowledgement: { discrepancies: Touching[]; note: string } }[];
      };
      expect(json.publications[0]!.acknowledgement.discrepancies).toHaveLength(n);
      const car = json.publications[0]!.acknowledgement.discrepancies.find(
        (d) => d.kind === "unloaded-before-arrived",
      )!;
      expect(car.explanation).toMatch(/^Вагон \d{8}: разгрузка на грузовой станции в Ереване/);
      const feed = (await get(`/public/${DEMO}/feed.atom`)).body;
      expect(feed).toContain(`Published with ${n} open discrepancies`);
    });
  });

  describe("a snapshot published in English with open discrepancies", () => {
    it("leads the public page with its figures and their as-of, one line on what was acknowledged, then the list", async () => {
      const check = await post(`${url}/check`, { kind: "snapshot", lang: "en" });
      const ids = (check.json() as { discrepancies: Touching[] }).discrepancies.map((d) => d.id);
      const res = await post(url, { kind: "snapshot", lang: "en", acknowledge: { discrepancies: ids, note: NOTE } });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      const en = (await get(`/public/${DEMO}`)).body;
      const latest = en.slice(en.indexOf("<h2>Latest figures</h2>"), en.indexOf("<h2>Publications</h2>"));
      const order = [
        "as of ledger event",
        `<a href="#ack-latest">When these figures were published, ${ids.length} open discrepancies touching them were acknowledged`,
        " of 54 cars arrived",
        `<section class="acknowledged" id="ack-latest"`,
      ].map((text) => latest.indexOf(text));
      expect(
        order.every((at) => at >= 0),
        String(order),
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // The publication's own entry below says the line first too, and keeps its list after it.
      const article = en.slice(en.indexOf(`<article id="p-${id}">`));
      expect(article.indexOf(`<a href="#ack-${id}">`)).toBeLessThan(article.indexOf(`id="ack-${id}"`));
      const ru = (await get(`/public/${DEMO}?lang=ru`)).body;
      expect(ru).toContain(`<a href="#ack-latest">На момент публикации эти цифры затрагивали ${ids.length} открыт`);
      // Figures touched are labelled in the page's language, not the publication's.
      expect(ru).toContain("затрагивает: Ход доставки груза «54 вагона»: единиц на каждом этапе");
      expect(ru).not.toMatch(/Progress of|Cargo of|in stock at/);
      expect(ru).toMatch(/<span lang="en">[^<]*figures as of/);
    });
  });

  describe("inside the publishing transaction", () => {
    it("checks after the figures are built, so a discrepancy written in between is caught", async () => {
      const before = await count();
      const snapshot = CONTENT_BUILDERS.snapshot;
      const sneaky = {
        ...CONTENT_BUILDERS,
        snapshot: async (...args: Parameters<typeof snapshot>) => {
          const built = await snapshot(...args);
          // Something lands between the figures and the insert, in the same transaction.
          await args[0].query(
            `insert into discrepancies (operation_id, id, key, kind, subject, status, explanation, evidence, first_found_at, last_found_at)
             select id, '01767a6e-8c00-7000-8000-00000000b001', 'more-units-than-planned|consignment:STP-54|', 'more-units-than-planned', 'consignment:STP-54', 'open', 'x', '[]', $2, $2
             from operations where code = $1`,
            [DEMO, NOW],
          );
          return built;
        },
      };
      const check = await post(`${url}/check`, { kind: "snapshot" });
      const ids = (check.json() as { discrepancies: Touching[] }).discrepancies.map((d) => d.id);
      await expect(
        publish(db(), admin, DEMO, { kind: "snapshot", acknowledge: { discrepancies: ids, note: NOTE } }, NOW, sneaky),
      ).rejects.toMatchObject({
        code: "conflict",
        extensions: { unacknowledged: ["01767a6e-8c00-7000-8000-00000000b001"] },
      });
      expect(await count()).toBe(before);
      // The transaction rolled back: the discrepancy written inside it is not there either.
      expect(await db().query("select 1 from discrepancies where id = '01767a6e-8c00-7000-8000-00000000b001'")).toEqual(
        [],
      );
    });
  });
});
