// `reliefline check-claims FILE [--date D] [--operation CODE] [--lang en|ru] [--json] [--record]`:
// reads a text (FILE, or - for standard input) for claims about the operation and checks
// each against the ledger, with the same application function as the API. Exit status
// 1 when any claim is contradicted, so a draft can be checked in a script.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { Command, Option } from "commander";
import { checkClaims, type ClaimsCheckResult } from "../app/claims-check.ts";
import { recordClaim } from "../app/reconcile.ts";
import { AppError } from "../app/errors.ts";
import { ensureAdmin } from "./admin.ts";
import { withStore } from "./ledger-commands.ts";
import { reportOperation } from "./report-commands.ts";
import type { StoreOptions } from "./store.ts";

interface CheckClaimsOptions extends StoreOptions {
  date?: string;
  operation?: string;
  lang: "en" | "ru";
  json?: boolean;
  record?: boolean;
  source?: string;
}

const note = (line: string) => console.error(line);
const MARK = { supported: "✓ supported", contradicted: "✗ CONTRADICTED", "not-checkable": "? not checkable" } as const;

function readText(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new AppError("bad-request", `cannot read ${file}: ${(error as Error).message}`);
  }
}

export function renderCheck(result: ClaimsCheckResult): string {
  const lines = [
    `Claims in the text, checked against ${result.operation} at ledger event ${result.ledger.seq} (text dated ${result.date}, ${result.dateSource}; days in ${result.timeZone})`,
    "",
  ];
  for (const c of result.claims) {
    lines.push(
      `${MARK[c.verdict]}  «${c.claim.quote.replace(/\s+/g, " ")}»  [${c.claim.span.start}–${c.claim.span.end}]`,
    );
    lines.push(`    read as: ${c.reading}`);
    lines.push(`    ${c.explanation}`);
    if (c.figure)
      lines.push(
        `    ledger: ${c.figure.label} = ${c.figure.value}${c.figure.unit === "units" ? "" : ` ${c.figure.unit}`}`,
      );
    for (const d of c.discrepancies.slice(0, 5))
      lines.push(`    open discrepancy ${d.kind} (${d.subject}): ${d.explanation}`);
    if (c.discrepancies.length > 5) lines.push(`    … and ${c.discrepancies.length - 5} more open discrepancies`);
    lines.push("");
  }
  const { supported, contradicted, notCheckable } = result.counts;
  lines.push(
    result.claims.length === 0
      ? "No claims about the operation's units or goods were found."
      : `${supported} supported, ${contradicted} contradicted, ${notCheckable} not checkable.`,
  );
  return `${lines.join("\n")}\n`;
}

export async function checkClaimsCommand(file: string, options: CheckClaimsOptions): Promise<void> {
  const text = readText(file);
  if (text.trim() === "") throw new AppError("bad-request", `${file} holds no text`);
  const contradicted = await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, note);
    const code = await reportOperation(db, options.operation);
    const now = new Date();
    const result = await checkClaims(
      db,
      admin,
      code,
      { text, ...(options.date && { date: options.date }), lang: options.lang },
      now,
    );
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderCheck(result));
    if (options.record) {
      const source = options.source ?? `check-claims ${file === "-" ? "(standard input)" : basename(file)}`;
      for (const c of result.claims) {
        if (!c.record) continue;
        const { claim } = await recordClaim(db, admin, code, { ...c.record, source }, now);
        note(`Recorded claim ${claim.id}: ${c.record.claimed} ${c.record.metric} as of ${c.record.asOf} (${source})`);
      }
    }
    return result.counts.contradicted;
  });
  if (contradicted > 0) process.exitCode = 1;
}

export function registerClaimsCommand(program: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    program
      .command("check-claims")
      .description("Check the quantitative claims in a text (English or Russian) against the ledger")
      .argument(
        "<file>",
        "the text: a draft press release, a partner's situation report, a news item (- for standard input)",
      )
      .option(
        "--date <YYYY-MM-DD>",
        "the day the text speaks from (default: a date on its first line, else the latest day with events)",
      )
      .option("--operation <code>", "the operation (needed when the store holds several)")
      .addOption(new Option("--lang <lang>", "language of the explanations").choices(["en", "ru"]).default("en"))
      .option("--json", "print every claim, its span, verdict and the ledger figure with its SQL as JSON")
      .option(
        "--record",
        "keep each claim counted to a day (units that arrived, unloaded…) in the claims table, for reconciliation",
      )
      .option("--source <text>", "with --record: where the claim was made (default: the file's name)")
      .addHelpText(
        "after",
        `
Each claim is answered supported, contradicted or not checkable, with the ledger's figure
and what explains a difference. Exit status 1 when any claim is contradicted.

Examples:
  reliefline check-claims draft.txt --date 2020-12-20
  reliefline check-claims report.txt --lang ru --json > checked.json`,
      ),
  ).action(checkClaimsCommand);
}
