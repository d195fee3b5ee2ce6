import { describe, expect, it } from "vitest";
import type { Block, ReportDocument } from "../document.ts";
import type { SitrepData } from "./data.ts";
import { buildSitrep, countTicks, niceMax } from "./build.ts";
import { formatter } from "./format.ts";
import { periodErrors } from "./period.ts";

const HASH = "ab".repeat(32);

function data(over: Partial<SitrepData> = {}): SitrepData {
  return {
    operation: { code: "OP-1", name: "Test response", timeZone: "Asia/Yerevan" },
    period: { from: "2020-12-01", to: "2020-12-19" },
    generatedAt: "2020-12-20T08:00:00.000Z",
    ledger: { seq: 42, hash: HASH },
    items: [
      { code: "LUMBER", name: "Lumber", uom: "MTQ", kind: "goods" },
      { code: "CRANE", name: "Crane", uom: "H87", kind: "equipment" },
    ],
    locations: [
      { code: "RAIL", name: "Railhead", kind: "railhead" },
      { code: "HUB", name: "Hub", kind: "hub-warehouse" },
      { code: "N1", name: "North", kind: "neighbourhood" },
      { code: "N2", name: "South", kind: "neighbourhood" },
      { code: "donor:X", name: "Donor", kind: "donor" },
      { code: "recipients:N1", name: "Recipients in North", kind: "recipients" },
      { code: "unit:1", name: "Car 1", kind: "transport-unit" },
    ],
    eventsInPeriod: 5,
    arrivals: [{ unit: "T1", unitKind: "truck", location: "HUB", eventTime: "2020-12-08T15:00:00.000Z" }],
    inferredArrivals: [{ unit: "C1", unitKind: "gondola", location: "RAIL", eventTime: "2020-12-18T23:30:00.000Z" }],
    legs: [
      { consignment: "C-54", seq: 1, mode: "rail", from: "ORIGIN", to: "RAIL" },
      { consignment: "C-54", seq: 2, mode: "road", from: "RAIL", to: "HUB" },
    ],
    unloadings: [
      // 23:30 UTC on 18 December is 03:30 on 19 December in Yerevan.
      {
        unit: "C1",
        unitKind: "gondola",
        location: "RAIL",
        eventTime: "2020-12-18T23:30:00.000Z",
        lines: [{ item: "LUMBER", quantity: "19" }],
      },
      {
        unit: "C2",
        unitKind: "flatcar",
        location: "RAIL",
        eventTime: "2020-12-19T05:00:00.000Z",
        lines: [{ item: "CRANE", quantity: "1" }],
      },
      {
        unit: "T1",
        unitKind: "truck",
        location: "HUB",
        eventTime: "2020-12-08T16:00:00.000Z",
        lines: [{ item: "LUMBER", quantity: "30" }],
      },
    ],
    progress: [
      {
        code: "C-54",
        name: "54 rail cars",
        names: { ru: { name: "54 вагона" } },
        planned: 54,
        mode: "multimodal",
        arrived: { reached: 26, recorded: 9, inferred: 17 },
        unloaded: 26,
      },
    ],
    stock: [
      { location: "HUB", item: "LUMBER", quantity: "1234.5" },
      { location: "donor:X", item: "LUMBER", quantity: "-1300" },
      { location: "unit:1", item: "LUMBER", quantity: "19" },
      { location: "recipients:N1", item: "LUMBER", quantity: "46.5" },
    ],
    hub: "HUB",
    intoHub: [{ item: "LUMBER", quantity: "30" }],
    needs: [
      { neighbourhood: "N1", item: "LUMBER", quantity: "93", households: 100, people: 350 },
      { neighbourhood: "N2", item: "LUMBER", quantity: "50", households: 80, people: 300 },
    ],
    distributedToDate: [{ neighbourhood: "N1", item: "LUMBER", quantity: "46.5" }],
    distributions: [
      { neighbourhood: "N1", households: 60, people: 200, lines: [{ item: "LUMBER", quantity: "46.5" }] },
    ],
    plan: {
      status: "draft",
      createdAt: "2020-12-19T10:00:00.000Z",
      lines: [{ neighbourhood: "N2", item: "LUMBER", quantity: "25" }],
    },
    discrepancies: [
      { kind: "unloaded-before-arrived", subject: "unit:C1", explanation: "C1 unloaded before arrival" },
      { kind: "receipt-short", subject: "event:x", explanation: "40 short" },
    ],
    teams: [
      { code: "JG", name: "Joint grouping", names: { ru: { name: "Объединённая группировка" } } },
      { code: "NOG", name: "Loading team" },
    ],
    recording: [
      // The joint grouping: 10 min, 40 min offline, 6 h 40 min offline (median 40 min, all within 7 h).
      recorded("JG", "2020-12-19T05:00:00.000Z", 10),
      recorded("JG", "2020-12-19T05:00:00.000Z", 40, true),
      recorded("JG", "2020-12-19T05:00:00.000Z", 400, true),
      recorded("NOG", "2020-12-08T10:00:00.000Z", 0.25),
    ],
    ...over,
  };
}

