// End to end: the real CLI given files that unpack to far more than they weigh. Importing an
// XLSX needs sheet or manifest that would unpack past its bound, and restoring a gzip file
// that unpacks to one endless line, each print the bound passed and exit 2, storing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { cliEnv, runCli } from "../bench/cli-process.ts";
import { craftZip, paddedSheet, SHEET, withFile, workbookFiles } from "./helpers/crafted-zip.ts";

let tmp: string;
let data: string;
let bomb: string;
const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "e2e-admin-password-0" });
const DECLARED = "(its files declare 1,500 MB)";

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "reliefline-bombs-e2e-"));
  data = join(tmp, "data");
  const demo = await runCli(["demo", "--data", data], env);
  expect(demo.code, demo.output).toBe(0);
  const files = await workbookFiles([
    ["neighbourhood", "item", "quantity", "source", "assessedOn"],
    ["N1", "LUMBER", 40, "RA", "2020-12-15"],
  ]);
  bomb = join(tmp, "bomb.xlsx");
  writeFileSync(bomb, craftZip(withFile(files, { name: SHEET, data: paddedSheet(10), declaredSize: 1.5e9 })));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the CLI given a decompression bomb", () => {
  it("refuses a needs sheet that would unpack past 16 MB, saying so", async () => {
    const result = await runCli(["import", "needs", bomb, "--data", data], env);
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain(
      `reliefline: the XLSX file was refused: the sheet would unpack to more than 16 MB ${DECLARED}`,
    );
  });

  it("refuses a manifest file that would unpack past 64 MB, saying so", async () => {
    const result = await runCli(["import", "manifests", bomb, "--consignment", "C1", "--data", data], env);
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain(
      `${bomb}: the XLSX file was refused: the sheet would unpack to more than 64 MB ${DECLARED}`,
    );
  });

  it("refuses to restore a gzip file that unpacks to one endless line, restoring nothing", async () => {
    // 96 gzip members of 1 MiB of "{" each: 96 MiB unpacked without a newline, about 100 KB packed.
    const member = gzipSync(Buffer.alloc(1024 * 1024, "{"), { level: 9 });
    const file = join(tmp, "endless.backup.gz");
    writeFileSync(file, Buffer.concat(Array.from({ length: 96 }, () => member)));
    const result = await runCli(["restore", file, "--data", join(tmp, "restored")], env);
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain(`${file} is not a Reliefline backup: unpacked, its line 1 is longer than 64 MB`);
    expect(result.stderr).toContain("Nothing was restored.");
  });
});
