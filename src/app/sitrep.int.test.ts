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
import { findOperation, findOperationWithHead } from "../store/catalogue.sql.ts";
import type { Principal } from "./principal.ts";
import { sitrepData, situationReport } from "./sitrep.ts";
import { recordingDelayFigures } from "./recording-delays.ts";
import { recordingDelayByTeam } from "../core/recording-delay.ts";

const PERIOD = { from: "2020-12-01", to: "2020-12-19" };
const tableAfter = (doc: ReportDocument, heading: string) =>
  doc.blocks
    .slice(doc.blocks.findIndex((b) => b.kind === "heading" && b.text === heading))
    .find((b): b is Extract<Block, { kind: "table" }> => b.kind === "table")!;
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

  it("shows 17 cars unloaded at the railhead on 19 December with 300 m³ of lumber and the crane", () => {
    const railhead = "Yerevan freight station (end of the rail leg from Noginsk rescue centre base)";
    expect(tableAfter(en, railhead).rows).toContainEqual([
      "19 Dec",
      "17 rail cars",
      "Lumber (sawn timber) 300 m³; Truck-mounted crane 1 pcs",
    ]);
    // The Russian report names places and goods as the catalogue has them in Russian.
    expect(
      tableAfter(
        ru,
        "Грузовая станция Ереван (конец железнодорожного участка из пункта «База Ногинского спасательного центра»)",
      ).rows,
    ).toContainEqual(["19 дек", "17 вагонов", "Автокран 1 шт.; Пиломатериалы 300 м³"]);
    expect(en.blocks).toContainEqual(
      expect.objectContaining({
        kind: "paragraph",
        text: "Unloaded without a recorded arrival: 17 rail cars. Their arrival is counted, inferred from the unloading (see open discrepancies).",
      }),
    );
  });

  it("leads with 26 of 54 arrived, 9 recorded and 17 inferred from their unloading", () => {
    expect(en.blocks).toContainEqual(
      expect.objectContaining({
        kind: "paragraph",
        text: "Consignment STP-54 (54 rail cars): 26 of 54 cars arrived by the end of the period (9 arrivals recorded; 17 inferred from their unloading); 26 of 54 unloaded.",
      }),
    );
    const [arrived] = (en.blocks.find((b) => b.kind === "figures") as Extract<Block, { kind: "figures" }>).figures;
    expect(arrived).toEqual({
      label: "Units arrived",
      value: "42",
      note: "25 recorded; 17 inferred from their unloading · 26 rail cars, 16 trucks",
    });
  });

  it("sums every total against the ledger's moves: unloading per place, what reached the hub, stock; no goods counted twice", async () => {
    const op = (await findOperation(db(), DEMO))!;
    const period = ["2020-11-30T20:00:00Z", "2020-12-19T20:00:00Z"];
    const items = await db().query<{
      code: string;
      name: string;
      names: Record<string, { name: string }>;
      uom: string;
    }>("select code, name, names, uom from items where operation_id = $1", [op.id]);
    const itemName = (code: string) => {
      const i = items.find((x) => x.code === code)!;
      return i.names.en?.name ?? i.name;
    };
    const symbol = (code: string) =>
      (({ MTQ: "m³", TNE: "t", MTK: "m²", H87: "pcs" }) as Record<string, string>)[
        items.find((x) => x.code === code)!.uom
      ]!;
    const phrase = (rows: { item: string; quantity: string }[]) =>
      rows
        .map((r) => [
          itemName(r.item),
          `${itemName(r.item)} ${Number(r.quantity).toLocaleString("en-GB")} ${symbol(r.item)}`,
        ])
        .sort(([a], [b]) => a!.localeCompare(b!))
        .map(([, p]) => p)
        .join("; ");
    const unloaded = await db().query<{ place: string; item: string; quantity: string }>(
      `select m.to_code as place, m.item_code as item, trim_scale(sum(m.quantity))::text as quantity
       from stock_moves m join events e on e.operation_id = m.operation_id and e.seq = m.seq
       where m.operation_id = $1 and e.type = 'GoodsUnloaded' and m.event_time >= $2 and m.event_time < $3 group by 1, 2`,
      [op.id, ...period],
    );
    const places = [...new Set(unloaded.map((r) => r.place))];
    expect(places.sort()).toEqual(["AM-EVN", "STP-HUB"]);
    for (const [place, heading] of [
      ["AM-EVN", "Yerevan freight station (end of the rail leg from Noginsk rescue centre base)"],
      ["STP-HUB", "Humanitarian hub, Stepanakert (end of the road leg from Yerevan freight station)"],
    ] as const) {
      expect(tableAfter(en, heading).totals![2], place).toBe(phrase(unloaded.filter((r) => r.place === place)));
    }
    // 6,000 blankets and 300 m³ of lumber at each place; no total anywhere says 12,000 or 600.
    expect(JSON.stringify(en.blocks)).not.toMatch(/12,000|600 m³/);
    const intoHub = await db().query<{ item: string; quantity: string }>(
      "select item_code as item, trim_scale(sum(quantity))::text as quantity from stock_moves where operation_id = $1 and to_code = 'STP-HUB' and from_code <> 'STP-HUB' and event_time >= $2 and event_time < $3 group by 1",
      [op.id, ...period],
    );
    const reached = tableAfter(en, "Goods that reached Humanitarian hub, Stepanakert in the period").rows;
    expect(reached.map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual(phrase(intoHub).split("; "));
    const balances = await db().query<{ item: string; quantity: string }>(
      `select item_code as item, trim_scale(sum(case when to_code = 'STP-HUB' then quantity else -quantity end))::text as quantity from stock_moves
       where operation_id = $1 and (to_code = 'STP-HUB' or from_code = 'STP-HUB') and event_time < $2 group by 1 having sum(case when to_code = 'STP-HUB' then quantity else -quantity end) <> 0`,
      [op.id, period[1]],
    );
    const hubRows = tableAfter(en, "Stock by location").rows.filter((r) => r[0] === "Humanitarian hub, Stepanakert");
    expect(hubRows.map((r) => `${r[1]} ${r[2]} ${r[3]}`)).toEqual(phrase(balances).split("; "));
  });

  it("gives the stock at the hub at the end of 19 December, the crane in the utility's custody", () => {
    const rows = tableAfter(en, "Stock by location").rows;
    const hub = "Humanitarian hub, Stepanakert";
    expect(rows.filter((r) => r[0] === hub)).toEqual([
      [hub, "Blankets", "5,960", "pcs"],
      [hub, "Cement, bagged", "120", "t"],
      [hub, "Lumber (sawn timber)", "300", "m³"],
      [hub, "Wheat flour", "110", "t"],
      [hub, "Window glass", "3,000", "m²"],
    ]);
    expect(rows).toContainEqual([
      "In the custody of Stepanakert city utility service",
      "Truck-mounted crane",
      "1",
      "pcs",
    ]);
  });

  it("gives coverage for the six neighbourhoods: nothing distributed yet, the draft plan's share beside it", () => {
    const rows = tableAfter(en, "Coverage by neighbourhood").rows;
    expect(rows.map((r) => r[0])).toEqual([
      "Centre",
      "East district",
      "Krkzhan",
      "North district",
      "South district",
      "West district",
    ]);
    expect(rows.every((r) => r[3] === "0%")).toBe(true);
    expect(rows.every((r) => Number.parseInt(r[4]!, 10) > 0)).toBe(true);
    expect(tableAfter(en, "Distributions")).toBeDefined();
    expect(en.blocks).toContainEqual(
      expect.objectContaining({ text: "No distributions were recorded in this period." }),
    );
  });

  it("lists the open discrepancies: 17 cars without arrival, the short blanket receipt and the press figure", () => {
    const rows = tableAfter(en, "Open discrepancies").rows;
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["Unloaded without a recorded arrival", "17"],
      ["Short on receipt", "1"],
      ["Published figure differs from the ledger", "1"],
    ]);
    // Explanations are written in the report's language.
    const short = tableAfter(ru, "Открытые расхождения").rows.find((r) => r[0] === "Недостача при приёмке")!;
    expect(short[2]).toContain("пересчитано 5\u00a0960\u00a0шт., на 40\u00a0шт. меньше, чем ожидалось");
  });

  it("states the ledger sequence and head hash the figures come from", async () => {
    const op = (await findOperationWithHead(db(), DEMO))!;
    expect(en.footer).toBe(
      `Generated from the Reliefline ledger of ${DEMO} at event ${op.lastSeq}, head hash ${op.lastHash}`,
    );
    expect(renderText(en)).toContain(op.lastHash);
    expect(renderHtml(en)).toContain(op.lastHash);
  });

  it("says plainly that a period without events had none, and is not an error", async () => {
    const doc = await situationReport(db(), admin, DEMO, { from: "2021-03-01", to: "2021-03-07", lang: "en" }, NOW);
    expect(doc.blocks[0]).toMatchObject({
      kind: "paragraph",
      text: expect.stringMatching(/^No events were recorded for 1.+7 March 2021\./),
    });
  });

  it("quotes per team how soon the day's events were recorded, the same figures as the Field page's recording delays", async () => {
    const day = { from: "2020-12-19", to: "2020-12-19" };
    const data = await sitrepData(db(), admin, DEMO, day, NOW);
    const api = await recordingDelayFigures(db(), admin, DEMO, day);
    expect(api.days.length).toBeGreaterThan(0);
    expect(recordingDelayByTeam(data.recording)).toEqual(
      api.days.map(({ team, events, fromDevices, offline, medianSeconds, maxSeconds }) => ({
        team,
        events,
        fromDevices,
        offline,
        medianSeconds,
        maxSeconds,
      })),
    );
    const doc = await situationReport(db(), admin, DEMO, { ...day, lang: "ru" }, NOW);
    const texts = doc.blocks.map((b) => (b.kind === "paragraph" ? b.text : ""));
    expect(texts).toContainEqual(
      expect.stringMatching(/^Объединённая группировка МЧС России: \d+ событи(е|я|й) внесен/),
    );
    expect(en.blocks).toContainEqual(
      expect.objectContaining({
        kind: "paragraph",
        text: expect.stringMatching(
          /^Joint grouping of the Emergencies Ministry: \d+ events recorded within [\d,]+ days? of happening \(median /,
        ),
      }),
    );
  });

  it("renders the Russian report as a PDF that opens, shows Cyrillic and renders the same bytes twice", async () => {
    const pdf = await renderPdf(ru);
    expect(Buffer.compare(pdf, await renderPdf(ru))).toBe(0);
    const file = join(dir, "ru.pdf");
    writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-png", file, join(dir, "page")]);
    expect(statSync(join(dir, "page-1.png")).size).toBeGreaterThan(20_000);
    const text = plain(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
    for (const heading of [
      "ОПЕРАТИВНАЯ СВОДКА",
      "Основные показатели",
      "Прибытие",
      "Разгрузка",
      "Запасы по местам хранения",
      "Покрытие потребностей по районам",
      "Открытые расхождения",
      "Как быстро события вносились в журнал",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("17 вагонов");
    expect(text).toContain("5 960");
    expect(text).toContain("1–19 декабря 2020 г.");
    expect(text).toMatch(/Страница 1 из \d/);
  });
});
