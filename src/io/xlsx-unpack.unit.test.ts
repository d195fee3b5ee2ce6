import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { craftZip, paddedSheet, SHEET, withFile, workbookFiles } from "../../test/helpers/crafted-zip.ts";
import { storedArchive, unpackWorkbook } from "./xlsx-unpack.ts";
import { readFirstSheet, NEEDS_SHEET_LIMITS } from "./xlsx-sheet.ts";
import { readZipDirectory, ZipRefusal } from "./zip-directory.ts";

const rows = [
  ["unit", "item", "quantity"],
  ["24073082", "LUMBER", 19],
];
const refusal = (bytes: Uint8Array) => {
  try {
    unpackWorkbook(bytes, NEEDS_SHEET_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefusal) return { message: error.message, tooLarge: error.tooLarge };
    throw error;
  }
  throw new Error("not refused");
};

describe("a workbook as written by a spreadsheet program", () => {
  it("unpacks, and its stored re-packing reads the same rows", async () => {
    const bytes = craftZip(await workbookFiles(rows));
    const files = unpackWorkbook(bytes, NEEDS_SHEET_LIMITS);
    expect(files.map((f) => f.entry.name)).toContain(SHEET);
    expect(readZipDirectory(storedArchive(files), 100).every((e) => e.method === 0)).toBe(true);
    expect(await readFirstSheet(bytes, NEEDS_SHEET_LIMITS)).toEqual([rows[0], ["24073082", "LUMBER", 19]]);
  });

  it("may hold large files it does not read (a picture), which count for nothing", async () => {
    const picture = { name: "xl/media/image1.png", data: Buffer.alloc(100), declaredSize: 900_000_000 };
    const bytes = craftZip([...(await workbookFiles(rows)), picture]);
    expect(await readFirstSheet(bytes, NEEDS_SHEET_LIMITS)).toHaveLength(2);
  });
});

describe("a workbook that would unpack past the bounds", () => {
  it("is refused from its directory when a small sheet declares a huge size", async () => {
    const bomb = withFile(await workbookFiles(rows), { name: SHEET, data: paddedSheet(10), declaredSize: 1.5e9 });
    expect(refusal(craftZip(bomb))).toEqual({
      message: "the sheet would unpack to more than 16 MB (its files declare 1,500 MB)",
      tooLarge: true,
    });
  });

  it("is refused when the declared sizes add up past the bound", async () => {
    const files = await workbookFiles(rows);
    const big = [1, 2, 3].map((i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: paddedSheet(6_000_000) }));
    expect(refusal(craftZip([...files, ...big]))).toMatchObject({ tooLarge: true });
  });

  it("stops inflating a sheet that lies about its size the moment it passes the declared size", async () => {
    const liar = withFile(await workbookFiles(rows), {
      name: SHEET,
      data: paddedSheet(50_000_000),
      declaredSize: 4096,
    });
    expect(refusal(craftZip(liar))).toEqual({
      message: `${SHEET} unpacks to more than the 4096 bytes its ZIP directory declares`,
      tooLarge: true,
    });
  });

  it("refuses a sheet that unpacks to less than it declares (a damaged or forged directory)", async () => {
    const short = withFile(await workbookFiles(rows), { name: SHEET, data: paddedSheet(10), declaredSize: 100_000 });
    expect(refusal(craftZip(short))).toMatchObject({
      tooLarge: false,
      message: expect.stringMatching(/not the 100000/),
    });
  });

  it("refuses a file compressed more tightly than any spreadsheet", async () => {
    const tight = withFile(await workbookFiles(rows), { name: SHEET, data: paddedSheet(8_000_000) });
    expect(refusal(craftZip(tight))).toMatchObject({
      tooLarge: true,
      message: expect.stringMatching(
        /^xl\/worksheets\/sheet1\.xml is compressed \d+ to 1; no spreadsheet .* 200 to 1$/,
      ),
    });
  });

  it("refuses an archive of too many files before reading their names", () => {
    const many = Array.from({ length: 1_001 }, (_, i) => ({ name: `xl/f${i}.xml`, data: Buffer.from("<a/>") }));
    expect(refusal(craftZip(many))).toEqual({
      message: "the workbook holds 1001 files; a spreadsheet holds at most 1000",
      tooLarge: true,
    });
  });
});

describe("a workbook that is not what it says", () => {
  it("refuses XML with a DOCTYPE (entities that could expand, 'billion laughs')", async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">${levels.join("")}]><sst><si><t>&l9;</t></si></sst>`;
    const laughs = withFile(await workbookFiles(rows), { name: "xl/sharedStrings.xml", data: Buffer.from(xml) });
    expect(refusal(craftZip(laughs))).toEqual({
      message: "xl/sharedStrings.xml declares a DOCTYPE, which no spreadsheet does",
      tooLarge: false,
    });
  });

  it("refuses bytes that are no ZIP archive, and a sheet that is not deflate data", () => {
    expect(refusal(Buffer.from("not a zip"))).toEqual({ message: "it is not a ZIP archive", tooLarge: false });
    const garbage = craftZip([{ name: SHEET, data: Buffer.from("<a/>"), method: 0 }]);
    garbage.writeUInt16LE(8, 8); // the local header and the directory now say "deflated"
    garbage.writeUInt16LE(8, garbage.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expect(refusal(garbage)).toMatchObject({ tooLarge: false, message: expect.stringMatching(/is damaged/) });
  });

  it("never fails but with a refusal, whatever bytes of a real workbook are changed", async () => {
    const bytes = craftZip(await workbookFiles(rows));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const changed = Buffer.from(bytes);
          for (const [at, value] of edits) changed[at] = value;
          try {
            unpackWorkbook(changed, NEEDS_SHEET_LIMITS);
          } catch (error) {
            expect(error).toBeInstanceOf(ZipRefusal);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
