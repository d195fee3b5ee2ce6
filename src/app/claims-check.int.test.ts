// The claims checker against the demo, on both engines: the origin report (TASS, 20
// December 2020) has "nine out of 54 train cars have arrived" contradicted by the
// ledger's 26, and its 17 cars, 300 m³ of lumber, 54 cars and the crane on a flatcar
// supported; every figure's traced query, run as given, returns the figure.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { checkClaims, type CheckedClaimView } from "./claims-check.ts";
import { AppError } from "./errors.ts";

const origin = readFileSync(fileURLToPath(new URL("../../../shared/origin/report.txt", import.meta.url)), "utf8");
const press = (lang: string) =>
  readFileSync(fileURLToPath(new URL(`../../test/fixtures/press/2020-12-19.${lang}.txt`, import.meta.url)), "utf8");
const byQuote = (claims: CheckedClaimView[], quote: string) => {
  const found = claims.filter((c) => c.claim.quote === quote);
  expect(found, `a claim quoting "${quote}" among ${claims.map((c) => c.claim.quote).join(" | ")}`).toHaveLength(1);
  return found[0]!;
};

describeOnEngines("checking a text's claims against the ledger", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedDemo(db());
  });

  it("flags the origin report's 'nine out of 54 train cars have arrived' as contradicted: the ledger implies 26", async () => {
    const result = await checkClaims(db(), admin, DEMO, { text: origin }, NOW);
    expect(result).toMatchObject({ date: "2020-12-20", dateSource: "dateline" });
    const nine = byQuote(result.claims, "nine out of 54 train cars");
    expect(nine).toMatchObject({
      verdict: "contradicted",
      difference: "-17",
      figure: { value: "26" },
      reason: { code: "counts-recorded-only", recorded: 9, reached: 26, implied: 17 },
    });
    expect(nine.figures[0]).toMatchObject({ value: "9" });
    expect(nine.discrepancies.length).toBeGreaterThan(0);
    expect(nine.discrepancies.every((d) => d.kind === "unloaded-before-arrived")).toBe(true);
    expect(nine.events.length).toBeGreaterThan(0);
    expect(nine.record).toEqual({
      consignment: "STP-54",
      metric: "arrived",
      claimed: 9,
      ofTotal: 54,
      asOf: "2020-12-20",
    });
    expect(origin.slice(nine.claim.span.start, nine.claim.span.end)).toBe("nine out of 54 train cars");
  });

  it("supports the origin report's 17 cars, 300 m³ of lumber, the crane on a platform and the 54 cars", async () => {
    const { claims } = await checkClaims(db(), admin, DEMO, { text: origin }, NOW);
    for (const quote of [
      "17 rail cars",
      "300 cubic meters of lumber",
      "a platform with a truck-mounted crane",
      "54 train cars",
    ]) {
      expect(byQuote(claims, quote), quote).toMatchObject({ verdict: "supported" });
    }
    expect(byQuote(claims, "17 rail cars").figure).toMatchObject({ value: "17", unit: "units" });
    expect(byQuote(claims, "300 cubic meters of lumber").figure).toMatchObject({ value: "300", unit: "MTQ" });
    expect(claims).toHaveLength(5);
  });

  it.each(["en", "ru"])(
    "reads the demo's own %s press statement: nothing contradicted but a count of recorded steps only",
    async (lang) => {
      const { claims } = await checkClaims(db(), admin, DEMO, { text: press(lang), lang: lang as "en" | "ru" }, NOW);
      expect(claims.length).toBeGreaterThanOrEqual(6);
      for (const c of claims.filter((x) => x.verdict === "contradicted"))
        expect(c.reason, c.claim.quote).toMatchObject({ code: "counts-recorded-only" });
      expect(claims.filter((c) => c.verdict === "supported").length).toBeGreaterThanOrEqual(5);
    },
  );

  it("runs every figure's traced query as given and gets the figure back", async () => {
    const { claims } = await checkClaims(db(), admin, DEMO, { text: `${origin}\n${press("en")}\n${press("ru")}` }, NOW);
    const figures = claims
      .flatMap((c) => [c.figure, ...c.figures])
      .filter((f) => f !== undefined && f.id !== "planned");
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) {
      const rows = await db().query<Record<string, unknown>>(f!.query.sql, f!.query.params);
      const column = /the figure is the column (\w+)/.exec(f!.query.description)?.[1] ?? "value";
      expect(String(rows[0]?.[column] ?? "0"), f!.label).toBe(f!.value);
    }
  });

  it("answers a date that is not a calendar day as a 422 naming /date", async () => {
    const error = await checkClaims(db(), admin, DEMO, { text: "17 cars", date: "2020-02-30" }, NOW).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", errors: [{ field: "/date" }] });
  });

  // NOW is 04:00 on 1 January 2026 in Yerevan (UTC+4), the demo's time zone.
  it("states a figure for today as of the time, not 'by the end of' a day still going on", async () => {
    const text = "So far, 26 out of 54 rail cars have arrived.";
    for (const [lang, words] of [
      ["en", "by 04:00 on 1 January 2026"],
      ["ru", "к 04:00 1 января 2026 г."],
    ] as const) {
      const result = await checkClaims(db(), admin, DEMO, { text, date: "2026-01-01", lang }, NOW);
      expect(result).toMatchObject({ date: "2026-01-01", asOf: "04:00" });
      const claim = byQuote(result.claims, "26 out of 54 rail cars");
      expect(claim.verdict).toBe("supported");
      expect(claim.explanation).toContain(words);
      expect(claim.explanation).not.toMatch(/end of|концу/);
    }
    const past = await checkClaims(db(), admin, DEMO, { text, date: "2020-12-20" }, NOW);
    expect(past.asOf).toBeUndefined();
    expect(byQuote(past.claims, "26 out of 54 rail cars").explanation).toContain("by the end of 20 December 2020");
  });

  it("refuses a day that has not begun, given or on the text's first line: the ledger holds nothing about it yet", async () => {
    const refused = (request: Parameters<typeof checkClaims>[3]) =>
      checkClaims(db(), admin, DEMO, request, NOW).catch((e: unknown) => e);
    const given = await refused({ text: "So far, 26 out of 54 rail cars have arrived.", date: "2026-01-02" });
    expect(given).toBeInstanceOf(AppError);
    expect(given).toMatchObject({
      code: "invalid",
      errors: [{ field: "/date", message: "must be 2026-01-01 or earlier" }],
    });
    const dated = await refused({ text: "MOSCOW, January 2, 2026. So far, 26 out of 54 rail cars have arrived." });
    expect(dated).toMatchObject({ code: "invalid", errors: [{ field: "/text" }] });
    expect((dated as AppError).message).toContain("has not begun");
    // Given a day, the dateline no longer decides: the draft is checked as of that day.
    const asked = await checkClaims(
      db(),
      admin,
      DEMO,
      { text: "MOSCOW, January 2, 2026. So far, 26 out of 54 rail cars have arrived.", date: "2026-01-01" },
      NOW,
    );
    expect(asked.dateSource).toBe("given");
  });
});
