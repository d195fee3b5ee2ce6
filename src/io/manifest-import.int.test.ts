import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import writeExcelFile from "write-excel-file/node";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "../app/principal.ts";
import { createConsignment } from "../app/consignments.ts";
import { registerUnits } from "../app/units.ts";
import { importManifests } from "../app/manifests.ts";
import { AppError } from "../app/errors.ts";
import { describeRowError, readManifestFile } from "./manifest-file.ts";

const dir = mkdtempSync(join(tmpdir(), "reliefline-manifests-"));
const good = [
  ["Unit", "Item", "Quantity", "UoM"],
  ["24073082", "LUMBER", "19", "MTQ"],
  ["54512348", "LUMBER", "18.5", ""],
  ["54512348", "CRANE", "1", "H87"],
];
const bad = [
  ["unit", "item", "quantity", "uom"],
  ["24073082", "LUMBER", "19", "MTQ"],
  ["24073082", "FLOUR", "-3", "TNE"],
  ["99999997", "LUMBER", "1", "TNE"],
];

async function file(name: string, rows: string[][]): Promise<string> {
  const path = join(dir, name);
  if (name.endsWith(".csv")) writeFileSync(path, rows.map((r) => r.join(",")).join("\n"));
  else
    await writeExcelFile(rows.map((r) => r.map((c, j) => (j === 2 && /^\d+(\.\d+)?$/.test(c) ? Number(c) : c)))).toFile(
      path,
    );
  return path;
}

describeOnEngines("manifest import from files", (db) => {
  let admin: Principal;
  const manifests = () =>
    db().query<{ unit_number: string; item_code: string; quantity: string }>(
      "select unit_number, item_code, trim_scale(quantity)::text as quantity from manifest_lines order by 1, line",
    );
  beforeAll(async () => {
    admin = await seedOperation(db());
    await createConsignment(db(), admin, OP, {
      code: "C1",
      name: "Two cars",
      origin: "DEPOT",
      destination: "HUB",
      plannedUnits: 2,
      mode: "rail",
      parts: [{ number: 1 }],
    });
    await registerUnits(
      db(),
      admin,
      OP,
      [
        { number: "24073082", kind: "covered-wagon", consignment: "C1", part: 1 },
        { number: "54512348", kind: "flatcar", consignment: "C1", part: 1 },
      ],
      NOW,
    );
  });

  for (const ext of ["csv", "xlsx"]) {
    describe(`a ${ext.toUpperCase()} file`, () => {
      it("imports every row of a good file", async () => {
        const { rows } = await readManifestFile(await file(`good.${ext}`, good));
        expect(await importManifests(db(), admin, OP, "C1", rows, NOW)).toEqual({ units: 2, lines: 3 });
        expect(await manifests()).toEqual([
          { unit_number: "24073082", item_code: "LUMBER", quantity: "19" },
          { unit_number: "54512348", item_code: "LUMBER", quantity: "18.5" },
          { unit_number: "54512348", item_code: "CRANE", quantity: "1" },
        ]);
      });

      it("imports nothing from a bad file and names each bad row and column", async () => {
        const before = await manifests();
        const { rows, rowNumbers } = await readManifestFile(await file(`bad.${ext}`, bad));
        const error = await importManifests(db(), admin, OP, "C1", rows, NOW).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        const described = (error as AppError).errors.map((e) => describeRowError(e, rowNumbers));
        expect(described).toEqual([
          expect.stringMatching(/^row 3, column quantity: quantity must not be negative/),
          expect.stringMatching(/^row 4, column unit: unknown transport unit 99999997/),
          expect.stringMatching(/^row 4, column uom: item LUMBER is counted in MTQ, not TNE/),
        ]);
        expect(await manifests()).toEqual(before);
      });
    });
  }

  it("refuses a file without the required header columns", async () => {
    await expect(
      readManifestFile(
        await file("noheader.csv", [
          ["unit", "qty"],
          ["24073082", "1"],
        ]),
      ),
    ).rejects.toThrow(/no column item, quantity/);
  });
});
