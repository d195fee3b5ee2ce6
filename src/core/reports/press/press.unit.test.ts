import { describe, expect, it } from "vitest";
import { renderPress } from "./render.ts";
import { counted, formatDate, NBSP } from "./lang.ts";
import { cargoPhrase } from "./cargo.ts";
import type { CargoLine, ConsignmentDay, PressFacts } from "./statement.ts";
import { UNIT_NOUNS, UOM_WORDS } from "./vocabulary.ts";

const s = (text: string) => text.replaceAll(NBSP, " ");
const lumber = (quantity: string): CargoLine => ({
  item: {
    code: "LUMBER",
    name: "Lumber (sawn timber)",
    uom: "MTQ",
    symbol: "m³",
    kind: "goods",
    names: {
      en: { name: "Lumber", measured: "lumber" },
      ru: { name: "Пиломатериалы", measured: "пиломатериалов", gender: "pl" },
    },
  },
  quantity,
  carriers: [],
});
const crane = (quantity: string, units: number): CargoLine => ({
  item: {
    code: "CRANE",
    name: "Truck-mounted crane",
    uom: "H87",
    symbol: null,
    kind: "equipment",
    names: {
      en: { name: "Truck-mounted crane", one: "truck-mounted crane", other: "truck-mounted cranes" },
      ru: { name: "Автокран", one: "автокран", few: "автокрана", many: "автокранов", gender: "m" },
    },
  },
  quantity,
  carriers: units > 0 ? [{ kind: "flatcar", units }] : [],
});
const place = (code: string, en: string, ru: string) => ({
  code,
  name: code,
  names: { en: { name: code, at: `at ${en}`, to: `to ${en}` }, ru: { name: code, at: `на ${ru}`, to: `на ${ru}` } },
});

function day(units: number, overrides: Partial<ConsignmentDay> = {}): ConsignmentDay {
  return {
    code: "C",
    name: "C",
    plannedUnits: 54,
    category: "rail-car",
    unloaded: {
      units: [{ category: "rail-car", count: units }],
      parts: [2],
      locations: [place("RH", "the railhead", "станции")],
      teams: [],
      cargo: [lumber("300"), crane("1", 1)],
    },
    onward: null,
    progress: { arrived: 26, arrivedRecorded: 9, arrivedInferred: 17, unloaded: 26 },
    ...overrides,
  };
}
const facts = (consignments: ConsignmentDay[], hasEvents = true, asOf: string | null = null): PressFacts => ({
  operation: "OP",
  date: "2020-12-19",
  timeZone: "Asia/Yerevan",
  asOf,
  hasEvents,
  consignments,
  outlook: null,
});

describe("Russian plural forms", () => {
  it.each([
    [1, "1 вагон"],
    [2, "2 вагона"],
    [5, "5 вагонов"],
    [11, "11 вагонов"],
    [21, "21 вагон"],
    [22, "22 вагона"],
    [25, "25 вагонов"],
  ])("counts %i rail cars as «%s»", (n, expected) => {
    expect(s(counted("ru", n, UNIT_NOUNS.ru["rail-car"].count))).toBe(expected);
  });

  it.each([
    [1, "1 кубометр"],
    [2, "2 кубометра"],
    [5, "5 кубометров"],
    [11, "11 кубометров"],
    [21, "21 кубометр"],
    [22, "22 кубометра"],
    [25, "25 кубометров"],
    ["0.5", "0,5 кубометра"],
    ["1500", "1 500 кубометров"],
  ])("writes %s m³ as «%s»", (n, expected) => {
    expect(s(counted("ru", n, UOM_WORDS.ru.MTQ!))).toBe(expected);
  });

  it.each([
    [1, "выгружен 1 вагон"],
    [2, "выгружено 2 вагона"],
    [5, "выгружено 5 вагонов"],
    [11, "выгружено 11 вагонов"],
    [21, "выгружен 21 вагон"],
    [22, "выгружено 22 вагона"],
    [25, "выгружено 25 вагонов"],
  ])("agrees the verb with %i unloaded cars when no team is named", (n, expected) => {
    expect(s(renderPress(facts([day(n)]), "ru"))).toContain(`на станции ${expected} с гуманитарной помощью`);
  });

  it.each([
    [1, "прибыл 1 из 54 вагонов"],
    [2, "прибыли 2 из 54 вагонов"],
    [21, "прибыл 21 из 54 вагонов"],
    [25, "прибыли 25 из 54 вагонов"],
  ])("says %i of 54 arrived as «%s»", (n, expected) => {
    expect(
      s(
        renderPress(
          facts([day(17, { progress: { arrived: n, arrivedRecorded: n, arrivedInferred: 0, unloaded: 26 } })]),
          "ru",
        ),
      ),
    ).toContain(`К настоящему времени ${expected}.`);
  });

  it("says how many were planned with the agreeing participle: 21 вагон запланирован, 54 вагона запланировано", () => {
    expect(s(renderPress(facts([day(17, { plannedUnits: 21 })]), "ru"))).toContain("всего запланирован 21 вагон.");
    expect(s(renderPress(facts([day(17)]), "ru"))).toContain("Это вторая партия груза; всего запланировано 54 вагона.");
  });

  it("counts equipment on carriers: автокран на платформе, 2 автокрана на 2 платформах, 5 автокранов на 5 платформах", () => {
    expect(s(cargoPhrase("ru", [crane("1", 1)]))).toBe("автокран на платформе");
    expect(s(cargoPhrase("ru", [crane("2", 2)]))).toBe("2 автокрана на 2 платформах");
    expect(s(cargoPhrase("ru", [crane("5", 5)]))).toBe("5 автокранов на 5 платформах");
    expect(s(cargoPhrase("ru", [crane("21", 21)]))).toBe("21 автокран на 21 платформе");
  });
});

