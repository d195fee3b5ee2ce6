import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkUnitNumber,
  detectScheme,
  formatUnitNumber,
  iso6346CheckDigit,
  iso6346Remainder,
  luhnCheckDigit,
  normaliseUnitNumber,
  plateSkeleton,
  railWagonKind1520,
} from "./identifiers.ts";

/** The wrong reading: plain weighted sum 2-1-2-1…, products not reduced to their digit sum. */
const plainWeightedCheck = (payload: string): number =>
  (10 - ([...payload].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 2 : 1), 0) % 10)) % 10;

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));
/** Changes the digit at `at` by `shift` (mod 10). */
const mutate = (s: string, at: number, shift: number) =>
  s.slice(0, at) + String((Number(s.charAt(at)) + shift) % 10) + s.slice(at + 1);

describe("the Luhn 2-1-2-1 check digit", () => {
  it.each([
    ["21812471217", 3],
    ["51800843001", 0],
    ["21801559084", 5],
    ["33874950003", 3],
    ["2407308", 2],
    ["5451234", 8],
    ["6012345", 2],
    ["7453000", 7],
    ["9999999", 7],
  ])("gives the worked-example check digit for %s → %i", (payload, check) => {
    expect(luhnCheckDigit(payload)).toBe(check);
  });

  it("sums the digits of two-digit products (a plain weighted sum would give 6, 2, 7 instead of 3, 0, 5)", () => {
    const published = ["21812471217", "51800843001", "21801559084"];
    expect(published.map(plainWeightedCheck)).toEqual([6, 2, 7]);
    expect(published.map(luhnCheckDigit)).toEqual([3, 0, 5]);
  });

  it("solves the workbook puzzle x454888 / 5 with exactly x = 2 (and the plain reading has no solution)", () => {
    const xs = [..."0123456789"];
    expect(xs.filter((x) => luhnCheckDigit(`${x}454888`) === 5)).toEqual(["2"]);
    expect(xs.filter((x) => plainWeightedCheck(`${x}454888`) === 5)).toEqual([]);
  });

  it("refuses anything but digits", () => {
    expect(() => luhnCheckDigit("12a4")).toThrow(RangeError);
    expect(() => luhnCheckDigit("")).toThrow(RangeError);
  });
});

describe("a UIC 12-digit wagon number", () => {
  it("accepts the published example 21 81 2471 217-3", () => {
    expect(checkUnitNumber("21 81 2471 217-3")).toEqual({ status: "valid", scheme: "uic12", number: "218124712173" });
  });

  it.each(["218124712173", "518008430010", "218015590845", "338749500033", "21 80 155 9 084-5"])(
    "accepts the valid vector %s",
    (n) => {
      expect(checkUnitNumber(n).status).toBe("valid");
    },
  );

  it("rejects 218124712174 and names the expected check digit", () => {
    const result = checkUnitNumber("218124712174");
    expect(result).toMatchObject({ status: "bad-check-digit", scheme: "uic12", expected: "3", found: "4" });
    expect(result.status === "bad-check-digit" && result.message).toBe(
      "Wagon number 21 81 2471 217-4 fails its check digit: with digits 21 81 2471 217 the check digit should be 3, not 4. " +
        "Check the number on the wagon; if it reads exactly so, confirm it as read.",
    );
  });

  it("catches the transposition 21 81 2471 271-3, whose own check digit is 0", () => {
    expect(checkUnitNumber("218124712713")).toMatchObject({ status: "bad-check-digit", expected: "0", found: "3" });
    expect(checkUnitNumber("218124712710").status).toBe("valid");
  });

  it("reports letters in a wagon number as malformed", () => {
    const result = checkUnitNumber("21 81 247I 2O7-3", "uic12");
    expect(result).toMatchObject({ status: "malformed", scheme: "uic12", number: "2181247I2O73" });
    expect(result.status === "malformed" && result.message).toMatch(/a UIC wagon number has 12 digits.*"I", "O"/);
  });

  it("reports a wrong length as malformed when the scheme is given", () => {
    const result = checkUnitNumber("21 81 2471 217", "uic12");
    expect(result.status === "malformed" && result.message).toContain("a UIC wagon number has 12 digits; got 11");
  });

  it("is displayed as 21 81 2471 217-3", () => {
    expect(formatUnitNumber("218124712173", "uic12")).toBe("21 81 2471 217-3");
  });
});

