import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { craftZip, paddedSheet, SHEET, withFile, workbookFiles } from "../../test/helpers/crafted-zip.ts";
import { ManifestFileError, readManifestFile } from "./manifest-file.ts";

const CSV = "unit,item,quantity,uom\n24073082,ДОСКА,60,MTQ\n24073082,МУКА,2.5,TNE\n";
const dir = mkdtempSync(join(tmpdir(), "reliefline-manifest-"));
const saved = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
// Windows-1251 bytes of the same text: А–я are 0xC0–0xFF in order.
const cp1251 = (text: string) =>
  Buffer.from([...text].map((c) => (c >= "А" && c <= "я" ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));

describe("a manifest CSV", () => {
  it.each([
    ["UTF-8", Buffer.from(CSV, "utf8")],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, "utf8")])],
    ["UTF-16 with a BOM", utf16le(CSV)],
    ["Windows-1251", cp1251(CSV)],
  ])("saved as %s reads the same rows", async (name, bytes) => {
    const { rows } = await readManifestFile(saved(`${name}.csv`, bytes));
    expect(rows).toEqual([
      { unit: "24073082", item: "ДОСКА", quantity: "60", uom: "MTQ" },
      { unit: "24073082", item: "МУКА", quantity: "2.5", uom: "TNE" },
    ]);
  });

  it("in an encoding it cannot read is refused, naming it", async () => {
    const latin1 = Buffer.from("unit,item,quantity\n24073082,Farine complète pour l'hôpital,2\n", "latin1");
    await expect(readManifestFile(saved("latin1.csv", latin1))).rejects.toThrow(ManifestFileError);
    await expect(readManifestFile(saved("latin1.csv", latin1))).rejects.toThrow(/Windows-1252/);
  });
});

describe("a manifest XLSX", () => {
  const rows = [
    ["unit", "item", "quantity"],
    ["24073082", "LUMBER", 19],
  ];

  it("reads the rows of a real workbook", async () => {
    const { rows: read } = await readManifestFile(saved("good.xlsx", craftZip(await workbookFiles(rows))));
    expect(read).toEqual([{ unit: "24073082", item: "LUMBER", quantity: "19" }]);
  });

  it("that would unpack past 64 MB is refused before it is inflated, saying so", async () => {
    const files = withFile(await workbookFiles(rows), { name: SHEET, data: paddedSheet(10), declaredSize: 1.5e9 });
    const path = saved("bomb.xlsx", craftZip(files));
    await expect(readManifestFile(path)).rejects.toThrow(ManifestFileError);
    await expect(readManifestFile(path)).rejects.toThrow(
      `${path}: the XLSX file was refused: the sheet would unpack to more than 64 MB (its files declare 1,500 MB)`,
    );
  });

  it("that is no workbook is refused as such, not a crash", async () => {
    await expect(readManifestFile(saved("text.xlsx", Buffer.from("unit,item")))).rejects.toThrow(
      /the XLSX file could not be read: it is not a ZIP archive/,
    );
  });
});
