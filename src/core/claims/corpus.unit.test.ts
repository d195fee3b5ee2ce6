// The claims checker's corpus: sentences in English and Russian, each with the verdicts
// expected against a fixed ledger (test/helpers/claims-ledger.ts: the demo's story — part
// 1's nine covered wagons arrived 6 and unloaded 7 December, part 2's sixteen gondolas of
// lumber and a flatcar with a crane unloaded 19 December with no arrival recorded, trucks
// on to the hub). The text is dated 20 December 2020 unless a case says otherwise.
import { describe, expect, it } from "vitest";
import { extractClaims } from "./extract.ts";
import { judgeClaim, type CheckedClaim, type Verdict } from "./judge.ts";
import { specsFor } from "./specs.ts";
import { CATALOGUE, DISCREPANCIES, answerAll } from "../../../test/helpers/claims-ledger.ts";

type Expected = Verdict | { verdict: Verdict; quote?: string; value?: string; reason?: string };

function check(text: string, textDate = "2020-12-20"): CheckedClaim[] {
  const claims = extractClaims(text, { textDate, catalogue: CATALOGUE });
  const results = answerAll(claims.flatMap(specsFor));
  const itemUoms = new Map(CATALOGUE.items.map((i) => [i.code, i.uom]));
  return claims.map((c) => judgeClaim(c, { results, discrepancies: DISCREPANCIES, itemUoms }));
}

function expectVerdicts(text: string, expected: readonly Expected[]) {
  const got = check(text);
  const shown = got
    .map((c) => `${c.claim.quote} → ${c.verdict} (${c.reason.code}; ${c.reading}; ledger ${c.figure?.value ?? "-"})`)
    .join("\n");
  expect(
    got.map((c) => c.verdict),
    shown,
  ).toEqual(expected.map((e) => (typeof e === "string" ? e : e.verdict)));
  expected.forEach((e, i) => {
    if (typeof e === "string") return;
    const c = got[i]!;
    if (e.quote !== undefined) expect(c.claim.quote.replace(/\s/g, " "), shown).toBe(e.quote);
    if (e.value !== undefined) expect(c.figure?.value, shown).toBe(e.value);
    if (e.reason !== undefined) expect(c.reason.code, shown).toBe(e.reason);
  });
}

const S = "supported" as const;
const C = "contradicted" as const;
const N = "not-checkable" as const;

