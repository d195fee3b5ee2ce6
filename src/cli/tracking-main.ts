// Declares the tracking commands on the reliefline program.
import type { Command } from "commander";
import { importManifestsCommand, progressCommand, reconcileCommand } from "./tracking-commands.ts";
import { ManifestFileError } from "../io/manifest-file.ts";
import { importGroup } from "./import-group.ts";

export function registerTrackingCommands(program: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    program
      .command("progress")
      .description(
        "Progress per consignment, part and leg: units loaded, departed, arrived, unloaded, received; cargo planned against delivered",
      )
      .option("--operation <code>", "one operation only")
      .option("--consignment <code>", "one consignment only"),
  ).action(progressCommand);

  storeOptions(
    program
      .command("reconcile")
      .description("Run every reconciliation rule and list the open discrepancies with what to do about each")
      .option("--operation <code>", "one operation only")
      .option("--stale-days <days>", "days in transit after which a unit counts as stale", "10")
      .option(
        "--replay-units",
        "also re-run the per-unit rules over every unit's events (they are kept current by each append)",
      ),
  ).action(reconcileCommand);

  const importCmd = importGroup(program);
  storeOptions(
    importCmd
      .command("manifests")
      .description(
        "Import manifests from a CSV or XLSX file with columns unit, item, quantity[, uom]: all rows or none",
      )
      .argument("<file>", "a .csv or .xlsx file")
      .requiredOption("--consignment <code>", "the consignment every unit in the file belongs to")
      .option("--operation <code>", "the operation (default: the only one)"),
  ).action(async (file: string, options) => {
    try {
      await importManifestsCommand(file, options);
    } catch (error) {
      if (!(error instanceof ManifestFileError)) throw error;
      console.error(`reliefline: ${error.message}`);
      process.exitCode = 2;
    }
  });
}
