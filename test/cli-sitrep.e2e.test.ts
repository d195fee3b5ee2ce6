// End to end: `reliefline report sitrep` in child processes on a demo data folder; the
// HTML it writes checked by axe in Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { cliEnv, runCli } from "../bench/cli-process.ts";

const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "e2e-admin-password-0" });

describe("reliefline report sitrep", () => {
  let tmp: string;
  let folder: string;
  const sitrep = (...args: string[]) => runCli(["report", "sitrep", "--data", folder, ...args], env);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "reliefline-sitrep-e2e-"));
    folder = join(tmp, "data");
    const demo = await runCli(["demo", "--data", folder], env);
    expect(demo.code, demo.output).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("prints the Russian text report on stdout, notes on stderr", async () => {
    const result = await sitrep("--from", "2020-12-19", "--to", "2020-12-19", "--lang", "ru");
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/^ОПЕРАТИВНАЯ СВОДКА\n/);
    // Unloading is reported per place: the railhead's table, headed with the leg it ends.
    expect(result.stdout).toMatch(
      /Грузовая станция Ереван \(конец железнодорожного участка[\s\S]*?19 дек\s+17 вагонов/,
    );
    expect(result.stdout.replace(/\s+/g, " ")).toContain(
      "прибыло 26 из 54 вагонов (прибытие 9 зарегистрировано, ещё 17 следует из их выгрузки)",
    );
    expect(result.stderr).not.toContain("ОПЕРАТИВНАЯ");
  }, 120_000);

  it("writes a PDF to stdout when stdout is not a terminal", async () => {
    const result = await sitrep("--from", "2020-12-01", "--to", "2020-12-19", "--format", "pdf");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith("%PDF-")).toBe(true);
  }, 120_000);

  it("refuses a period that ends before it starts, exit code 2", async () => {
    const result = await sitrep("--from", "2020-12-19", "--to", "2020-12-01");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("/from the period starts on 2020-12-19, after it ends on 2020-12-01");
  }, 120_000);

  it("writes an HTML page with --out that axe finds no accessibility violations in", async () => {
    const out = join(tmp, "sitrep.html");
    const result = await sitrep("--from", "2020-12-01", "--to", "2020-12-19", "--format", "html", "--out", out);
    expect(result.code, result.output).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('<svg role="img"');
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(pathToFileURL(out).href);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
