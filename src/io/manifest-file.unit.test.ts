import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