describe("English plural forms", () => {
  it.each([
    [1, "1 rail car"],
    [2, "2 rail cars"],
    [5, "5 rail cars"],
    [11, "11 rail cars"],
    [17, "17 rail cars"],
    [21, "21 rail cars"],
    [1500, "1,500 rail cars"],
  ])("counts %i as «%s»", (n, expected) => {
    expect(s(counted("en", n, UNIT_NOUNS.en["rail-car"].count))).toBe(expected);
  });

  it("writes cargo the way the ministry did: 300 cubic metres of lumber and a flatcar with a truck-mounted crane", () => {
    expect(s(cargoPhrase("en", [crane("1", 1), lumber("300")]))).toBe(
      "300 cubic metres of lumber and a flatcar with a truck-mounted crane",
    );
    expect(s(cargoPhrase("en", [lumber("1")]))).toBe("1 cubic metre of lumber");
    expect(s(cargoPhrase("en", [crane("2", 2)]))).toBe("two truck-mounted cranes on two flatcars");
    expect(s(cargoPhrase("en", [crane("12", 12)]))).toBe("12 truck-mounted cranes on 12 flatcars");
  });

  it("uses 'was' for one car and 'were' for several when no team is named", () => {
    expect(s(renderPress(facts([day(1)]), "en"))).toContain(
      "On 19 December, one rail car of humanitarian aid was unloaded at the railhead:",
    );
    expect(s(renderPress(facts([day(17)]), "en"))).toContain(
      "On 19 December, 17 rail cars of humanitarian aid were unloaded at the railhead:",
    );
  });
});

