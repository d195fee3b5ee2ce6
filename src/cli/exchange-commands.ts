// `reliefline export epcis|hxl|csv` and `reliefline import epcis FILE`: the same
// application functions as the API, acting as the store's administrator.
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { decodeText } from "../io/text-encoding.ts";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Argument, Command, Option } from "commander";
import { openStore, type OpenOptions, type StoreOptions } from "./store.ts";
import { exportLedger } from "../app/ledger-export.ts";
import { ensureAdmin } from "./admin.ts";
import { exportEpcis, importEpcis } from "../app/epcis.ts";
import { exportCsv, TABLES, type TableName } from "../app/exports.ts";
import { AppError } from "../app/errors.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import { importGroup } from "./import-group.ts";

const note = (line: string) => console.error(line); // stdout is for the exported data

async function withAdmin<T>(
  options: StoreOptions,
  fn: (db: Db, admin: Principal) => Promise<T>,
  open: OpenOptions = {},
): Promise<T> {
  const store = await openStore(options, note, open);
  try {
    return await fn(store.db, await ensureAdmin(store.db, note));
  } finally {
    await store.release();
  }
}

/** The operation named, or the only one there is. */
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

type ExportOptions = StoreOptions & { operation?: string; out?: string; table: TableName };

export async function exportCommand(format: "epcis" | "hxl" | "csv" | "ledger", options: ExportOptions): Promise<void> {
  if (format === "ledger") return exportLedgerCommand(options);
  await withAdmin(options, async (db, admin) => {
    const code = await operationCode(db, options.operation);
    const now = new Date();
    const text =
      format === "epcis"
        ? `${JSON.stringify(await exportEpcis(db, admin, code, now), null, 2)}\n`
        : await exportCsv(db, admin, code, options.table, { hxl: format === "hxl", now });
    if (options.out) {
      writeFileSync(options.out, text);
      note(
        `${code}: ${format === "epcis" ? "EPCIS 2.0 document" : `${options.table} (${format.toUpperCase()})`} written to ${options.out}`,
      );
    } else {
      process.stdout.write(text);
    }
  });
}

/** The ledger exactly as hashed, as JSON Lines (checked by `reliefline verify --export`). */
async function exportLedgerCommand(options: ExportOptions): Promise<void> {
  await withAdmin(
    options,
    async (db, admin) => {
      const code = await operationCode(db, options.operation);
      const { header, lines } = await exportLedger(db, admin, code, new Date());
      await pipeline(Readable.from(lines), options.out ? createWriteStream(options.out) : process.stdout, {
        end: Boolean(options.out),
      });
      note(
        `${code}: ledger of ${header.head.seq} events, head hash ${header.head.hash}${options.out ? `, written to ${options.out}` : ""}`,
      );
    },
    { mustExist: true },
  );
}

export async function importCommand(
  format: "epcis",
  file: string,
  options: StoreOptions & { operation?: string },
): Promise<void> {
  let document: unknown;
  try {
    document = JSON.parse(decodeText(readFileSync(file), file).text);
  } catch (error) {
    throw new AppError("bad-request", `cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  await withAdmin(options, async (db, admin) => {
    const code = await operationCode(db, options.operation);
    try {
      const result = await importEpcis(db, admin, code, document, new Date());
      console.log(
        `${code}: ${result.events} ${format.toUpperCase()} events read, ${result.created} recorded, ${result.duplicates} already in the ledger.`,
      );
    } catch (error) {
      if (error instanceof AppError) for (const e of error.errors.slice(0, 20)) note(`  ${e.field}: ${e.message}`);
      throw error;
    }
  });
}

/** Adds `export` and `import` to the program; `withStore` adds the --data / --database-url options. */
export function exchangeCommands(program: Command, withStore: (cmd: Command) => Command): void {
  withStore(
    program
      .command("export")
      .description(
        "Export an operation: epcis (EPCIS 2.0 JSON-LD), hxl (CSV with HXL hashtags), csv, or ledger (the events exactly as hashed, JSON Lines, for verify --export)",
      )
      .addArgument(new Argument("<format>", "epcis, hxl, csv or ledger").choices(["epcis", "hxl", "csv", "ledger"]))
      .option("--operation <code>", "the operation (needed when the store holds several)")
      .option("--out <file>", "write to a file instead of standard output")
      .addOption(new Option("--table <table>", "for hxl and csv: which table").choices([...TABLES]).default("stock")),
  ).action(exportCommand);

  withStore(
    importGroup(program)
      .command("epcis")
      .description("Import an EPCIS 2.0 document into an operation: all of it or nothing")
      .argument("<file>", "the document (JSON or JSON-LD)")
      .option("--operation <code>", "the operation (needed when the store holds several)"),
  ).action((file: string, options: StoreOptions & { operation?: string }) => importCommand("epcis", file, options));
}
