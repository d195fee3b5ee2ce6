import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { craftZip, paddedSheet, SHEET, withFile, workbookFiles } from "../../test/helpers/crafted-zip.ts";
import { needsFromRows, readNeedSheet } from "./needs-sheet.ts";

const header = ["neighbourhood", "item", "quantity", "households", "people", "source", "assessedOn"];

describe("reading a needs sheet", () => {
  it("reads an XLSX sheet with numbers and dates into need inputs", async () => {
    const buffer = await writeXlsxFile([header, ["N1", "LUMBER", 40, 120, 410, "RA", "2020-12-15"]]).toBuffer();
    const { needs, errors } = needsFromRows(await readNeedSheet("xlsx", buffer));
    expect(errors).toEqual([]);
    expect(needs).toEqual([
      {
        neighbourhood: "N1",
        item: "LUMBER",
        quantity: "40",
        households: 120,
        people: 410,
        source: "RA",
        assessedOn: "2020-12-15",
      },
    ]);
  });

  it("names the row and column of an empty required cell and of a bad count", async () => {
    const { errors } = needsFromRows([header, ["N1", "", "40", "many", "410", "RA", "2020-12-15"]]);
    expect(errors.map((e) => e.field)).toEqual(["/rows/2/item", "/rows/2/households"]);
  });

  it("refuses a column that could hold personal data", () => {
    const { errors } = needsFromRows([
      [...header, "head of household"],
      ["N1", "LUMBER", "1", "1", "1", "RA", "2020-12-15", "A. Petrosyan"],
    ]);
    expect(errors[0]).toMatchObject({ field: "/rows/1/head of household" });
    expect(errors[0]!.message).toMatch(/no names or other personal data/);
  });

  it("refuses a file that is not a spreadsheet as bad input, not a crash", async () => {
    await expect(readNeedSheet("xlsx", Buffer.from("not a zip"))).rejects.toMatchObject({
      code: "invalid",
      errors: [{ field: "/content" }],
    });
  });

  it("refuses a sheet that would unpack past 16 MB, naming /content and the bound, before inflating it", async () => {
    const parts = await workbookFiles([header, ["N1", "LUMBER", 40, 120, 410, "RA", "2020-12-15"]]);
    const bomb = craftZip(withFile(parts, { name: SHEET, data: paddedSheet(10), declaredSize: 1.5e9 }));
    const message = "the sheet would unpack to more than 16 MB (its files declare 1,500 MB)";
    await expect(readNeedSheet("xlsx", bomb)).rejects.toMatchObject({
      code: "too-large",
      message: `the XLSX file was refused: ${message}`,
      errors: [{ field: "/content", message }],
    });
  });
});
