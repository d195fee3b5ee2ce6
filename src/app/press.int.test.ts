// The demo's press statement for 19 December 2020, on both engines: the text in English
// and Russian against golden files (reviewed by eye, see docs/reports.md), and the
// figures behind it, each with the query that produced it.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { event, NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { pressStatement, pressStatementDocument } from "./press.ts";
import { renderPdf } from "../report-render/pdf.ts";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordEvents } from "./record-events.ts";
import { AppError } from "./errors.ts";

const golden = (lang: string) =>
  fileURLToPath(new URL(`../../test/fixtures/press/2020-12-19.${lang}.txt`, import.meta.url));
const figure = <F extends { id: string }>(figures: F[], id: string) => figures.find((f) => f.id === id);

describeOnEngines("the press statement", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedDemo(db());
  });

  it.each(["en", "ru"])(
    "writes the demo's statement for 19 December 2020 in %s as the golden file has it",
    async (lang) => {
      const { text } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang }, NOW);
      if (process.env.RELIEFLINE_UPDATE_GOLDEN === "1") writeFileSync(golden(lang), text);
      expect(text).toBe(readFileSync(golden(lang), "utf8"));
    },
  );

  it("prints the Russian statement as a PDF whose text (pdftotext) is the statement, in Cyrillic, with the ledger head", async () => {
    const doc = await pressStatementDocument(
      db(),
      admin,
      DEMO,
      { date: "2020-12-19", lang: "ru" },
      new Date("2026-11-28T08:00:00Z"),
    );
    const dir = mkdtempSync(join(tmpdir(), "reliefline-press-pdf-"));
    const file = join(dir, "press.pdf");
    writeFileSync(file, await renderPdf(doc));
    execFileSync("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-png", file, join(dir, "page")]);
    // pdftotext breaks lines where the PDF wraps them and keeps no-break spaces: compare words.
    const words = (text: string) => text.replace(/[\s\u00a0]+/g, " ").trim();
    const text = words(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
    const statement = readFileSync(golden("ru"), "utf8")
      .split(/\n{2,}/)
      .slice(1);
    for (const paragraph of statement) expect(text).toContain(words(paragraph));
    expect(text).toContain("Цифры этого релиза");
    expect(text).toMatch(/на событии № \d+/);
  });

  it("reports 17 cars unloaded: 300 m³ of lumber and a crane on a flatcar, and 26 of 54 arrived, 9 of them recorded", async () => {
    const { figures } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "en" }, NOW);
    expect(figure(figures, "STP-54/unloaded-units")).toMatchObject({ value: "17", unit: "units" });
    expect(figure(figures, "STP-54/unloaded/LUMBER")).toMatchObject({ value: "300", unit: "MTQ" });
    expect(figure(figures, "STP-54/unloaded/CRANE")).toMatchObject({
      value: "1",
      unit: "H87",
      label: expect.stringContaining("on 1 flatcar"),
    });
    expect(figure(figures, "STP-54/arrived")).toMatchObject({ value: "26" });
    expect(figure(figures, "STP-54/arrived-recorded")).toMatchObject({ value: "9" });
    expect(figure(figures, "STP-54/planned-units")).toMatchObject({ value: "54" });
    expect(figure(figures, "STP-54/delivered/LUMBER")).toMatchObject({ value: "300", unit: "MTQ" });
  });

  it("gives the recorded figure and the gap beside the lead figure, with a note pointing to the discrepancies", async () => {
    const { figures } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "en" }, NOW);
    expect(figure(figures, "STP-54/unloaded-by-end-of-day")).toMatchObject({ value: "26" });
    expect(figure(figures, "STP-54/arrived-inferred")).toMatchObject({
      value: "17",
      note: expect.stringContaining("17 arrivals were not recorded but follow from the unloading — see discrepancies"),
    });
    expect(figures.filter((f) => f.note)).toHaveLength(1);
  });

  it("labels the Russian figures in Russian, with unit symbols and no English working names", async () => {
    const { figures } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "ru" }, NOW);
    expect(figure(figures, "STP-54/unloaded/LUMBER")).toMatchObject({
      unit: "MTQ",
      unitLabel: "м³",
      label: "Пиломатериалы: выгружено 2020-12-19",
    });
    expect(figure(figures, "STP-54/unloaded/CRANE")).toMatchObject({
      unitLabel: "шт.",
      label: "Автокран: выгружено 2020-12-19 (платформа: 1)",
    });
    expect(figure(figures, "STP-54/arrived")).toMatchObject({
      unitLabel: "ед.",
      label: expect.stringContaining("Единиц груза «54 вагона», прибывших"),
    });
    const text = figures.map((f) => `${f.label} ${f.unitLabel} ${f.query.description} ${f.note ?? ""}`).join("\n");
    expect(text).not.toMatch(/\b(MTQ|H87|TNE)\b|Lumber|Truck-mounted|rail cars|Yerevan freight/);
  });

  it("gives every figure the query that produced it, and the query gives the figure back", async () => {
    const { figures } = await pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "ru" }, NOW);
    for (const f of figures)
      expect(f.query).toMatchObject({ description: expect.any(String), sql: expect.stringMatching(/select/i) });
    const unloaded = figure(figures, "STP-54/unloaded-units")!;
    expect(unloaded.query.description).toContain("GoodsUnloaded с датой 2020-12-19");
    const rows = await db().query<{ unit: string }>(unloaded.query.sql, unloaded.query.params);
    expect(new Set(rows.map((r) => r.unit)).size).toBe(17);
    const arrived = figure(figures, "STP-54/arrived")!;
    const [row] = await db().query<{ reached: number; recorded: number; implied: string[] }>(
      arrived.query.sql,
      arrived.query.params,
    );
    expect([Number(row!.reached), Number(row!.recorded), row!.implied.length]).toEqual([26, 9, 17]);
  });

  it("says a day with no events has none recorded, and refuses a day that has not begun", async () => {
    const en = await pressStatement(db(), admin, DEMO, { date: "2020-12-25", lang: "en" }, NOW);
    expect(en.text).toContain("No events were recorded in operation STP-RAIL-2020");
    expect(en.text).not.toContain("nothing");
    expect(en.figures).toEqual([expect.objectContaining({ id: "events", value: "0" })]);
    const ru = await pressStatement(db(), admin, DEMO, { date: "2020-12-25", lang: "ru" }, NOW);
    expect(ru.text).toContain("не зарегистрировано ни одного события");
    // NOW is 04:00 on 1 January 2026 in Yerevan (UTC+4): the 2nd has not begun there.
    for (const date of ["2026-01-02", "2031-01-01"])
      await expect(pressStatement(db(), admin, DEMO, { date, lang: "en" }, NOW)).rejects.toMatchObject({
        code: "invalid",
        errors: [{ field: "/date", message: "must be 2026-01-01 or earlier" }],
      });
    const today = await pressStatement(db(), admin, DEMO, { date: "2026-01-01", lang: "en" }, NOW);
    expect(today.text.split("\n")[0]!.replace(/\u00a0/g, " ")).toBe(
      "Press release, 1 January 2026 (as of 04:00 local time)",
    );
    expect(today.text).toContain("so far");
  });

  it("takes the day in the operation's time zone: 02:00 in Yerevan on the 20th is the 20th, not the 19th (UTC)", async () => {
    const other = await seedOperation(db(), OP);
    await recordEvents(
      db(),
      other,
      OP,
      [
        event("GoodsPledged", {
          from: `donor:DONOR-${OP}`,
          location: "DEPOT",
          lines: [{ item: "FLOUR", quantity: "1" }],
          eventTime: "2020-12-20T02:00:00+04:00",
        }),
      ],
      new Date(),
    );
    const count = async (date: string) =>
      figure((await pressStatement(db(), other, OP, { date, lang: "en" }, NOW)).figures, "events")!.value;
    expect(await count("2020-12-19")).toBe("0");
    expect(await count("2020-12-20")).toBe("1");
  });

  it("refuses a date that is not on the calendar, a language it does not write and an unknown consignment", async () => {
    await expect(pressStatement(db(), admin, DEMO, { date: "2020-02-30", lang: "en" }, NOW)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ field: "/date" }],
    });
    await expect(pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "fr" }, NOW)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ field: "/lang" }],
    });
    await expect(
      pressStatement(db(), admin, DEMO, { date: "2020-12-19", lang: "en", consignment: "NOPE" }, NOW),
    ).rejects.toBeInstanceOf(AppError);
  });
});
