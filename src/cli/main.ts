// The reliefline command line: thin commands over the same application functions as the API.
import { StorageFullError } from "../store/disk-room.ts";
import { Command, Option } from "commander";
import { VERSION } from "../version.ts";
import { startCommand } from "./start.ts";
import { distributeCommand } from "./distribute.ts";
import { demoCommand, rebuildCommand, userPasswordCommand, verifyCommand } from "./ledger-commands.ts";
import { StoreBusyError, StoreMissingError } from "./store.ts";
import { storeOptions } from "./store-options.ts";
import { registerBackupCommands } from "./backup-commands.ts";
import { MigrationChangedError } from "../store/migrate.ts";
import { AppError } from "../app/errors.ts";
import { unreachable } from "../store/unavailable.ts";
import { CitusWorkerError } from "../store/citus.sql.ts";
import { exchangeCommands } from "./exchange-commands.ts";
import { registerTrackingCommands } from "./tracking-main.ts";
import { registerAllocationCommands } from "./allocation-commands.ts";
import { registerReportCommands } from "./report-commands.ts";
import { registerPublishCommand } from "./publish-command.ts";
import { registerClaimsCommand } from "./claims-command.ts";

const program = new Command()
  .name("reliefline")
  .description(
    "Humanitarian relief logistics tracker: consignments, transport units, a tamper-evident ledger and double-entry stock.",
  )
  .version(VERSION);

storeOptions(
  program
    .command("start")
    .description("Start the API and web UI on one port (an empty embedded database gets the demo operation)")
    .addOption(new Option("--port <port>", "port to listen on").default("8080").env("PORT"))
    .addOption(new Option("--host <host>", "address to listen on").default("127.0.0.1").env("HOST"))
    .option("--no-demo", "do not load the demo operation into an empty embedded database")
    .addOption(
      new Option("--log-level <level>", "JSON request logs on stdout from this level (silent: none)")
        .choices(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
        .default("info")
        .env("RELIEFLINE_LOG_LEVEL"),
    ),
).action(startCommand);

storeOptions(
  program.command("demo").description("Load the demo operation (rail aid to Stepanakert, to 19 December 2020)"),
).action(demoCommand);

storeOptions(
  program
    .command("verify")
    .description(
      "Walk the hash chain of every operation (or one) and report the first altered or missing event; with --export, check a ledger export file instead (no database)",
    )
    .option("--operation <code>", "verify one operation only")
    .option("--export <file>", "check this ledger export (from `reliefline export ledger`) instead of a database")
    .option("--hash <hash>", "with --export: a published hash that must be the ledger head at some seq of the export")
    .option("--seq <n>", "with --hash: the seq where it must be the head"),
).action(verifyCommand);

storeOptions(
  program
    .command("rebuild")
    .description("Rebuild the stock projections by replaying the events")
    .option("--operation <code>", "rebuild one operation only"),
).action(rebuildCommand);

storeOptions(
  program
    .command("reset-password")
    .description(
      "Give a user a new one-time password (when the administrator's is lost); ends their sessions, API tokens and device sign-ins",
    )
    .argument("<email>", "the user's email"),
).action(userPasswordCommand);

storeOptions(
  program
    .command("distribute")
    .description(
      "On a Citus coordinator: distribute the tables by operation_id (start does it too) and show where they live",
    ),
).action(distributeCommand);

exchangeCommands(program, storeOptions);
registerTrackingCommands(program, storeOptions);
registerAllocationCommands(program, storeOptions);
registerReportCommands(program, storeOptions);
registerPublishCommand(program, storeOptions);
registerClaimsCommand(program, storeOptions);
registerBackupCommands(program, storeOptions);

try {
  await program.parseAsync();
} catch (error) {
  const known = [
    StoreBusyError,
    StoreMissingError,
    MigrationChangedError,
    AppError,
    CitusWorkerError,
    StorageFullError,
  ];
  if (known.some((kind) => error instanceof kind)) {
    const more =
      error instanceof StorageFullError
        ? ". Make room on that disk; or, knowing the embedded database may stop answering if the disk fills, lower the reserve with RELIEFLINE_MIN_FREE_MB"
        : "";
    console.error(`reliefline: ${(error as Error).message}${more}`);
    process.exit(2);
  }
  const down = unreachable(error);
  if (down) {
    console.error(
      `reliefline: ${down === "worker" ? "a worker of the Citus cluster" : "the database"} cannot be reached: ${(error as Error).message}`,
    );
    process.exit(3);
  }
  throw error;
}
