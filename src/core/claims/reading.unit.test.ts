// The claims reader's parts: tokens with offsets, sentences that survive abbreviations,
// numbers in digits and in words (English and Russian, every case), dates, Russian
// inflections of the domain's nouns, stems of catalogue names; and, for any text, every
// claim's span is the text it quotes.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sentences, tokenise } from "./text.ts";
import { digitsValue, readNumber } from "./numbers.ts";
import { readDate } from "./dates.ts";
import { UNIT_NOUNS, UOM_WORDS, longestAt, stepOf } from "./lexicon.ts";
import { matchItems, itemEntries, sameStem, stemsOf, withDescendants } from "./names.ts";
import { extractClaims, readTextDate, readTextDateBy } from "./extract.ts";
import { CATALOGUE } from "../../../test/helpers/claims-ledger.ts";

const numberIn = (text: string, lang: "en" | "ru" = "en") => readNumber(tokenise(text), 0, lang)?.value;
const dateIn = (text: string, textDate = "2020-12-20") => readDate(tokenise(text), 0, textDate)?.date;

describe("tokens", () => {
  it("keep their offsets in the original text, grouped numbers whole", () => {
    const text = "Выгружено 12\u00a0000 одеял и 300 m³.";
    for (const t of tokenise(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenise(text).map((t) => t.text)).toEqual(["Выгружено", "12\u00a0000", "одеял", "и", "300", "m³", "."]);
  });

  it("split sentences at full stops but not after abbreviations such as т. and шт.", () => {
    const split = sentences("Выгружено 120 т. цемента и 5 шт. кранов. Прибыло 9 вагонов.\nНовый абзац.");
    expect(split.map((s) => s.tokens.map((t) => t.text).join(" "))).toEqual([
      "Выгружено 120 т . цемента и 5 шт . кранов .",
      "Прибыло 9 вагонов .",
      "Новый абзац .",
    ]);
    expect(split.map((s) => s.paragraph)).toEqual([0, 0, 1]);
    expect(split[0]!.lang).toBe("ru");
  });
});

describe("numbers", () => {
  it.each([
    ["17", "17"],
    ["1,500", "1500"],
    ["12.5", "12.5"],
    ["nine", "9"],
    ["seventeen", "17"],
    ["fifty-four", "54"],
    ["fifty four", "54"],
    ["one hundred and twenty", "120"],
    ["a hundred", "100"],
    ["twelve thousand", "12000"],
    ["12 thousand", "12000"],
    ["1.5 million", "1500000"],
  ])("reads English %s as %s", (text, value) => expect(numberIn(text)).toBe(value));

  it.each([
    ["1 500", "1500"],
    ["1\u00a0500", "1500"],
    ["1,5", "1.5"],
    ["девять", "9"],
    ["девяти", "9"],
    ["семнадцать", "17"],
    ["семнадцати", "17"],
    ["пятьдесят четыре", "54"],
    ["пятидесяти четырёх", "54"],
    ["сто двадцать", "120"],
    ["двухсот", "200"],
    ["двадцать одна", "21"],
    ["6 тыс.", "6000"],
    ["1,5 тыс", "1500"],
    ["сто тысяч", "100000"],
    ["трёх", "3"],
  ])("reads Russian %s as %s", (text, value) => expect(numberIn(text, "ru")).toBe(value));

  it("reads a comma as thousands in English and as the decimal point in Russian", () => {
    expect(digitsValue("1,500", "en")).toBe("1500");
    expect(digitsValue("1,500", "ru")).toBe("1.5");
  });

  it("does not run two unit words together ('nine ten' is not 19)", () =>
    expect(readNumber(tokenise("nine ten"), 0, "en")?.next).toBe(1));
});

describe("dates", () => {
  it.each([
    ["19 December", "2020-12-19"],
    ["December 19", "2020-12-19"],
    ["December 19th, 2020", "2020-12-19"],
    ["19th December", "2020-12-19"],
    ["19 Dec.", "2020-12-19"],
    ["19.12.2020", "2020-12-19"],
    ["2020-12-19", "2020-12-19"],
    ["yesterday", "2020-12-19"],
    ["today", "2020-12-20"],
    ["the day before yesterday", "2020-12-18"],
    ["19 декабря", "2020-12-19"],
    ["19-го декабря", "2020-12-19"],
    ["19 декабря 2020 г.", "2020-12-19"],
    ["вчера", "2020-12-19"],
    ["позавчера", "2020-12-18"],
  ])("reads %s", (text, date) => expect(dateIn(text)).toBe(date));

  it("puts a day written without a year on or before the text's date", () => {
    expect(dateIn("30 December", "2021-01-02")).toBe("2020-12-30");
    expect(dateIn("2 January", "2021-01-02")).toBe("2021-01-02");
  });

  it("refuses days that do not exist", () => expect(dateIn("31 November")).toBeUndefined());

  it("finds a text's date on its dateline", () => {
    expect(readTextDate(" date 2020-12-20 MOSCOW, December 20. /TASS/.", 2031)).toBe("2020-12-20");
    expect(readTextDate("MOSCOW, December 20. /TASS/. More text.", 2020)).toBe("2020-12-20");
    expect(readTextDate("Seventeen cars arrived.\nOn 19 December…", 2020)).toBeUndefined();
  });

  it("takes a dateline without its year as a day up to today, and keeps a written year as written", () => {
    expect(readTextDateBy("MOSCOW, December 20. /TASS/.", 2026, "2026-12-07")).toBe("2025-12-20");
    expect(readTextDateBy("MOSCOW, December 5. /TASS/.", 2026, "2026-12-07")).toBe("2026-12-05");
    expect(readTextDateBy("MOSCOW, December 20, 2026. /TASS/.", 2026, "2026-12-07")).toBe("2026-12-20");
    expect(readTextDateBy("date 2031-01-01", 2026, "2026-12-07")).toBe("2031-01-01");
    expect(readTextDateBy("No date here.", 2026, "2026-12-07")).toBeUndefined();
  });
});

describe("the lexicon", () => {
  const noun = (text: string) => longestAt(tokenise(text), 0, UNIT_NOUNS)?.entry.label;
  it.each(["вагон", "вагона", "вагонов", "вагоны", "вагонам", "вагонами", "вагонах", "вагоне"])(
    "knows %s as a rail car",
    (w) => expect(noun(w)).toBe("rail cars"),
  );
  it.each(["платформа", "платформы", "платформ", "платформе", "платформу", "платформой", "flatcar", "platform"])(
    "knows %s as a flatcar",
    (w) => expect(noun(w)).toBe("flatcars"),
  );
  it.each([
    ["крытых вагонов", "covered wagons"],
    ["полувагонов", "gondola wagons"],
    ["грузовиков", "trucks"],
    ["rail cars", "rail cars"],
    ["train cars", "rail cars"],
  ])("knows %s", (w, label) => expect(noun(w)).toBe(label));

  const uom = (text: string) => longestAt(tokenise(text), 0, UOM_WORDS)?.entry.uom;
  it.each([
    ["кубометр", "MTQ"],
    ["кубометра", "MTQ"],
    ["кубометров", "MTQ"],
    ["куб. м", "MTQ"],
    ["м³", "MTQ"],
    ["м3", "MTQ"],
    ["cubic metres", "MTQ"],
    ["тонна", "TNE"],
    ["тонны", "TNE"],
    ["тонн", "TNE"],
    ["т", "TNE"],
    ["tonnes", "TNE"],
    ["штука", "H87"],
    ["штук", "H87"],
    ["шт", "H87"],
    ["кв. м", "MTK"],
    ["square metres", "MTK"],
    ["кг", "KGM"],
  ])("knows %s as %s", (w, code) => expect(uom(w)).toBe(code));

  it.each([
    ["выгрузила", "unloaded"],
    ["выгружено", "unloaded"],
    ["разгрузили", "unloaded"],
    ["прибыли", "arrived"],
    ["прибывших", "arrived"],
    ["доставлено", "delivered"],
    ["отправлены", "departed"],
    ["загружено", "loaded"],
    ["роздано", "distributed"],
    ["offloaded", "unloaded"],
    ["dispatched", "departed"],
    ["arrival", "arrived"],
    ["unloading", "unloaded"],
  ])("knows %s as the step %s", (w, step) => expect(stepOf(tokenise(w)[0]!)).toBe(step));
});

describe("catalogue names", () => {
  const entries = itemEntries(CATALOGUE.items);
  const item = (text: string) => matchItems(stemsOf(text), entries).map((m) => m.code);
  it.each([
    ["пиломатериалов", "LUMBER"],
    ["пиломатериалы", "LUMBER"],
    ["lumber", "LUMBER"],
    ["sawn timber", "LUMBER"],
    ["цемента", "CEMENT"],
    ["bagged cement", "CEMENT"],
    ["одеял", "BLANKET"],
    ["blankets", "BLANKET"],
    ["автокраном", "CRANE"],
    ["автокран", "CRANE"],
    ["truck-mounted crane", "CRANE"],
    ["оконного стекла", "GLASS"],
    ["муки", "FLOUR"],
  ])("finds %s as %s", (text, code) => expect(item(text)).toEqual([code]));

  it("compares stems allowing Snowball's short forms of long words", () => {
    expect(sameStem("автокра", "автокран")).toBe(true);
    expect(sameStem("мук", "му")).toBe(false);
  });

  it("takes the places under a place", () =>
    expect(withDescendants(["STP"], CATALOGUE.locations)).toContain("STP-HUB"));
});

describe("claim spans", () => {
  it("quote exactly the text they cover, for any text around them", () => {
    const pieces = fc.constantFrom(
      "17 вагонов",
      "nine out of 54 train cars",
      "300 m³ of lumber",
      "автокран на платформе",
      "a flatcar with a crane",
      "yesterday",
      ", ",
      ". ",
      "\n",
      "были выгружены",
      "unloaded",
      "  ",
      "«",
      "»",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        for (const c of extractClaims(text, { textDate: "2020-12-20", catalogue: CATALOGUE })) {
          expect(text.slice(c.span.start, c.span.end)).toBe(c.quote);
          expect(c.span.start).toBeLessThan(c.span.end);
        }
      }),
      { numRuns: 200 },
    );
  });
});
