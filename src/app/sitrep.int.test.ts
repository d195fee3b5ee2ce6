import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import type { Block, ReportDocument } from "../core/reports/document.ts";
import { renderText } from "../core/reports/render/text.ts";
import { renderHtml } from "../core/reports/render/html.ts";
import { renderPdf } from "../report-render/pdf.ts";
import { findOperationWithHead } from "../store/catalogue.sql.ts";
import type { Principal } from "./principal.ts";
import { situationReport } from "./sitrep.ts";

const PERIOD = { from: "2020-12-01", to: "2020-12-19" };
const tableAfter = (doc: ReportDocument, heading: string) =>
  doc.blocks.slice(doc.blocks.findIndex((b) => b.kind === "heading" && b.text === heading)).find((b): b is Extract<Block, { kind: "table" }> => b.kind === "table")!;
/** pdftotext keeps no-break spaces; compare text with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describeOnEngines("the demo's situation report for 1–19 December 2020", (db) => {
  let admin: Principal;
  let en: ReportDocument;
  let ru: ReportDocument;
  const dir = mkdtempSync(join(tmpdir(), "sitrep-"));
  beforeAll(async () => {
    admin = await seedDemo(db());
    en = await situationReport(db(), admin, DEMO, { ...PERIOD, lang: "en" }, NOW);
    ru = await situationReport(db(), admin, DEMO, { ...PERIOD, lang: "ru" }, NOW);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the arrivals: part 1's nine cars at the railhead and the trucks at the hub", () => {
    expect(tableAfter(en, "Arrivals").rows).toEqual([
      ["6 Dec", "Yerevan freight station", "9 rail cars"],
      ["8 Dec", "Humanitarian hub, Stepanakert", "6 trucks"],
      ["19 Dec", "Humanitarian hub, Stepanakert", "10 trucks"],
    ]);
  });

  it("shows 17 cars unloaded on 19 December with 300 m³ of lumber and the crane", () => {
    const rows = tableAfter(en, "Unloading").rows;
    expect(rows).toContainEqual(["19 Dec", "Yerevan freight station", "17 rail cars", "Lumber (sawn timber) 300 m³; Truck-mounted crane 1 pcs"]);
    // The Russian report names places and goods as the catalogue has them in Russian.
    expect(tableAfter(ru, "Разгрузка").rows).toContainEqual(["19 дек", "Грузовая станция Ереван", "17 вагонов", "Автокран 1 шт.; Пиломатериалы 300 м³"]);
    expect(en.blocks).toContainEqual(expect.objectContaining({ kind: "paragraph", text: "Unloaded without a recorded arrival: 17 rail cars (see open discrepancies)." }));
  });

  it("gives the stock at the hub at the end of 19 December, the crane in the utility's custody", () => {
    const rows = tableAfter(en, "Stock by location").rows;
    const hub = "Humanitarian hub, Stepanakert";
    expect(rows.filter((r) => r[0] === hub)).toEqual([
      [hub, "Blankets", "5,960", "pcs"], [hub, "Cement, bagged", "120", "t"], [hub, "Lumber (sawn timber)", "300", "m³"], [hub, "Wheat flour", "110", "t"], [hub, "Window glass", "3,000", "m²"],
    ]);
    expect(rows).toContainEqual(["In the custody of Stepanakert city utility service", "Truck-mounted crane", "1", "pcs"]);
  });

  it("gives coverage for the six neighbourhoods: nothing distributed yet, the draft plan's share beside it", () => {
    const rows = tableAfter(en, "Coverage by neighbourhood").rows;
    expect(rows.map((r) => r[0])).toEqual(["Centre", "East district", "Krkzhan", "North district", "South district", "West district"]);
    expect(rows.every((r) => r[3] === "0%")).toBe(true);
    expect(rows.every((r) => Number.parseInt(r[4]!, 10) > 0)).toBe(true);
    expect(tableAfter(en, "Distributions")).toBeDefined();
    expect(en.blocks).toContainEqual(expect.objectContaining({ text: "No distributions were recorded in this period." }));
  });

  it("lists the open discrepancies: 17 cars without arrival, the short blanket receipt and the press figure", () => {
    const rows = tableAfter(en, "Open discrepancies").rows;
    expect(rows.map((r) => [r[0], r[1]])).toEqual([["Unloaded without a recorded arrival", "17"], ["Short on receipt", "1"], ["Published figure differs from the ledger", "1"]]);
  });

  it("states the ledger sequence and head hash the figures come from", async () => {
    const op = (await findOperationWithHead(db(), DEMO))!;
    expect(en.footer).toBe(`Generated from the Reliefline ledger of ${DEMO} at event ${op.lastSeq}, head hash ${op.lastHash}`);
    expect(renderText(en)).toContain(op.lastHash);
    expect(renderHtml(en)).toContain(op.lastHash);
  });

  it("says plainly that a period without events had none, and is not an error", async () => {
    const doc = await situationReport(db(), admin, DEMO, { from: "2021-03-01", to: "2021-03-07", lang: "en" }, NOW);
    expect(doc.blocks[0]).toMatchObject({ kind: "paragraph", text: expect.stringMatching(/^No events were recorded for 1.+7 March 2021\./) });
  });

  it("renders the Russian report as a PDF that opens, shows Cyrillic and renders the same bytes twice", async () => {
    const pdf = await renderPdf(ru);
    expect(Buffer.compare(pdf, await renderPdf(ru))).toBe(0);
    const file = join(dir, "ru.pdf");
    writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-png", file, join(dir, "page")]);
    expect(statSync(join(dir, "page-1.png")).size).toBeGreaterThan(20_000);
    const text = plain(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
    for (const heading of ["ОПЕРАТИВНАЯ СВОДКА", "Основные показатели", "Прибытие", "Разгрузка", "Запасы по местам хранения", "Покрытие потребностей по районам", "Открытые расхождения"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("17 вагонов");
    expect(text).toContain("5 960");
    expect(text).toContain("1–19 декабря 2020 г.");
    expect(text).toMatch(/Страница 1 из \d/);
  });
});