const ENGLISH: [string, Expected[]][] = [
  // supported
  [
    "On 19 December, 17 rail cars were unloaded at the Yerevan freight station.",
    [{ verdict: S, quote: "17 rail cars", value: "17" }],
  ],
  ["Seventeen wagons were unloaded on December 19.", [S]],
  ["On December 19th, seventeen railcars were offloaded.", [S]],
  ["Yesterday 17 cars were unloaded.", [S]],
  ["On 19 Dec 2020 the team offloaded 300 m³ of lumber.", [{ verdict: S, value: "300" }]],
  ["300 cubic metres of sawn timber were unloaded on 19 December.", [S]],
  ["300 cu. m of lumber were unloaded on 19.12.2020.", [S]],
  ["About 300 m3 of lumber was unloaded on 19 December.", [{ verdict: S, reason: "within-qualifier" }]],
  [
    "A flatcar with a truck-mounted crane was unloaded on 19 December.",
    [{ verdict: S, quote: "A flatcar with a truck-mounted crane" }],
  ],
  ["A crane on a flatcar was unloaded on 19 December.", [S]],
  ["Sixteen gondola wagons were unloaded on 19 December.", [S]],
  ["Nine rail cars arrived on 6 December.", [S]],
  ["On 7 December, 120 tonnes of bagged cement were unloaded.", [S]],
  ["6,000 blankets were unloaded on 7 December.", [S]],
  ["3,000 square metres of window glass were unloaded on 7 December.", [S]],
  ["So far, 26 of the 54 rail cars have arrived.", [S, { verdict: S, quote: "54 rail cars" }]],
  ["26 of 54 cars have been unloaded so far.", [S, S]],
  ["By 19 December, 26 cars had been unloaded.", [S]],
  ["At least 20 cars have arrived to date.", [{ verdict: S, reason: "within-qualifier" }]],
  ["The consignment consists of 54 rail cars.", [S]],
  ["Fifty-four rail cars were planned.", [S]],
  ["The second part comprised 17 cars.", [S]],
  ["More than 250 cubic meters of lumber reached the hub in Stepanakert on 19 December.", [S]],
  ["On 19 December 300 m³ of lumber was delivered to Stepanakert.", [S]],
  ["Some 120 t of cement arrived at the humanitarian aid warehouse in Stepanakert on 8 December.", [S]],
  ["On 8 December six trucks were unloaded at the hub.", [S]],
  ["The ministry said 17 cars (300 m³ of lumber) had been unloaded on 19 December.", [S, S]],
  ["1,200 blankets have been distributed so far.", [S]],
  ["Of the 54 rail cars, 26 have arrived so far.", [{ verdict: S, quote: "54 rail cars", reason: "matches" }]],
  // contradicted
  ["So far, nine out of 54 train cars have arrived.", [{ verdict: C, value: "26", reason: "counts-recorded-only" }, S]],
  ["Nine of the 54 rail cars had arrived by 19 December.", [{ verdict: C, value: "26" }, S]],
  ["On 19 December, 18 rail cars were unloaded.", [{ verdict: C, value: "17", reason: "differs" }]],
  ["On 18 December, 17 rail cars were unloaded.", [{ verdict: C, value: "0", reason: "other-days" }]],
  ["400 m³ of lumber were unloaded on 19 December.", [C]],
  ["The consignment consists of 50 rail cars.", [{ verdict: C, value: "54" }]],
  [
    "Two flatcars with a truck-mounted crane were unloaded on 19 December.",
    [{ verdict: C, reason: "carrier-differs" }],
  ],
  ["On 19 December 12,000 blankets were unloaded.", [C]],
  ["Fewer than 10 cars have been unloaded so far.", [C]],
  ["Ten trucks arrived at the hub on 15 December.", [{ verdict: C, reason: "other-days" }]],
  ["By 20 December all 54 cars had arrived.", [C]],
  ["600 cubic metres of lumber were delivered to the hub on 19 December.", [{ verdict: C, value: "300" }]],
  // not checkable
  ["17 rail cars will be unloaded tomorrow.", [{ verdict: N, reason: "unreadable" }]],
  ["Arrival has not been recorded for 17 cars.", [N]],
  ["300 tonnes of lumber were unloaded on 19 December.", [N]],
  ["200 tonnes of rice were unloaded on 19 December.", [N]],
  ["5 tonnes of humanitarian aid arrived on 19 December.", [N]],
  // no claims at all
  ["In 1992-1994, tensions boiled over into seven adjacent territories.", []],
  ["Renewed clashes erupted on September 27, and three co-chairs met.", []],
];

