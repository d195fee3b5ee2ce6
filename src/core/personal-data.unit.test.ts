import { describe, expect, it } from "vitest";
import { findPersonalData } from "./personal-data.ts";

describe("a distribution note", () => {
  it.each([
    ["Contact: anna.p@mail.am", "e-mail address"],
    ["called +374 (97) 12-34-56", "phone number"],
    ["tel 097123456", "phone number"],
    ["passport AB1234567", "ID or passport number"],
    ["ID no: 5801234567", "ID or passport number"],
  ])("flags %j as holding a %s", (note, kind) => {
    expect(findPersonalData(note)).toBe(kind);
  });

  it.each([
    "School gym, morning shift, 2020-12-20",
    "120 households, 410 people",
    "Distributed 19.12.2020 at 10:30",
    "1500 m² glass, 40 blankets damaged",
  ])("lets %j through", (note) => {
    expect(findPersonalData(note)).toBeUndefined();
  });
});
