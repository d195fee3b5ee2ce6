// End to end: `reliefline demo`, then `reliefline report press` as child processes on an
// embedded data folder: the Russian statement is the reviewed golden file, --figures adds
// the figure table, bad input exits non-zero with a message, --help explains the command.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliEnv, runCli } from "../bench/cli-process.ts";

const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "e2e-admin-password-0" });
const golden = (lang: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/press/2020-12-19.${lang}.txt`, import.meta.url)), "utf8");

describe("reliefline report press", () => {
  let folder: string;
  const run = (...args: string[]) => runCli([...args, "--data", folder], env);
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "reliefline-report-"));
    const demo = await run("demo");
    expect(demo.code, demo.output).toBe(0);
  }, 240_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("prints the demo's Russian statement for 19 December 2020 and, with --figures, the figures and their queries", async () => {
    const ru = await run("report", "press", "--date", "2020-12-19", "--lang", "ru");
    expect(ru.code, ru.output).toBe(0);
    expect(ru.stdout).toBe(golden("ru"));
    const en = await run("report", "press", "--date", "2020-12-19", "--figures", "--operation", "STP-RAIL-2020");
    expect(en.code, en.output).toBe(0);
    expect(en.stdout.startsWith(golden("en"))).toBe(true);
    expect(en.stdout).toMatch(/STP-54\/unloaded-units\s+17 units/);
    expect(en.stdout).toContain("17 arrivals were not recorded but follow from the unloading — see discrepancies");
    expect(en.stdout).toMatch(/STP-54\/arrived\s+26 units/);
    expect(en.stdout).toMatch(/STP-54\/unloaded\/LUMBER\s+300 m³/);
    expect(en.stdout).not.toMatch(/\b(MTQ|H87)\b/);
  }, 120_000);

  it("leads progress with 26 of 54 arrived, 9 recorded, in text without Rec 20 codes", async () => {
    const progress = await run("progress");
    expect(progress.code, progress.output).toBe(0);
    expect(progress.stdout).toContain(
      "26 of 54 arrived (9 arrivals recorded; 17 inferred from their unloading); 26 of 54 unloaded",
    );
    expect(progress.stdout).not.toMatch(/\b(MTQ|H87|TNE|MTK)\b/);
  }, 120_000);

  it("refuses to publish the 19 December statement while open discrepancies touch it, then publishes it acknowledged", async () => {
    const refused = await run("publish", "statement", "--date", "2020-12-19", "--lang", "ru");
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain("Nothing was published: 18 open discrepancies touch its figures.");
    const ids = /--acknowledge (\S+) --note/.exec(refused.output)![1]!;
    expect(ids.split(",")).toHaveLength(18);
    const noNote = await run("publish", "statement", "--date", "2020-12-19", "--lang", "ru", "--acknowledge", ids);
    expect(noNote.code).not.toBe(0);
    const done = await run(
      "publish",
      "statement",
      "--date",
      "2020-12-19",
      "--lang",
      "ru",
      "--acknowledge",
      ids,
      "--note",
      "Arrivals are being confirmed",
    );
    expect(done.code, done.output).toBe(0);
    expect(done.stdout).toContain("With 18 open discrepancies acknowledged: Arrivals are being confirmed");
  }, 120_000);

  it("exits non-zero with a message for a date that is not on the calendar or an unknown operation", async () => {
    const bad = await run("report", "press", "--date", "2020-13-01");
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain("date 2020-13-01 is not a calendar date");
    const unknown = await run("report", "press", "--date", "2020-12-19", "--operation", "NOPE");
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain("operation NOPE does not exist");
  }, 120_000);

  it("explains itself in --help", async () => {
    const help = await runCli(["report", "press", "--help"], env);
    expect(help.code, help.output).toBe(0);
    for (const pattern of [
      /--date <YYYY-MM-DD>/,
      /--lang <lang>/,
      /--figures/,
      /--operation <code>/,
      /every figure in the statement is a query/i,
    ])
      expect(help.stdout).toMatch(pattern);
  }, 60_000);
});
