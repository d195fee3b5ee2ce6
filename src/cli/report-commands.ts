// `reliefline report …`: reports from the ledger. The group is built once; each report
// registers its own subcommand (press here; others add theirs with their own function).
import { addSitrepCommand } from "./sitrep-command.ts";
import { Command, Option } from "commander";
import type { StoreOptions } from "./store.ts";
import { withStore } from "./ledger-commands.ts";
import { ensureAdmin } from "./admin.ts";
import { writeFileSync } from "node:fs";
import { pressStatement, pressStatementDocument } from "../app/press.ts";
import { renderPdf } from "../report-render/pdf.ts";
import { renderFigures } from "../core/reports/press/render.ts";
import { PRESS_LANGS } from "../core/reports/press/statement.ts";
import { AppError } from "../app/errors.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import type { Db } from "../store/db.ts";

const note = (line: string) => console.error(line); // stdout carries the report

/** The one `reliefline report` command group; each report adds itself as a subcommand. */
export function reportGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "report") ??
    program.command("report").description("Reports generated from the ledger: every figure in them is a query result")
  );
}

/** The operation named, or the only one in the store. */
export async function reportOperation(db: Db, given: string | undefined): Promise<string> {
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

type PressOptions = StoreOptions & {
  date: string;
  lang: string;
  operation?: string;
  consignment?: string;
  figures?: boolean;
  json?: boolean;
  pdf?: string;
};

export async function pressCommand(options: PressOptions): Promise<void> {
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, note);
    const code = await reportOperation(db, options.operation);
    const wanted = {
      date: options.date,
      lang: options.lang,
      ...(options.consignment && { consignment: options.consignment }),
    };
    if (options.pdf) {
      writeFileSync(options.pdf, await renderPdf(await pressStatementDocument(db, admin, code, wanted, new Date())));
      note(`Wrote ${options.pdf}`);
      return;
    }
    const result = await pressStatement(db, admin, code, wanted, new Date());
    if (options.json) {
      const { facts: _, ...body } = result;
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    process.stdout.write(result.text);
    if (options.figures)
      process.stdout.write(
        `\nFigures (${result.operation}, ${result.date}, day in ${result.timeZone}):\n\n${renderFigures(result.figures)}`,
      );
  });
}

/** `reliefline report press`; `withStore` adds the --data / --database-url options. */
export function registerPressReport(group: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    group
      .command("press")
      .description(
        "The press statement for a day: what was unloaded, where and by whom, the consignment's progress and what happens next",
      )
      .requiredOption("--date <YYYY-MM-DD>", "the day, in the operation's time zone")
      .addOption(new Option("--lang <lang>", "language of the statement").choices([...PRESS_LANGS]).default("en"))
      .option("--operation <code>", "the operation (needed when the store holds several)")
      .option("--consignment <code>", "one consignment only (default: those unloaded that day)")
      .option("--figures", "also print every figure with the query that produced it")
      .option("--json", "print the statement and its figures (with their SQL) as JSON")
      .option("--pdf <file>", "write the statement and its figures table as a PDF file instead")
      .addHelpText(
        "after",
        `
Every figure in the statement is a query over the ledger; --figures lists them with what
each counts, --json adds the SQL and its parameters. A day with no events says so.

Examples:
  reliefline report press --date 2020-12-19 --lang ru
  reliefline report press --date 2020-12-19 --figures --operation STP-RAIL-2020`,
      ),
  ).action(pressCommand);
}

/** Adds `report` and the reports this module knows to the program. */
export function registerReportCommands(program: Command, storeOptions: (cmd: Command) => Command): void {
  const group = reportGroup(program);
  registerPressReport(group, storeOptions);
  addSitrepCommand(group, storeOptions);
}
