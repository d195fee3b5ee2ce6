// Russian throughout: every Russian report and public page the system writes for the demo
// (the press statement as JSON, text, HTML and PDF; the situation report as text, HTML
// and PDF; discrepancy explanations; the public index, operation page, JSON and Atom
// feed) contains no UN/CEFACT Rec 20 code and none of the catalogue's English working
// names, and times in its text carry their zone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../test/helpers/engines.ts";
import {
  DEMO,
  DEMO_ADMIN_PASSWORD,
  DEMO_WORKING_NAMES,
  REC20_CODE,
  publishAcknowledging,
  seedDemo,
} from "../../../test/helpers/demo.ts";
import { NOW } from "../../../test/helpers/fixtures.ts";
import { signIn } from "../../../test/helpers/http.ts";
import { buildApp } from "../app.ts";
import type { Db } from "../../store/db.ts";
import type { Principal } from "../../app/principal.ts";
import type { PublishRequest } from "../../app/publication-types.ts";
import { DEMO_CARS } from "../../demo/origin.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const textOfHtml = (html: string) =>
  plain(
    html
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " "),
  );

function expectRussianOnly(where: string, text: string) {
  expect(text, `${where}: a Rec 20 code`).not.toMatch(REC20_CODE);
  for (const name of DEMO_WORKING_NAMES) expect(text, `${where}: "${name}"`).not.toContain(name);
}

describe("every Russian report and page of the demo", () => {
  let db: Db;
  let app: FastifyInstance;
  let admin: Principal;
  let cookie: string;
  const dir = mkdtempSync(join(tmpdir(), "reliefline-ru-walk-"));
  const get = (url: string) => app.inject({ url, headers: { cookie } });
  const pdfText = (name: string, body: Buffer) => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, body);
    return plain(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
  };
  const acknowledged = (request: PublishRequest) =>
    publishAcknowledging(db, admin, DEMO, request, NOW, "Цифры приведены по журналу; расхождения проверяются.");

  beforeAll(async () => {
    db = await freshPglite();
    admin = await seedDemo(db);
    app = await buildApp({ db, now: () => NOW });
    cookie = await signIn(app, admin.email, DEMO_ADMIN_PASSWORD);
    await acknowledged({ kind: "statement", date: "2020-12-19", lang: "ru" });
    await acknowledged({ kind: "snapshot", lang: "ru" });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the press statement: text, figures (labels, units, what each counts), HTML and PDF", async () => {
    const base = `/api/operations/${DEMO}/reports/press?date=2020-12-19&lang=ru`;
    const json = (await get(base)).json() as {
      text: string;
      figures: { label: string; unitLabel: string; query: { description: string }; note?: string }[];
    };
    expectRussianOnly("press text", plain(json.text));
    expect(plain(json.text)).toContain("прибыли 26 из 54 вагонов: прибытие 9 из них зарегистрировано");
    expectRussianOnly(
      "press figures",
      plain(json.figures.map((f) => `${f.label} ${f.unitLabel} ${f.query.description} ${f.note ?? ""}`).join("\n")),
    );
    expectRussianOnly("press HTML", textOfHtml((await get(`${base}&format=html`)).body));
    expectRussianOnly("press PDF", pdfText("press", (await get(`${base}&format=pdf`)).rawPayload));
  });

  it("the situation report: text, HTML and PDF", async () => {
    const base = `/api/operations/${DEMO}/reports/sitrep?from=2020-12-01&to=2020-12-19&lang=ru`;
    const text = plain((await get(`${base}&format=text`)).body);
    expectRussianOnly("sitrep text", text);
    expect(text.replace(/\s+/g, " ")).toContain(
      "прибыло 26 из 54 вагонов (прибытие 9 зарегистрировано, ещё 17 следует из их выгрузки)",
    );
    expect(text).toMatch(/\d\d:\d\d UTC\+4/);
    expectRussianOnly("sitrep HTML", textOfHtml((await get(`${base}&format=html`)).body));
    expectRussianOnly("sitrep PDF", pdfText("sitrep", (await get(`${base}&format=pdf`)).rawPayload));
  });

  it("discrepancy explanations, in the inbox and on a unit's page, with times in their zone", async () => {
    const all = (await get(`/api/operations/${DEMO}/discrepancies?lang=ru`)).json() as {
      kind: string;
      explanation: string;
    }[];
    expect(all.length).toBeGreaterThan(0);
    // The press figure's source is quoted as recorded; everything the system writes around it is Russian.
    expectRussianOnly("discrepancies", plain(all.map((d) => d.explanation).join("\n")));
    for (const d of all.filter((x) => x.kind === "unloaded-before-arrived"))
      expect(d.explanation).toMatch(/\d\d:\d\d UTC\+4/);
    const car = DEMO_CARS.find((c) => c.part === 2)!.number;
    const unit = (await get(`/api/operations/${DEMO}/units/${car}?lang=ru`)).json() as {
      discrepancies: { explanation: string }[];
    };
    expect(unit.discrepancies[0]!.explanation).toMatch(/^Вагон \d{8}: разгрузка/);
  });

  it("the public view in Russian: index, operation page, JSON and Atom feed, by ?lang=ru and by Accept-Language", async () => {
    for (const path of ["/public?lang=ru", `/public/${DEMO}?lang=ru`]) {
      const page = await app.inject({ url: path });
      expect(page.statusCode, path).toBe(200);
      expect(page.body).toContain('<html lang="ru">');
      expectRussianOnly(path, textOfHtml(page.body));
    }
    const negotiated = await app.inject({ url: `/public/${DEMO}`, headers: { "accept-language": "ru,en;q=0.5" } });
    expect(negotiated.headers.vary).toContain("Accept-Language");
    expectRussianOnly("negotiated page", textOfHtml(negotiated.body));
    const page = textOfHtml(negotiated.body);
    expect(page).toContain("Прибыло 26 из 54 вагонов");
    expect(page).toContain("прибытие 9 зарегистрировано, ещё 17 следует из их выгрузки");
    expect(page).toMatch(/Опубликовано при 18 открытых расхождениях/);
    expect(page).toMatch(/Пиломатериалы\s+300 м³/);
    const json = (await app.inject({ url: `/public/${DEMO}/publications.json?lang=ru` })).json() as {
      publications: {
        content: { text?: string };
        acknowledgement: { discrepancies: { explanation: string }[]; note: string } | null;
      }[];
    };
    expectRussianOnly(
      "public JSON",
      plain(
        json.publications
          .map(
            (p) =>
              `${p.content.text ?? ""}\n${(p.acknowledgement?.discrepancies ?? []).map((d) => d.explanation).join("\n")}`,
          )
          .join("\n"),
      ),
    );
    const feed = (await app.inject({ url: `/public/${DEMO}/feed.atom?lang=ru` })).body;
    expect(feed).toContain("Гуманитарная помощь Степанакерту по железной дороге, 2020: опубликованные цифры");
    expectRussianOnly("Atom feed", plain(feed.replace(/<[^>]+>/g, " ")));
  });
});