describe("a 1520 mm 8-digit freight wagon number", () => {
  it.each(["24073082", "54512348", "60123452", "74530007", "99999997"])("accepts the valid vector %s", (n) => {
    expect(checkUnitNumber(n)).toEqual({ status: "valid", scheme: "rail1520", number: n });
  });

  it("rejects 24073083 with a message for the logistics officer", () => {
    expect(checkUnitNumber("2407 3083")).toEqual({
      status: "bad-check-digit",
      scheme: "rail1520",
      number: "24073083",
      expected: "2",
      found: "3",
      message:
        "Wagon number 24073083 fails its check digit: with digits 2407308 the check digit should be 2, not 3. " +
        "Check the number on the wagon; if it reads exactly so, confirm it as read.",
    });
  });

  it("reports a wrong length as malformed when the scheme is given", () => {
    const result = checkUnitNumber("2407308", "rail1520");
    expect(result.status === "malformed" && result.message).toContain(
      "a 1520 mm freight wagon number has 8 digits; got 7",
    );
    expect(checkUnitNumber("218124712173", "rail1520").status).toBe("malformed");
  });

  it.each([
    ["24073082", "covered"],
    ["34073082", "special"],
    ["44073082", "flatcar"],
    ["54512348", "own"],
    ["60123452", "gondola"],
    ["74530007", "tank"],
    ["84073082", "refrigerated"],
    ["99999997", "special"],
    ["04073082", undefined],
    ["14073082", undefined],
    ["2407308", undefined],
  ])("reads the wagon kind of %s as %s", (n, kind) => {
    expect(railWagonKind1520(n)).toBe(kind);
  });

  it("is displayed as plain 8 digits", () => {
    expect(formatUnitNumber("2407-3082", "rail1520")).toBe("24073082");
  });
});

describe("an ISO 6346 container number", () => {
  it("accepts the published example csqu 305438 3 typed in lower case", () => {
    expect(checkUnitNumber("csqu 305438 3")).toEqual({ status: "valid", scheme: "iso6346", number: "CSQU3054383" });
  });

  it.each([
    ["CSQU305438", 3],
    ["MSKU907032", 3],
    ["TCNU123456", 5],
    ["ABCU000000", 1],
  ])("gives the worked-example check digit for %s → %i", (first10, check) => {
    expect(iso6346CheckDigit(first10)).toBe(check);
    expect(checkUnitNumber(`${first10}${check}`).status).toBe("valid");
  });

  it("values letters from A = 10 upwards, skipping multiples of 11", () => {
    const table =
      "A10 B12 C13 D14 E15 F16 G17 H18 I19 J20 K21 L23 M24 N25 O26 P27 Q28 R29 S30 T31 U32 V34 W35 X36 Y37 Z38";
    for (const entry of table.split(" ")) {
      const value = Number(entry.slice(1));
      expect(iso6346Remainder(`${entry.charAt(0)}000000000`)).toBe(value % 11);
      expect(iso6346Remainder(`0${entry.charAt(0)}00000000`)).toBe((2 * value) % 11);
    }
  });

  it("rejects CSQU3054384 and names the expected check digit", () => {
    const result = checkUnitNumber("CSQU3054384");
    expect(result).toMatchObject({ status: "bad-check-digit", scheme: "iso6346", expected: "3", found: "4" });
    expect(result.status === "bad-check-digit" && result.message).toBe(
      "Container number CSQU 305438 4 fails its check digit: with CSQU 305438 the check digit should be 3, not 4. " +
        "Check the number on the container; if it reads exactly so, confirm it as read.",
    );
  });

  it("writes a remainder of 10 as 0 and says so when the digit is wrong", () => {
    expect(iso6346Remainder("ABCU000007")).toBe(10);
    expect(iso6346CheckDigit("ABCU000007")).toBe(0);
    expect(checkUnitNumber("ABCU0000070").status).toBe("valid");
    const result = checkUnitNumber("ABCU0000071");
    expect(result).toMatchObject({ status: "bad-check-digit", expected: "0", found: "1" });
    expect(result.status === "bad-check-digit" && result.message).toContain("remainder 10, which ISO 6346 writes as 0");
  });

  it("rejects a category letter other than U, J or Z", () => {
    const result = checkUnitNumber("CSQX 305438 3", "iso6346");
    expect(result).toMatchObject({ status: "malformed", scheme: "iso6346", number: "CSQX3054383" });
    expect(result.status === "malformed" && result.message).toMatch(
      /must be U \(freight container\), J .* or Z .*; got X/,
    );
    expect(checkUnitNumber("CSQJ3054383", "iso6346").status).not.toBe("malformed");
  });

  it("reports wrong length, digits in the owner code and Cyrillic look-alikes as malformed", () => {
    const short = checkUnitNumber("CSQU305438", "iso6346");
    expect(short.status === "malformed" && short.message).toContain("has 11 characters");
    expect(short.status === "malformed" && short.message).toContain("got 10");
    expect(checkUnitNumber("C5QU3054383", "iso6346").status).toBe("malformed");
    expect(checkUnitNumber("CSQU30543B3", "iso6346").status).toBe("malformed");
    const cyrillic = checkUnitNumber("СSQU3054383", "iso6346"); // first letter is Cyrillic С
    expect(cyrillic.status === "malformed" && cyrillic.message).toContain("Latin letters");
  });

  it("is displayed as CSQU 305438 3", () => {
    expect(formatUnitNumber("csqu3054383", "iso6346")).toBe("CSQU 305438 3");
  });
});