describe("a press statement", () => {
  it("dates the heading in each language's convention", () => {
    expect(s(formatDate("en", "2020-12-19"))).toBe("19 December 2020");
    expect(s(formatDate("ru", "2020-12-19"))).toBe("19 декабря 2020 г.");
    expect(renderPress(facts([day(17)]), "ru").split("\n")[0]).toBe(`Пресс-релиз, 19${NBSP}декабря 2020${NBSP}г.`);
  });

  it("says a day without events has no records, not that nothing happened, in both languages", () => {
    expect(s(renderPress(facts([], false), "en"))).toBe(
      "Press release, 19 December 2020\n\nNo events were recorded in operation OP on 19 December 2020: the ledger holds no loading, transport, unloading or distribution dated that day.\n",
    );
    const ru = s(renderPress(facts([], false), "ru"));
    expect(ru).toContain("19 декабря 2020 г. в операции OP не зарегистрировано ни одного события");
    expect(ru).toContain("в журнале нет записей");
    for (const lang of ["en", "ru"] as const) expect(renderPress(facts([], false), lang)).not.toMatch(/nothing|ничего/);
  });

  it("speaks of a day still going on as of its time, never of the end of the day", () => {
    const onward = { mode: "road", destination: place("HUB", "the hub", "склад"), cargo: [lumber("300")] };
    const today = facts([day(17, { onward })], true, "14:05");
    const en = s(renderPress(today, "en"));
    expect(en.split("\n")[0]).toBe("Press release, 19 December 2020 (as of 14:05 local time)");
    expect(en).toContain("by 14:05,");
    expect(en).not.toContain("end of the day");
    const ru = s(renderPress(today, "ru"));
    expect(ru.split("\n")[0]).toBe("Пресс-релиз, 19 декабря 2020 г. (по состоянию на 14:05 по местному времени)");
    expect(ru).toContain("к 14:05");
    expect(ru).not.toContain("к концу дня");
    const over = s(renderPress(facts([day(17, { onward })]), "en"));
    expect(over).toContain("by the end of the day,");
    expect(s(renderPress(facts([], false, "09:30"), "en"))).toContain(
      "No events have been recorded in operation OP on 19 December 2020 so far: as of 09:30,",
    );
    expect(s(renderPress(facts([], false, "09:30"), "ru"))).toContain("на 09:30 не зарегистрировано");
  });

  it("leads with the arrivals the ledger implies, with the recorded figure and the gap beside it", () => {
    const en = s(renderPress(facts([day(17)]), "en"));
    expect(en).toContain(
      "So far, 26 of the 54 rail cars have arrived (nine arrivals recorded; 17 inferred from their unloading).",
    );
    expect(en).not.toContain("nine of the 54");
    const ru = s(renderPress(facts([day(17)]), "ru"));
    expect(ru).toContain(
      "К настоящему времени прибыли 26 из 54 вагонов: прибытие 9 из них зарегистрировано, прибытие ещё 17 следует из их выгрузки.",
    );
  });

  it("says so when none of the arrivals was recorded, and adds nothing when all were", () => {
    const none = day(17, { progress: { arrived: 17, arrivedRecorded: 0, arrivedInferred: 17, unloaded: 17 } });
    expect(s(renderPress(facts([none]), "en"))).toContain(
      "So far, 17 of the 54 rail cars have arrived (no arrivals recorded; 17 inferred from their unloading).",
    );
    expect(s(renderPress(facts([none]), "ru"))).toContain(
      "прибыли 17 из 54 вагонов: прибытие ни одного из них не зарегистрировано, оно следует из их выгрузки.",
    );
    const all = day(17, { progress: { arrived: 26, arrivedRecorded: 26, arrivedInferred: 0, unloaded: 26 } });
    expect(s(renderPress(facts([all]), "en"))).toContain("So far, 26 of the 54 rail cars have arrived.\n");
  });

  it("says that no cars were unloaded on a day with other events, and still gives the progress", () => {
    const quiet = day(0, {
      unloaded: { units: [], parts: [], locations: [], teams: [], cargo: [] },
      progress: { arrived: 0, arrivedRecorded: 0, arrivedInferred: 0, unloaded: 0 },
    });
    expect(s(renderPress(facts([quiet]), "en"))).toContain(
      "No rail cars were unloaded on 19 December. So far, none of the 54 rail cars has arrived.",
    );
    expect(s(renderPress(facts([quiet]), "ru"))).toContain(
      "19 декабря вагоны не выгружались. К настоящему времени ни один из 54 вагонов ещё не прибыл.",
    );
  });

  it("names the team as the ones who unloaded when the events name it", () => {
    const team = {
      code: "JG",
      name: "JG",
      names: {
        en: { name: "JG", agent: "specialists of the joint grouping" },
        ru: { name: "ОГ", agent: "специалисты Объединённой группировки" },
      },
    };
    const withTeam = day(17);
    withTeam.unloaded.teams = [team];
    expect(s(renderPress(facts([withTeam]), "en"))).toContain(
      "On 19 December, specialists of the joint grouping unloaded 17 rail cars of humanitarian aid at the railhead: 300 cubic metres of lumber and a flatcar with a truck-mounted crane.",
    );
    expect(s(renderPress(facts([withTeam]), "ru"))).toContain(
      "19 декабря специалисты Объединённой группировки выгрузили на станции 17 вагонов с гуманитарной помощью: 300 кубометров пиломатериалов и автокран на платформе.",
    );
  });

  it("falls back to undeclined names in quotes when the catalogue has no Russian forms", () => {
    const bare: CargoLine = { ...lumber("300"), item: { ...lumber("300").item, names: {} } };
    expect(s(cargoPhrase("ru", [bare]))).toBe("300 кубометров груза «Lumber (sawn timber)»");
    expect(s(cargoPhrase("en", [bare]))).toBe("300 cubic metres of lumber (sawn timber)");
  });

  it("describes the plan: distribution among neighbourhoods, with coverage once approved", () => {
    const withPlan = (status: "draft" | "approved") => ({
      ...facts([day(17)]),
      outlook: { status, neighbourhoods: 6, minCoverage: 0.62 },
    });
    expect(s(renderPress(withPlan("approved"), "en"))).toContain(
      "The aid will be distributed among six neighbourhoods under the approved distribution plan (minimum coverage of assessed needs: 62%).",
    );
    expect(s(renderPress(withPlan("approved"), "ru"))).toContain(
      "Помощь будет распределена по 6 районам в соответствии с утверждённым планом распределения (минимальное покрытие потребностей — 62 %).",
    );
    expect(s(renderPress(withPlan("draft"), "ru"))).toContain(
      "по 6 районам; план распределения подготовлен и ожидает утверждения.",
    );
    expect(
      s(renderPress({ ...withPlan("draft"), outlook: { status: "draft", neighbourhoods: 21, minCoverage: 0 } }, "ru")),
    ).toContain("по 21 району;");
  });
});