function recorded(team: string | null, eventTime: string, minutes: number, offline = false) {
  const recordedAt = new Date(Date.parse(eventTime) + minutes * 60_000).toISOString();
  return { team, eventTime, recordedAt, fromDevice: offline, offline };
}

const blocks = <K extends Block["kind"]>(doc: ReportDocument, kind: K) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
const after = (doc: ReportDocument, heading: string) =>
  doc.blocks.slice(doc.blocks.findIndex((b) => b.kind === "heading" && b.text === heading) + 1);
const firstTable = (doc: ReportDocument, heading: string) =>
  after(doc, heading).find((b): b is Extract<Block, { kind: "table" }> => b.kind === "table")!;

describe("the situation report document", () => {
  it("groups unloading by place, each with its own total, and never adds the totals of two places up", () => {
    const doc = buildSitrep(data(), "en");
    const section = after(doc, "Unloading");
    const end = section.findIndex((b) => b.kind === "heading" && b.level === 2);
    expect(
      section
        .slice(0, end)
        .filter((b) => b.kind === "heading")
        .map((b) => (b as { text: string }).text),
    ).toEqual([
      "Hub (end of the road leg from Railhead)",
      "Railhead (end of the rail leg from ORIGIN)",
      "Goods that reached Hub in the period",
    ]);
    const hub = firstTable(doc, "Hub (end of the road leg from Railhead)");
    expect(hub.rows).toEqual([["8 Dec", "1 truck", "Lumber 30 m³"]]);
    expect(hub.totals).toEqual(["Total at Hub", "1 truck", "Lumber 30 m³"]);
    const rail = firstTable(doc, "Railhead (end of the rail leg from ORIGIN)");
    expect(rail.rows).toEqual([["19 Dec", "2 rail cars", "Crane 1 pcs; Lumber 19 m³"]]);
    expect(rail.totals).toEqual(["Total at Railhead", "2 rail cars", "Crane 1 pcs; Lumber 19 m³"]);
    expect(JSON.stringify(doc)).not.toContain("49");
    expect(firstTable(doc, "Goods that reached Hub in the period").rows).toEqual([["Lumber", "30", "m³"]]);
  });

  it("leads with the arrivals the ledger implies: recorded ones and those inferred from their unloading", () => {
    const doc = buildSitrep(data(), "en");
    const [arrived] = blocks(doc, "figures")[0]!.figures;
    expect(arrived).toEqual({
      label: "Units arrived",
      value: "2",
      note: "1 recorded; 1 inferred from their unloading · 1 rail car, 1 truck",
    });
    expect(blocks(doc, "paragraph").map((p) => p.text)).toContain(
      "Consignment C-54 (54 rail cars): 26 of 54 cars arrived by the end of the period (9 arrivals recorded; 17 inferred from their unloading); 26 of 54 unloaded.",
    );
    expect(blocks(buildSitrep(data(), "ru"), "paragraph").map((p) => p.text)).toContain(
      "Груз C-54 (54 вагона): к концу периода прибыло 26 из 54 вагонов (прибытие 9 зарегистрировано, ещё 17 следует из их выгрузки), разгружено 26 из 54.",
    );
  });

  it("flags units unloaded without a recorded arrival", () => {
    const doc = buildSitrep(data(), "en");
    expect(blocks(doc, "paragraph").map((p) => p.text)).toContain(
      "Unloaded without a recorded arrival: 1 rail car. Their arrival is counted, inferred from the unloading (see open discrepancies).",
    );
  });

  it("shows stock at real places and on units, never at donors or recipients, in the language's number format", () => {
    const en = firstTable(buildSitrep(data(), "en"), "Stock by location");
    expect(en.rows).toEqual([
      ["Hub", "Lumber", "1,234.5", "m³"],
      ["On transport units", "Lumber", "19", "m³"],
    ]);
    const ru = firstTable(buildSitrep(data(), "ru"), "Запасы по местам хранения");
    expect(ru.rows[0]).toEqual(["Hub", "Lumber", "1\u00a0234,5", "м³"]);
  });

  it("charts the hub's stock against the assessed need", () => {
    const chart = blocks(buildSitrep(data(), "en"), "bars").find((b) => b.title.startsWith("Stock at Hub"))!;
    expect(chart.bars).toEqual([{ label: "Lumber", values: [1], text: "1,234.5 m³ · 863%" }]);
  });

  it("measures coverage per neighbourhood from distributions and the plan", () => {
    const doc = buildSitrep(data(), "en");
    expect(firstTable(doc, "Coverage by neighbourhood").rows).toEqual([
      ["North", "100", "350", "50%", "0%"],
      ["South", "80", "300", "0%", "50%"],
    ]);
    const chart = blocks(doc, "bars").find((b) => b.title === "Coverage of assessed needs by neighbourhood")!;
    expect(chart.series).toEqual(["distributed", "planned (draft plan of 19 December 2020)"]);
    expect(chart.bars.map((b) => b.values)).toEqual([
      [0.5, 0],
      [0, 0.5],
    ]);
  });

  it("counts open discrepancies by kind", () => {
    const t = firstTable(buildSitrep(data(), "en"), "Open discrepancies");
    expect(t.rows).toEqual([
      ["Unloaded without a recorded arrival", "1", "C1 unloaded before arrival"],
      ["Short on receipt", "1", "40 short"],
    ]);
  });

  it("explains a discrepancy in the report's language from its facts", () => {
    const facts = {
      kind: "negative-stock" as const,
      place: "RAIL",
      item: "LUMBER",
      uom: "MTQ",
      balance: "-30",
      time: "2020-12-19T07:00:00.000Z",
    };
    const doc = buildSitrep(
      data({
        discrepancies: [
          { kind: "negative-stock", subject: "stock:RAIL|LUMBER", explanation: "English as found", facts },
        ],
      }),
      "ru",
    );
    expect(firstTable(doc, "Открытые расхождения").rows[0]![2]).toContain(
      "Railhead: остаток «Lumber» на 19 дек. 2020 г. 11:00 UTC+4 — -30\u00a0м³",
    );
  });

  it("names the ledger sequence and head hash in the footer, and the period in the title block", () => {
    const doc = buildSitrep(data(), "ru");
    expect(doc.footer).toContain("№ 42");
    expect(doc.footer).toContain(HASH);
    expect(doc.meta.find((m) => m.label === "Период")?.value).toBe("1–19 декабря 2020\u202fг.");
    expect(doc.fileName).toBe("sitrep-OP-1-2020-12-01-2020-12-19-ru");
  });

  it("says plainly when the period has no events", () => {
    const doc = buildSitrep(
      data({ eventsInPeriod: 0, arrivals: [], inferredArrivals: [], unloadings: [], distributions: [] }),
      "en",
    );
    expect(doc.blocks[0]).toMatchObject({
      kind: "paragraph",
      tone: "notice",
      text: expect.stringContaining("No events were recorded for 1"),
    });
    expect(after(doc, "Unloading")[0]).toMatchObject({ text: "No unloading was recorded in this period." });
  });

  it("says a period ending today stands at the time of the report, never at the end of a day not over", () => {
    // 14:05 on 19 December in Yerevan (UTC+4), the last day of the period.
    const today = data({ generatedAt: "2020-12-19T10:05:00.000Z" });
    const en = buildSitrep(today, "en");
    expect(en.blocks[0]).toMatchObject({
      tone: "notice",
      text: expect.stringContaining("every figure stands at 14:05"),
    });
    expect(en.meta.find((m) => m.label === "Period")?.value).toMatch(/ \(to 14:05\)$/);
    expect(en.runningHead).toContain("(to 14:05)");
    expect(after(en, "Stock by location")[0]).toMatchObject({
      text: expect.stringMatching(/^Stock on hand at 14:05 on 19/),
    });
    const ru = buildSitrep(today, "ru");
    expect(ru.meta.find((m) => m.label === "Период")?.value).toBe("1–19 декабря 2020\u202fг. (по состоянию на 14:05)");
    expect(after(ru, "Запасы по местам хранения")[0]).toMatchObject({
      text: expect.stringMatching(/^Остатки на 14:05 /),
    });
    // Generated the next day, the period is over: no notice, stock at the end of the day.
    const over = buildSitrep(data(), "en");
    expect(JSON.stringify(over)).not.toContain("stands at");
    expect(after(over, "Stock by location")[0]).toMatchObject({
      text: expect.stringMatching(/^Stock on hand at the end of 19/),
    });
  });
});