describe("normalisation and scheme detection", () => {
  it.each([
    ["21 81 2471 217-3", "218124712173"],
    ["csqu 305438 3", "CSQU3054383"],
    ["2407.308-2", "24073082"],
    ["\t21\u00a081\u20132471 217\u20113 ", "218124712173"],
  ])("normalises %j to %s", (raw, normalised) => {
    expect(normaliseUnitNumber(raw)).toBe(normalised);
  });

  it.each([
    ["21 81 2471 217-3", "uic12"],
    ["2407308-2", "rail1520"],
    ["CSQU 305438 3", "iso6346"],
    ["MSKJ9070323", "iso6346"],
    ["ABCZ0000001", "iso6346"],
    ["CSQX3054383", "plate"],
    ["21812471217", "plate"],
    ["А 123 ВС 77", "plate"],
  ])("detects %s as %s", (raw, scheme) => {
    expect(detectScheme(raw)).toBe(scheme);
  });
});

describe("a vehicle plate", () => {
  it("accepts a Cyrillic plate, collapsing whitespace and upper-casing", () => {
    expect(checkUnitNumber("А 123 ВС 77")).toEqual({ status: "unchecked", scheme: "plate", number: "А 123 ВС 77" });
    expect(checkUnitNumber("  а  123\tвс 77 ")).toEqual({
      status: "unchecked",
      scheme: "plate",
      number: "А 123 ВС 77",
    });
  });

  it("accepts hyphens and other alphabets, up to 20 characters", () => {
    expect(checkUnitNumber("ka-01 ab 1234", "plate")).toMatchObject({ status: "unchecked", number: "KA-01 AB 1234" });
    expect(checkUnitNumber("ΚΗΧ-1234").status).toBe("unchecked");
    expect(checkUnitNumber("A".repeat(20)).status).toBe("unchecked");
  });

  it("reports an empty, over-long or punctuated plate as malformed", () => {
    expect(checkUnitNumber("   ", "plate").status).toBe("malformed");
    const long = checkUnitNumber("A".repeat(21));
    expect(long.status === "malformed" && long.message).toContain("at most 20 characters; got 21");
    const dotted = checkUnitNumber("AB.123/CD");
    expect(dotted.status === "malformed" && dotted.message).toContain('"/"');
  });
});

describe("a plate's skeleton (what it looks like)", () => {
  it("is the same for Latin and Cyrillic or Greek look-alike letters, spacing, hyphens and full-width forms", () => {
    for (const same of ["А123ВС77", "a 123 bc-77", "Ａ１２３ＢＣ７７", "A\u00a0123 BC 77"])
      expect(plateSkeleton(same), same).toBe(plateSkeleton("A123BC77"));
    expect(plateSkeleton("A123BC77")).toBe("A123BC77");
    expect(plateSkeleton("ΚΗΧ-1234")).toBe(plateSkeleton("KHX 1234"));
  });

  it("differs when a letter or digit does", () => {
    expect(plateSkeleton("A123BC78")).not.toBe(plateSkeleton("A123BC77"));
    expect(plateSkeleton("Б123ВС77")).not.toBe(plateSkeleton("A123BC77"));
    expect(plateSkeleton("Д123ВС77")).not.toBe(plateSkeleton("Б123ВС77"));
  });
});

describe("check-digit properties", () => {
  const change = (n: number) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 9 }));

  it.each([
    ["uic12", 11],
    ["rail1520", 7],
  ] as const)("makes any payload a valid %s number, and any single changed digit invalid", (scheme, length) => {
    fc.assert(
      fc.property(digits(length), change(length + 1), (payload, [at, shift]) => {
        const number = payload + luhnCheckDigit(payload);
        expect(checkUnitNumber(number)).toEqual({ status: "valid", scheme, number });
        expect(checkUnitNumber(mutate(number, at, shift)).status).toBe("bad-check-digit");
      }),
    );
  });

  it("detects any single changed serial digit of a container number unless a remainder of 10 is involved", () => {
    const owner = fc
      .array(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"), { minLength: 3, maxLength: 3 })
      .map((a) => a.join(""));
    const first10 = fc.tuple(owner, digits(6)).map(([o, s]) => `${o}U${s}`);
    fc.assert(
      fc.property(first10, change(6), (f, [at, shift]) => {
        const changed = mutate(f, at + 4, shift);
        fc.pre(iso6346Remainder(f) !== 10 && iso6346Remainder(changed) !== 10);
        const number = f + iso6346CheckDigit(f);
        expect(checkUnitNumber(number)).toEqual({ status: "valid", scheme: "iso6346", number });
        expect(checkUnitNumber(changed + number.charAt(10)).status).toBe("bad-check-digit");
      }),
    );
  });

  it("cannot detect an error that turns remainder 0 into remainder 10 (both are written 0)", () => {
    expect([iso6346Remainder("NQIU994748"), iso6346Remainder("NQIU994708")]).toEqual([0, 10]);
    expect([checkUnitNumber("NQIU9947480").status, checkUnitNumber("NQIU9947080").status]).toEqual(["valid", "valid"]);
  });
});
