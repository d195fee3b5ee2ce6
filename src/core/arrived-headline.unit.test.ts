// The lead figure reads the same on the dashboard, the public page and the sitrep: one rule.
import { describe, expect, it } from "vitest";
import { arrivedHeadline } from "./arrived-headline.ts";

describe("the lead figure's words", () => {
  it("names rail cars, road trucks, and units otherwise, by the consignment's mode", () => {
    expect(arrivedHeadline("en", "rail", 26, 54)).toBe("26 of 54 cars arrived");
    expect(arrivedHeadline("en", "multimodal", 26, 54)).toBe("26 of 54 cars arrived");
    expect(arrivedHeadline("en", "road", 3, 10)).toBe("3 of 10 trucks arrived");
    expect(arrivedHeadline("en", "air", 1, 2)).toBe("1 of 2 units arrived");
    expect(arrivedHeadline("ru", "rail", 26, 54)).toBe("Прибыло 26 из 54 вагонов");
    expect(arrivedHeadline("ru", "road", 3, 10)).toBe("Прибыло 3 из 10 грузовиков");
    expect(arrivedHeadline("ru", "sea", 1, 2)).toBe("Прибыло 1 из 2 единиц");
  });

  it("takes the noun's form from the planned count", () => {
    expect(arrivedHeadline("en", "rail", 1, 1)).toBe("1 of 1 car arrived");
    expect(arrivedHeadline("ru", "rail", 20, 21)).toBe("Прибыло 20 из 21 вагона");
    expect(arrivedHeadline("ru", "rail", 0, 3)).toBe("Прибыло 0 из 3 вагонов");
  });

  it("starts a sentence or sits inside one, and writes numbers as the caller does", () => {
    expect(arrivedHeadline("ru", "rail", 26, 54, { position: "inline" })).toBe("прибыло 26 из 54 вагонов");
    expect(arrivedHeadline("ru", "rail", 1200, 1500, { number: (n) => n.toLocaleString("ru-RU") })).toBe(
      "Прибыло 1\u00a0200 из 1\u00a0500 вагонов",
    );
  });
});
