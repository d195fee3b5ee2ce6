// `reliefline report sitrep --from --to [--format text|html|pdf] [--lang en|ru] [--out FILE]`:
// the same application function as the API, acting as the store's administrator.
// Notes go to stderr; stdout carries only the report.
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { AppError } from "../app/errors.ts";
import { situationReport } from "../app/sitrep.ts";
import type { Lang } from "../core/reports/document.ts";
import { renderHtml } from "../core/reports/render/html.ts";
import { renderText } from "../core/reports/render/text.ts";
import { renderPdf } from "../report-render/pdf.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import type { Db } from "../store/db.ts";
import { ensureAdmin } from "./admin.ts";
import { withStore } from "./ledger-commands.ts";
import type { StoreOptions } from "./store.ts";

interface SitrepOptions extends StoreOptions {
  from: string;
  to: string;
  format: "text" | "html" | "pdf";
  lang: Lang;
  out?: string;
  operation?: string;
}

const note = (line: string) => console.error(line);

async function operationCode(db: Db, given: string | undefined): Promise<string> {
  if (given) return given;
  const all = await listOperations(db);
  if (all.length === 1) return all[0]!.code;
  throw new AppError(
    "bad-request",
    all.length === 0
      ? "there are no operations in this store"
      : `say which operation with --operation: ${all.map((o) => o.code).join(", ")}`,
  );
}

export async function sitrepCommand(options: SitrepOptions): Promise<void> {
  // Refuse before opening the store: a PDF is not for a terminal.
  if (options.format === "pdf" && !options.out && process.stdout.isTTY)
    throw new AppError("bad-request", "a PDF is not written to a terminal: give --out FILE or redirect stdout");
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, note);
    const code = await operationCode(db, options.operation);
    const doc = await situationReport(
      db,
      admin,
      code,
      { from: options.from, to: options.to, lang: options.lang },
      new Date(),
    );
    const output =
      options.format === "pdf" ? await renderPdf(doc) : options.format === "html" ? renderHtml(doc) : renderText(doc);
    if (options.out) {
      writeFileSync(options.out, output);
      note(
        `${code}: situation report for ${options.from}…${options.to} (${options.lang}, ${options.format}) written to ${options.out}`,
      );
    } else {
      process.stdout.write(output);
    }
  });
}

/** Adds `sitrep` to a `report` command group. */
export function addSitrepCommand(group: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    group
      .command("sitrep")
      .description(
        "Situation report for a period: arrivals, unloading, stock, distributions and coverage, open discrepancies",
      )
      .requiredOption("--from <YYYY-MM-DD>", "first day of the period (the operation's time zone)")
      .requiredOption("--to <YYYY-MM-DD>", "last day of the period, inclusive")
      .addOption(new Option("--format <format>", "output format").choices(["text", "html", "pdf"]).default("text"))
      .addOption(new Option("--lang <lang>", "language").choices(["en", "ru"]).default("en"))
      .option("--out <file>", "write to a file instead of stdout (required for pdf on a terminal)")
      .option("--operation <code>", "the operation (needed when the store has more than one)"),
  ).action(sitrepCommand);
}