const RUSSIAN: [string, Expected[]][] = [
  // supported
  [
    "19 декабря специалисты выгрузили 17 вагонов на грузовой станции в Ереване.",
    [{ verdict: S, quote: "17 вагонов", value: "17" }],
  ],
  ["Группировка выгрузила 17 вагонов 19 декабря.", [S]],
  ["19 декабря выгружено семнадцать вагонов.", [S]],
  ["Вчера выгрузили семнадцать вагонов.", [S]],
  ["19 декабря выгружено 300 кубометров пиломатериалов.", [{ verdict: S, value: "300" }]],
  ["19 декабря выгружено 300 куб. м пиломатериалов.", [S]],
  ["19.12.2020 выгружено 300 м³ пиломатериалов.", [S]],
  ["Около 300 кубометров пиломатериалов выгрузили 19 декабря.", [{ verdict: S, reason: "within-qualifier" }]],
  ["19 декабря выгружен автокран на платформе.", [{ verdict: S, quote: "автокран на платформе" }]],
  ["19 декабря выгрузили платформу с автокраном.", [S]],
  ["19 декабря выгружено шестнадцать полувагонов.", [S]],
  ["6 декабря прибыли девять вагонов.", [S]],
  ["7 декабря выгружено 120 т цемента.", [S]],
  ["7 декабря выгружено сто двадцать тонн цемента.", [S]],
  ["7 декабря выгружено 6 000 одеял.", [S]],
  ["7 декабря выгружено 6 тыс. одеял.", [S]],
  ["7 декабря выгружено 3 000 кв. м оконного стекла.", [S]],
  ["К настоящему времени прибыли 26 из 54 вагонов.", [S, { verdict: S, quote: "54 вагонов" }]],
  ["Всего выгружено 26 вагонов из 54.", [S, S]],
  ["К 19 декабря выгружено 26 вагонов.", [S]],
  ["По состоянию на 20 декабря прибыло не менее 20 вагонов.", [{ verdict: S, reason: "within-qualifier" }]],
  ["Всего запланировано 54 вагона.", [S]],
  ["Вторая партия состоит из 17 вагонов.", [S]],
  ["19 декабря на склад гуманитарной помощи в Степанакерте доставлено более 250 кубометров пиломатериалов.", [S]],
  ["19 декабря в Степанакерт доставлено 300 кубометров пиломатериалов.", [S]],
  ["8 декабря на склад в Степанакерте поступило около 120 т цемента.", [S]],
  ["8 декабря на складе выгрузили шесть грузовиков.", [S]],
  ["К настоящему времени жителям роздано 1 200 одеял.", [S]],
  // contradicted
  [
    "К настоящему времени прибыли девять из 54 вагонов.",
    [{ verdict: C, value: "26", reason: "counts-recorded-only" }, S],
  ],
  ["К 19 декабря прибыли 9 из 54 вагонов.", [{ verdict: C, value: "26" }, S]],
  ["19 декабря выгружено 18 вагонов.", [{ verdict: C, value: "17" }]],
  ["18 декабря выгрузили 17 вагонов.", [{ verdict: C, reason: "other-days" }]],
  ["19 декабря выгружено 400 кубометров пиломатериалов.", [C]],
  ["Партия состоит из 50 вагонов.", [{ verdict: C, value: "54" }]],
  ["19 декабря выгружены две платформы с автокраном.", [{ verdict: C, reason: "carrier-differs" }]],
  ["19 декабря выгружено 12 000 одеял.", [C]],
  ["К настоящему времени выгружено менее 10 вагонов.", [C]],
  ["15 декабря на склад прибыли десять грузовиков.", [{ verdict: C, reason: "other-days" }]],
  ["19 декабря на склад доставлено 600 кубометров пиломатериалов.", [{ verdict: C, value: "300" }]],
  ["Всего прибыло 54 вагона.", [C]],
  // not checkable
  ["Завтра будет выгружено 17 вагонов.", [{ verdict: N, reason: "unreadable" }]],
  ["Прибытие 17 вагонов пока не зарегистрировано.", [N]],
  ["19 декабря выгружено 300 тонн пиломатериалов.", [N]],
  ["19 декабря выгружено 200 т риса.", [N]],
  ["19 декабря доставлено 5 т гуманитарной помощи.", [N]],
  // no claims at all
  ["В 1992–1994 годах конфликт охватил семь прилегающих районов.", []],
  ["Переговоры ведутся с 1992 года под эгидой трёх сопредседателей.", []],
];

describe("the claims corpus in English", () => {
  it("has at least 40 sentences", () => expect(ENGLISH.length).toBeGreaterThanOrEqual(40));
  it.each(ENGLISH)("%s", (text, expected) => expectVerdicts(text, expected));
});

describe("the claims corpus in Russian", () => {
  it("has at least 40 sentences", () => expect(RUSSIAN.length).toBeGreaterThanOrEqual(40));
  it.each(RUSSIAN)("%s", (text, expected) => expectVerdicts(text, expected));
});

describe("a contradicted count of recorded arrivals", () => {
  it("cites the open discrepancies of the units counted only by a later step", () => {
    const [nine] = check("So far, nine out of 54 train cars have arrived.");
    expect(nine!.discrepancies.map((d) => d.subject)).toContain("unit:P2-0");
    expect(nine!.events.length).toBe(17);
    expect(nine!.difference).toBe("-17");
    expect(nine!.record).toEqual({
      consignment: "STP-54",
      metric: "arrived",
      claimed: 9,
      ofTotal: 54,
      asOf: "2020-12-20",
    });
  });
});
