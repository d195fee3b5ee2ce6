// Which store a command opens: --data or --database-url on the command line, else the
// environment (DATABASE_URL, RELIEFLINE_DATA), else ./data. An explicit flag always wins
// over the environment, so `--data ./copy` with DATABASE_URL set opens ./copy; giving
// both flags is refused. The choice and what made it are printed when the store opens.
import { Command, Option } from "commander";
import { AppError } from "../app/errors.ts";

export const storeOptions = (cmd: Command): Command =>
  cmd
    .addOption(
      new Option("--data <folder>", "folder of the embedded database").default("./data").env("RELIEFLINE_DATA"),
    )
    .addOption(
      new Option("--database-url <url>", "use a PostgreSQL server instead of the embedded database").env(
        "DATABASE_URL",
      ),
    )
    .hook("preAction", (_hooked, action) => chooseStore(action));

export function chooseStore(command: Command): void {
  const dataFrom = command.getOptionValueSource("data");
  const urlFrom = command.getOptionValueSource("databaseUrl");
  if (command.getOptionValue("databaseUrl") === undefined) {
    command.setOptionValue(
      "chosenBy",
      dataFrom === "cli" ? "--data" : dataFrom === "env" ? "RELIEFLINE_DATA" : "the default",
    );
    return;
  }
  if (dataFrom === "cli" && urlFrom === "cli")
    throw new AppError("bad-request", "give --data or --database-url, not both");
  if (dataFrom === "cli") {
    // --data on the command line beats a DATABASE_URL from the environment.
    command.setOptionValueWithSource("databaseUrl", undefined, "cli");
    command.setOptionValue("chosenBy", "--data, over DATABASE_URL");
    return;
  }
  command.setOptionValue(
    "chosenBy",
    urlFrom === "cli"
      ? dataFrom === "env"
        ? "--database-url, over RELIEFLINE_DATA"
        : "--database-url"
      : "DATABASE_URL",
  );
}