describe("how soon events were recorded, per team", () => {
  const section = (doc: ReportDocument, heading: string) =>
    after(doc, heading).filter((b): b is Extract<Block, { kind: "paragraph" }> => b.kind === "paragraph");

  it("quotes each team's bound, median and events recorded offline, in English", () => {
    const [, jg, nog] = section(buildSitrep(data(), "en"), "How soon events were recorded").map((p) => p.text);
    expect(jg).toBe(
      "Joint grouping: 3 events recorded within 7 hours of happening (median 40 minutes; 2 recorded offline).",
    );
    expect(nog).toBe(
      "Loading team: 1 event recorded within 1 minute of happening (median under a minute; 0 recorded offline).",
    );
  });

  it("says it in Russian with the team's Russian name and the plural forms of each case", () => {
    const doc = buildSitrep(
      data({ recording: [...data().recording, recorded(null, "2020-12-10T10:00:00.000Z", 21 * 60 + 5)] }),
      "ru",
    );
    const [, jg, nog, none] = section(doc, "Как быстро события вносились в журнал").map((p) => p.text);
    expect(jg).toBe(
      "Объединённая группировка: 3 события внесены в журнал не позднее чем через 7 часов после того, как произошли (медиана — 40 минут; записано без связи: 2).",
    );
    // A team without a Russian name keeps its working name: the demo's teams all have one.
    expect(nog).toBe(
      "Loading team: 1 событие внесено в журнал не позднее чем через 1 минуту после того, как произошло (медиана — меньше минуты; записано без связи: 0).",
    );
    expect(none).toMatch(/^События без указания команды: 1 событие внесено .* через 22 часа .* \(медиана — 21 час;/);
  });

  it("says so when nothing happened in the period", () => {
    const doc = buildSitrep(data({ recording: [] }), "en");
    expect(section(doc, "How soon events were recorded")[0]).toMatchObject({
      tone: "muted",
      text: "No events happened in this period.",
    });
  });
});

describe("Russian plural forms of transport units", () => {
  const f = formatter("ru", "UTC");
  const forms = { one: "вагон", few: "вагона", many: "вагонов", other: "вагона" };
  it.each([
    [1, "1 вагон"],
    [2, "2 вагона"],
    [5, "5 вагонов"],
    [11, "11 вагонов"],
    [17, "17 вагонов"],
    [21, "21 вагон"],
    [22, "22 вагона"],
    [25, "25 вагонов"],
  ])("%i → %s", (n, text) => {
    expect(f.count(n, forms)).toBe(text);
  });
});

describe("a report period", () => {
  it("accepts real days in order", () => expect(periodErrors("2020-12-01", "2020-12-01", "2020-12-01")).toEqual([]));
  it("refuses a day that does not exist", () =>
    expect(periodErrors("2020-02-30", "2020-03-01", "2026-12-07")).toEqual([
      { field: "/from", message: expect.stringContaining("2020-02-30") },
    ]));
  it("refuses a start after the end", () =>
    expect(periodErrors("2020-12-19", "2020-12-01", "2026-12-07")[0]).toMatchObject({
      field: "/from",
      message: expect.stringContaining("after"),
    }));
  it("refuses a period that ends after today: the ledger holds nothing yet about days to come", () =>
    expect(periodErrors("2026-12-01", "2026-12-08", "2026-12-07")).toEqual([
      { field: "/to", message: expect.stringMatching(/^must be 2026-12-07 or earlier/) },
    ]));
});

describe("chart axes", () => {
  it("round up to a readable maximum with at most six ticks", () => {
    expect(niceMax(27)).toBe(30);
    expect(countTicks(formatter("en", "UTC"), 30).map((t) => t.value)).toEqual([0, 10, 20, 30]);
    expect(countTicks(formatter("en", "UTC"), 4).map((t) => t.value)).toEqual([0, 1, 2, 3, 4]);
  });
});
