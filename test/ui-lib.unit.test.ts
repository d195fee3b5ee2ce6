// The UI's small pure helpers: client event ids and event times with the place's offset.
import { describe, expect, it } from "vitest";
import { uuidv7 } from "../web/src/lib/uuidv7.ts";
import { nowLocal, zonedIso } from "../web/src/lib/zoned-time.ts";
import { canRecordArrivals } from "../web/src/app/permissions.ts";
import type { Role } from "../src/core/roles.ts";
import { highlightFigures } from "../web/src/routes/reports/highlight.ts";

describe("a client-generated UUIDv7", () => {
  it("carries the millisecond time, version 7 and the RFC variant", () => {
    const id = uuidv7(Date.parse("2020-12-19T10:30:00Z"), (b) => b.fill(0xff));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.parse("2020-12-19T10:30:00Z"));
  });

  it("sorts by time and differs between calls", () => {
    const a = uuidv7(1_000);
    const b = uuidv7(2_000);
    expect(a < b).toBe(true);
    expect(uuidv7(1_000)).not.toBe(a);
  });
});

describe("an event time entered as local time at the place", () => {
  it("gets the place's offset", () => {
    expect(zonedIso("2020-12-19T07:30", "Asia/Yerevan")).toBe("2020-12-19T07:30:00+04:00");
    expect(zonedIso("2020-11-27T09:00", "Europe/Moscow")).toBe("2020-11-27T09:00:00+03:00");
    expect(zonedIso("2020-07-01T12:00", "America/New_York")).toBe("2020-07-01T12:00:00-04:00");
  });

  it("starts the form at the place's current wall-clock time", () => {
    expect(nowLocal("Asia/Yerevan", Date.parse("2020-12-19T03:30:00Z"))).toBe("2020-12-19T07:30");
  });
});

describe("what the UI offers each role", () => {
  it("offers the arrival and unloading form to roles that may record them, and not to others", () => {
    const recorders: Role[] = ["admin", "logistician", "field-officer"];
    const others: Role[] = ["distribution-officer", "press-officer", "viewer"];
    expect(recorders.every(canRecordArrivals)).toBe(true);
    expect(others.some(canRecordArrivals)).toBe(false);
  });
});

describe("marking a statement's figures in its text", () => {
  const figures = [
    { id: "arrived", value: 9 },
    { id: "planned", value: 54 },
    { id: "lumber", value: "300" },
    { id: "big", value: 1234 },
  ];
  const marked = (text: string, lang = "en") =>
    highlightFigures(text, figures, lang)
      .filter((s) => s.figure)
      .map((s) => `${s.figure}=${s.text}`);

  it("marks each figure where its value stands alone", () => {
    expect(marked("9 of 54 cars have arrived; 300 m³ of lumber.")).toEqual(["arrived=9", "planned=54", "lumber=300"]);
  });

  it("never marks a digit inside a longer number or a date", () => {
    expect(marked("On 19 December 2020, 549 cars and 9.5 tonnes")).toEqual([]);
  });

  it("finds a figure written with the language's grouping", () => {
    expect(marked("1,234 boxes")).toEqual(["big=1,234"]);
    expect(marked(`${new Intl.NumberFormat("ru").format(1234)} коробки`, "ru")).toEqual([
      `big=${new Intl.NumberFormat("ru").format(1234)}`,
    ]);
  });

  it("keeps the whole text, in order", () => {
    const text = "Прибыло 9 из 54 вагонов.";
    expect(
      highlightFigures(text, figures, "ru")
        .map((s) => s.text)
        .join(""),
    ).toBe(text);
  });
});
